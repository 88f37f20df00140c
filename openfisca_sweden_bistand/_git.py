"""The git commit and the public address of a source checkout, with the standard library only.

Used at run time by the rule version (forklaring/regelversion.py) and at build time by the hatch
hooks (hatch_build.py), which load this file by path because the package's dependencies are not
installed while a wheel is built.

The project's address is never written in the repository: ``projekt_urls`` reads it from the
checkout's git remote ``origin`` (or ``BISTAND_REPOSITORY_URL``) at build time, for the package
metadata's ``Project-URL`` (openfisca-core's ``get_package_metadata()["repository_url"]``).
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlsplit

MILJOVARIABEL = "BISTAND_REPOSITORY_URL"
"""Overrides the remote ``origin`` as the repository's address (a build from a tarball or a mirror); empty: none."""

_VARD = re.compile(r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+")
_SEGMENT = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._+-]*")
_SCP = re.compile(r"(?:[^@/:]+@)?(?P<vard>[^@/:]+):(?P<sokvag>[^:]*)")


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


def webbadress(fjarr: str) -> str | None:
    """The web address of a git remote, or None when it is not a public http(s) repository.

    ``https://host/owner/repo(.git)`` is kept (``http`` stays ``http``); ``git@host:owner/repo(.git)`` and
    ``ssh://git@host[:port]/owner/repo(.git)`` become ``https://host/owner/repo``. User and password (a token
    in ``https://x-access-token:TOKEN@host/...``), query, fragment, a trailing ``/`` and ``.git`` are dropped.
    A local path, ``file://``, ``git://``, a host without a dot (an ssh alias such as ``github-work:o/r``)
    or a path with other characters than letters, digits and ``._+-`` gives None.
    """
    fjarr = fjarr.strip()
    if "://" in fjarr:
        try:
            delar = urlsplit(fjarr)
            port = delar.port
        except ValueError:
            return None
        schema = delar.scheme.lower()
        if schema in ("http", "https"):
            schema_ut, port_ut = schema, port
        elif schema in ("ssh", "git+ssh", "ssh+git"):
            schema_ut, port_ut = "https", None  # the ssh port says nothing about the web server's
        else:
            return None
        vard, sokvag = delar.hostname or "", delar.path
    elif (scp := _SCP.fullmatch(fjarr)) is not None:
        schema_ut, port_ut = "https", None
        vard, sokvag = scp["vard"].lower(), scp["sokvag"]
    else:
        return None
    if not _VARD.fullmatch(vard):
        return None
    segment = sokvag.strip("/").removesuffix(".git").split("/")
    if not all(_SEGMENT.fullmatch(s) for s in segment):
        return None
    return f"{schema_ut}://{vard}{f':{port_ut}' if port_ut else ''}/{'/'.join(segment)}"


def git_ursprung(rot: Path) -> str | None:
    """``git remote get-url origin`` of the checkout whose top is ``rot``, as git prints it, or None.

    None without git, without origin, or when ``rot`` is not the top of a checkout (an unpacked sdist inside
    some other repository must not take that repository's address).
    """
    def git(*argument: str) -> str:
        return subprocess.run(["git", "-C", str(rot), *argument], capture_output=True, text=True, timeout=10,
                              check=True).stdout.strip()

    try:
        if Path(git("rev-parse", "--show-toplevel")).resolve() != Path(rot).resolve():
            return None
        return git("remote", "get-url", "origin") or None
    except (OSError, subprocess.SubprocessError):
        return None


def projekt_urls(repository: str | None, commit: str | None) -> dict[str, str]:
    """``[project.urls]`` for the repository's web address: Repository, Documentation, Changelog; {} without one.

    Documentation is the README (the docs site's pages are partly generated at build time, so its sources
    alone do not render), and it and the changelog are pinned to the commit built (without ``-dirty``), else
    to ``main``. Never a list without "Repository": openfisca-core's ``get_package_metadata`` requires it.
    """
    if not repository:
        return {}
    ref = commit.removesuffix("-dirty") if commit else "main"
    return {"Repository": repository, "Documentation": f"{repository}/blob/{ref}/README.md",
            "Changelog": f"{repository}/blob/{ref}/CHANGELOG.md"}


def repository_url(rot: Path, miljo: Mapping[str, str]) -> str | None:
    """The repository's web address: ``BISTAND_REPOSITORY_URL`` when set (empty: none), else remote ``origin``.

    Raises ValueError for an override that is set but not a usable address (without repeating it: it may hold
    a token); a remote that is not one gives None.
    """
    if MILJOVARIABEL in miljo:
        if not miljo[MILJOVARIABEL].strip():
            return None
        adress = webbadress(miljo[MILJOVARIABEL])
        if adress is None:
            raise ValueError(f"{MILJOVARIABEL} är inte adressen till ett git-förråd över http(s) "
                             "(https://värd/ägare/förråd eller git@värd:ägare/förråd)")
        return adress
    ursprung = git_ursprung(rot)
    return webbadress(ursprung) if ursprung else None
