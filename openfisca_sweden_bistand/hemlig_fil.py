"""A new file for a secret (the register's key, a reviewer's private key): created, never overwritten, readable and
writable by its owner only."""

from __future__ import annotations

import os
from pathlib import Path


def skriv_ny(fil: Path, data: bytes) -> None:
    """Write ``data`` to the new file ``fil`` with mode 0600, whatever the umask. A file that exists is never
    overwritten (``FileExistsError``); any other failure is the system's ``OSError``."""
    fd = os.open(fil, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
    with os.fdopen(fd, "wb") as ut:
        os.fchmod(ut.fileno(), 0o600)
        ut.write(data)
