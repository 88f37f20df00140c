"""A hatch build hook: writes the commit the package is built from into the package.

A decision's rule version names the git commit of its rules (forklaring/regelversion.py). In a
source checkout the commit is read from git at run time; an installed wheel has no checkout, so the
commit (``-dirty`` when the tree had uncommitted changes) is written at build time into
``openfisca_sweden_bistand/_bygge.py``, which is not tracked. No git, no file: the rule version then
says it does not know the commit.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

FIL = Path("openfisca_sweden_bistand") / "_bygge.py"


def git_commit(rot: Path) -> str | None:
    try:
        commit = subprocess.run(["git", "-C", str(rot), "rev-parse", "HEAD"], capture_output=True, text=True,
                                timeout=10, check=True).stdout.strip()
        andrat = subprocess.run(["git", "-C", str(rot), "status", "--porcelain", "--untracked-files=no"],
                                capture_output=True, text=True, timeout=10, check=True).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return f"{commit}-dirty" if andrat else commit


class Bygge(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return  # an editable install runs from the checkout, which git describes at run time
        rot = Path(self.root)
        commit = git_commit(rot)
        if commit is None:
            return
        (rot / FIL).write_text(f'"""Written at build time by hatch_build.py."""\n\nGIT_COMMIT = "{commit}"\n',
                               encoding="utf-8")
        build_data["force_include"][str(rot / FIL)] = str(FIL)

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        (Path(self.root) / FIL).unlink(missing_ok=True)  # written for the wheel only, not left in the checkout
