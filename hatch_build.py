"""A hatch build hook: writes the commit the package is built from into the package.

A decision's rule version names the git commit of its rules (forklaring/regelversion.py). In a
source checkout the commit is read from git at run time; an installed wheel has no checkout, so the
commit (``-dirty`` when the tree had uncommitted changes) is written at build time into
``openfisca_sweden_bistand/_bygge.py``, which is not tracked. No git, no file: the rule version then
says it does not know the commit.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

FIL = Path("openfisca_sweden_bistand") / "_bygge.py"


def git_commit(rot: Path) -> str | None:
    """openfisca_sweden_bistand/_git.py's git_commit, loaded by path (the package cannot be imported here)."""
    spec = importlib.util.spec_from_file_location("_git", rot / "openfisca_sweden_bistand" / "_git.py")
    assert spec is not None and spec.loader is not None
    modul = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(modul)
    commit: str | None = modul.git_commit(rot)
    return commit


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
