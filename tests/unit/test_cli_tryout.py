"""Command-line findings from trying Podium as a user: the rehearsal store's
read-only commands, and exports in the C locale; run as subprocesses."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, SEED_DECK


def podium(data_dir: Path, *args: str, locale: bool = False) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PODIUM_DATA_DIR": str(data_dir)}
    if locale:
        env.pop("PYTHONIOENCODING", None)
        env.update(LC_ALL="C", LANG="C", PYTHONUTF8="0")
    return subprocess.run(
        [sys.executable, "-m", "tui", *args], capture_output=True, cwd=REPO, env=env, timeout=60
    )


def test_rehearse_history_and_report_create_no_store(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    for fmt in ("table", "csv", "json"):
        history = podium(data, "rehearse", str(SEED_DECK), "--history", "--format", fmt)
        assert history.returncode == 0, history.stderr
        assert b"Traceback" not in history.stderr
    assert b"No rehearsals of this deck yet" in podium(data, "rehearse", str(SEED_DECK), "--history").stdout
    report = podium(data, "rehearse", str(SEED_DECK), "--report")
    assert report.returncode == 2 and b"no rehearsals of" in report.stderr
    assert list(data.iterdir()) == []
    missing = tmp_path / "not-yet"
    podium(missing, "rehearse", str(SEED_DECK), "--history")
    assert not missing.exists()
