"""Run the CLI with every network connection refused and recorded (for the privacy tests).

    python tests/no_network.py LOG -- score answer.flac --json

Local (AF_UNIX) sockets stay allowed; any attempt to resolve a host name or connect an
internet socket is refused and appended to LOG, so a test can assert the log stays empty.
"""

from __future__ import annotations

import socket
import sys
from typing import Any

LOG = sys.argv[1]
ARGS = sys.argv[sys.argv.index("--") + 1 :]


def record(what: str) -> None:
    with open(LOG, "a", encoding="utf-8") as log:
        log.write(what + "\n")


_connect = socket.socket.connect
_connect_ex = socket.socket.connect_ex


def guarded_connect(self: socket.socket, address: Any) -> Any:
    if self.family == socket.AF_UNIX:
        return _connect(self, address)
    record(f"connect {address!r}")
    raise OSError("network access is blocked in this test")


def guarded_connect_ex(self: socket.socket, address: Any) -> Any:
    if self.family == socket.AF_UNIX:
        return _connect_ex(self, address)
    record(f"connect_ex {address!r}")
    raise OSError("network access is blocked in this test")


def guarded_getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
    record(f"getaddrinfo {host!r}")
    raise socket.gaierror("network access is blocked in this test")


socket.socket.connect = guarded_connect  # type: ignore[method-assign]
socket.socket.connect_ex = guarded_connect_ex  # type: ignore[method-assign]
socket.getaddrinfo = guarded_getaddrinfo
socket.create_connection = lambda *a, **k: guarded_connect(  # type: ignore[assignment]
    socket.socket(), a[0] if a else k.get("address")
)

from mock_interviewer.cli import main  # noqa: E402  (after the guards are in place)

sys.argv = ["mock-interviewer", *ARGS]
main()
