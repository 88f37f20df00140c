"""The git commit of a source checkout, with the standard library only.

Used at run time by the rule version (forklaring/regelversion.py) and at build time by the hatch
hook (hatch_build.py), which loads this file by path because the package's dependencies are not
installed while a wheel is built.
"""

from __future__ import annotations

import subprocess
from pathlib import Path


def git_commit(rot: Path) -> str | None:
    """The commit checked out in ``rot`` (``-dirty`` with uncommitted changes), or None without git."""
    try:
        commit = subprocess.run(["git", "-C", str(rot), "rev-parse", "HEAD"], capture_output=True, text=True,
                                timeout=10, check=True).stdout.strip()
        andrat = subprocess.run(["git", "-C", str(rot), "status", "--porcelain", "--untracked-files=no"],
                                capture_output=True, text=True, timeout=10, check=True).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return f"{commit}-dirty" if andrat else commit
