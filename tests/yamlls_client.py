"""A small client of yaml-language-server (the server behind VS Code's YAML
extension and Neovim's yamlls), to check what an editor shows for a deck.

``YAMLLS`` is the ``yaml-language-server`` command: ``$PODIUM_YAMLLS``, else
the one on ``PATH``; ``needs_yamlls`` skips tests without it (install it
with ``npm install -g yaml-language-server``).
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

import pytest

YAMLLS = os.environ.get("PODIUM_YAMLLS") or shutil.which("yaml-language-server")
needs_yamlls = pytest.mark.skipif(
    not (YAMLLS and shutil.which("node")),
    reason="yaml-language-server is not installed (npm install -g yaml-language-server)",
)

SETTINGS = {"validate": True, "completion": True, "hover": True, "schemaStore": {"enable": False}}


class YamlLanguageServer:
    """yaml-language-server over stdio: open a file, read its diagnostics,
    ask for completion and hover, as an editor does."""

    def __init__(self, root: Path) -> None:
        assert YAMLLS is not None
        self.process = subprocess.Popen(
            [YAMLLS, "--stdio"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self.inbox: queue.Queue[dict[str, Any]] = queue.Queue()
        self.last_id = 0
        threading.Thread(target=self._read, daemon=True).start()
        self.request("initialize", {"processId": None, "rootUri": root.as_uri(), "capabilities": {
            "workspace": {"configuration": True},
            "textDocument": {"hover": {"contentFormat": ["plaintext"]}},
        }})  # fmt: skip
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": {"yaml": SETTINGS}})

    def close(self) -> None:
        self.process.kill()
        self.process.wait()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = 0
            while True:
                line = stream.readline()
                if not line:
                    return
                if not line.strip():
                    break
                name, _, value = line.decode().partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            self.inbox.put(json.loads(stream.read(length)))

    def _send(self, message: dict[str, Any]) -> None:
        data = json.dumps({"jsonrpc": "2.0", **message}).encode()
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(data) + data)
        self.process.stdin.flush()

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self._send({"method": method, "params": params})

    def _wait(self, match: Any, timeout: float = 30.0) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                message = self.inbox.get(timeout=0.2)
            except queue.Empty:
                continue
            if "method" in message and "id" in message:  # the server asks the editor
                items = message["params"].get("items", [])
                result = [SETTINGS for _ in items] if items else None
                self._send({"id": message["id"], "result": result})
            elif match(message):
                return message
        raise AssertionError("yaml-language-server did not answer")

    def request(self, method: str, params: dict[str, Any]) -> Any:
        self.last_id += 1
        number = self.last_id
        self._send({"id": number, "method": method, "params": params})
        return self._wait(lambda message: message.get("id") == number).get("result")

    def diagnostics(self, path: Path) -> list[tuple[int, int, str]]:
        """Open ``path``; its problems as (line, column, message), 1-based."""
        uri = path.resolve().as_uri()
        text = path.read_text(encoding="utf-8")
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "yaml", "version": 1, "text": text,
        }})  # fmt: skip
        message = self._wait(
            lambda message: (
                message.get("method") == "textDocument/publishDiagnostics"
                and message["params"]["uri"] == uri
            )
        )
        return [
            (each["range"]["start"]["line"] + 1, each["range"]["start"]["character"] + 1,
             each["message"])
            for each in message["params"]["diagnostics"]
        ]  # fmt: skip

    def completion(self, path: Path, line: int, column: int) -> list[str]:
        """Labels offered at a 1-based position of an opened file."""
        result = self.request("textDocument/completion", {
            "textDocument": {"uri": path.resolve().as_uri()},
            "position": {"line": line - 1, "character": column - 1},
        })  # fmt: skip
        items = result["items"] if isinstance(result, dict) else result or []
        return [item["label"] for item in items]

    def hover(self, path: Path, line: int, column: int) -> str:
        """The hover text at a 1-based position of an opened file."""
        result = self.request("textDocument/hover", {
            "textDocument": {"uri": path.resolve().as_uri()},
            "position": {"line": line - 1, "character": column - 1},
        })  # fmt: skip
        return "" if not result else str(result["contents"].get("value", ""))
