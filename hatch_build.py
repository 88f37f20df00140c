"""Hatch hooks: the commit the package is built from, and the repository's links in its metadata.

``Bygge`` (build hook):

A decision's rule version names the git commit of its rules (forklaring/regelversion.py). In a
source checkout the commit is read from git at run time; an installed wheel has no checkout, so the
commit (``-dirty`` when the tree had uncommitted changes) is written at build time into
``openfisca_sweden_bistand/_bygge.py``, which is not tracked, in the wheel and in the sdist, so that the standard
``python -m build`` (an sdist, then a wheel built from it without git) names the commit too. No git, no file: the
rule version then says it does not know the commit.

``Lankar`` (metadata hook, ``[project] dynamic = ["urls"]``): ``[project.urls]`` (Repository, Documentation,
Changelog) from the checkout's git remote ``origin`` made a public https address, or from
``BISTAND_REPOSITORY_URL``; openfisca-core's ``get_package_metadata()["repository_url"]`` and the Legislation
Explorer's source links read "Repository". Without either, no links: the address is never invented.
A wheel built from an sdist takes the links the sdist's PKG-INFO recorded.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from types import ModuleType
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface
from hatchling.metadata.plugin.interface import MetadataHookInterface

FIL = Path("openfisca_sweden_bistand") / "_bygge.py"


def _git(rot: Path) -> ModuleType:
    """openfisca_sweden_bistand/_git.py, loaded by path (the package cannot be imported here)."""
    spec = importlib.util.spec_from_file_location("_git", rot / "openfisca_sweden_bistand" / "_git.py")
    assert spec is not None and spec.loader is not None
    modul = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(modul)
    return modul


def git_commit(rot: Path) -> str | None:
    """openfisca_sweden_bistand/_git.py's git_commit."""
    commit: str | None = _git(rot).git_commit(rot)
    return commit


class Lankar(MetadataHookInterface):
    def update(self, metadata: dict[str, Any]) -> None:
        rot = Path(self.root)
        git = _git(rot)
        repository = git.repository_url(rot, os.environ)
        urls: dict[str, str] = git.projekt_urls(repository, git.git_commit(rot) if repository else None)
        if urls:
            metadata["urls"] = urls


class Bygge(BuildHookInterface):
    PLUGIN_NAME = "custom"
    _skrev = False

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name not in ("wheel", "sdist") or version == "editable":
            return  # an editable install runs from the checkout, which git describes at run time
        rot = Path(self.root)
        commit = git_commit(rot)
        if commit is not None:
            (rot / FIL).write_text(f'"""Written at build time by hatch_build.py."""\n\nGIT_COMMIT = "{commit}"\n',
                                   encoding="utf-8")
            self._skrev = True
        elif not (rot / FIL).exists():
            return  # no git and no sdist that recorded it: the rule version says it does not know the commit
        # the sdist carries the file too, so that a wheel built from it (python -m build) names the commit
        build_data["force_include"][str(rot / FIL)] = str(FIL)

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        if self._skrev:  # written for the build only, not left in the checkout (an sdist's own copy stays)
            (Path(self.root) / FIL).unlink(missing_ok=True)
