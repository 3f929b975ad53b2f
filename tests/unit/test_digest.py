"""SHA-256 names without OpenSSL: the same digests as hashlib's."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from tui.deck.poll_options import derive_option_ids
from tui.digest import sha256_hex
from tui.paths import deck_key

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("data", [b"", b"abc", "/talks/æøå.yaml".encode(), bytes(range(256)) * 9])
def test_the_digest_is_hashlibs(data: bytes) -> None:
    assert sha256_hex(data) == hashlib.sha256(data).hexdigest()


def test_names_made_from_digests_are_unchanged(tmp_path: Path) -> None:
    """Folder names and option ids (stored with the votes) stay what they were."""
    deck = tmp_path / "talk.yaml"
    assert (
        deck_key(deck, digits=12) == hashlib.sha256(str(deck.resolve()).encode()).hexdigest()[:12]
    )
    ids = derive_option_ids("q", ["Ja", "Ja!"])  # one slug for both: suffixed with the digest
    assert ids[1].endswith(hashlib.sha256(b"q\nJa!").hexdigest()[:6]), ids


def test_presenting_a_deck_loads_no_openssl() -> None:
    code = (
        "import sys\n"
        "import tui.app, tui.cli.present, tui.cli.session\n"
        "from tui.app import make_app\n"
        "from tui.deck import load_deck\n"
        "make_app(load_deck('slides.yaml'))\n"
        "print(sorted(m for m in ('hashlib', '_hashlib') if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
