"""SHA-256 without OpenSSL: the interpreter's own implementation where it has one.

``hashlib`` loads OpenSSL's ``libcrypto`` (about 0.6 MB of a presenter's
memory) for the few short names Podium hashes: the deck's folder names, a
poll option's id, a voter's terminal. CPython ships its own SHA-256
(``_sha256`` up to 3.11, ``_sha2`` from 3.12), the one ``hashlib`` falls
back to: the same digests, bit for bit. Where neither is built in,
``hashlib`` is used.

Imports nothing but the built-in module (or :mod:`hashlib`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["sha256_hex"]


def _builtin_sha256() -> Callable[[bytes], Any]:
    try:
        from _sha2 import sha256  # type: ignore[import-not-found,unused-ignore]  # 3.12+
    except ImportError:
        try:
            from _sha256 import sha256  # type: ignore[import-not-found,no-redef,unused-ignore]
        except ImportError:
            from hashlib import sha256  # type: ignore[assignment,unused-ignore]
    return sha256  # type: ignore[no-any-return,unused-ignore]


_sha256 = _builtin_sha256()


def sha256_hex(data: bytes) -> str:
    """The SHA-256 of ``data`` in 64 lowercase hex digits, as ``hashlib`` gives it."""
    return str(_sha256(data).hexdigest())
