"""What a command's start keeps between processes (a cache): the parameter tree, and the compiled text templates.

Parsing the dated YAML of ``parameters/`` (every value with its source, konfidens and note) was most of a command's
start, and it is the same tree until a file changes; compiling the letter's templates was the most of the rest.

``parametrar(katalog)`` returns the tree OpenFisca's ``ParameterNode`` reads from ``katalog``. The tree is kept in
the user's cache (``$BISTAND_CACHE_DIR``, else ``$XDG_CACHE_HOME/openfisca-sweden-bistand``, else
``~/.cache/openfisca-sweden-bistand``) under a key that is the SHA-256 of the versions of Python, OpenFisca-Core and
PyYAML and of every YAML file's path and bytes: a changed, added or removed file, or another openfisca-core, gives
another key, and the tree is read from the YAML again. ``BISTAND_CACHE=0`` turns it off.

A kept tree is a pickle, and a pickle runs code when it is read: it is read only from a directory and a file that
belong to the user running the process and that no one else may write to (the same trust as the user's own
site-packages); anything else, or a file that cannot be read, is ignored and the YAML is read. Nothing here can
make a decision use other values than the files say: at worst the cache is not used. The templates' compiled code
(Jinja2's own bytecode cache, keyed by each template's source) is kept in a subdirectory under the same rule.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import platform
import stat
import tempfile
from importlib import metadata
from pathlib import Path
from typing import Any

from openfisca_core.parameters import ParameterNode

AV_MILJO = "BISTAND_CACHE"  # "0": no cache
KATALOG_MILJO = "BISTAND_CACHE_DIR"
PREFIX = "parametrar-"


def cachekatalog() -> Path:
    """Where kept trees are: ``$BISTAND_CACHE_DIR``, ``$XDG_CACHE_HOME/openfisca-sweden-bistand`` or
    ``~/.cache/openfisca-sweden-bistand``."""
    if os.environ.get(KATALOG_MILJO):
        return Path(os.environ[KATALOG_MILJO])
    bas = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(bas) / "openfisca-sweden-bistand"


def egen_katalog(namn: str = "") -> Path | None:
    """The cache directory (``namn`` empty) or its subdirectory ``namn``, each made for the user alone; None when the
    cache is off, or a directory is someone else's or writable by others."""
    if os.environ.get(AV_MILJO) == "0":
        return None
    kataloger = [cachekatalog()]
    if namn:
        kataloger.append(kataloger[0] / namn)
    for katalog in kataloger:
        try:
            katalog.mkdir(mode=0o700, parents=True, exist_ok=True)
            if not _bara_anvandarens(katalog):
                return None
        except OSError:
            return None
    return kataloger[-1]


def nyckel(katalog: Path) -> str:
    """The key of the tree read from ``katalog``: the versions that read it and every YAML file, path and bytes."""
    summa = hashlib.sha256()
    for paket in ("openfisca-core", "pyyaml"):
        summa.update(f"{paket}={_version(paket)};".encode())
    summa.update(f"python={platform.python_version()};".encode())
    for fil in sorted(p for p in katalog.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file()):
        innehall = fil.read_bytes()
        summa.update(f"{fil.relative_to(katalog).as_posix()}:{len(innehall)}:".encode())
        summa.update(innehall)
    return summa.hexdigest()


def _version(paket: str) -> str:
    try:
        return metadata.version(paket)
    except metadata.PackageNotFoundError:
        return "?"


def _bara_anvandarens(sokvag: Path) -> bool:
    """The path belongs to the user running the process, and neither the group nor others may write to it."""
    info = sokvag.lstat()
    return (not stat.S_ISLNK(info.st_mode) and info.st_uid == os.getuid()
            and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH))


def _las(fil: Path) -> Any:
    if not (_bara_anvandarens(fil.parent) and _bara_anvandarens(fil)):
        return None
    trad = pickle.loads(fil.read_bytes())  # noqa: S301 - written by this module, in a directory only the user writes
    return trad if isinstance(trad, ParameterNode) else None


def _skriv(trad: ParameterNode, fil: Path) -> None:
    """Write atomically (another process may be reading), with the user's rights only; older trees are removed."""
    fd, tillfallig = tempfile.mkstemp(dir=fil.parent, prefix=".skrivs-")
    try:
        with os.fdopen(fd, "wb") as ut:
            pickle.dump(trad, ut, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tillfallig, fil)
    except BaseException:
        Path(tillfallig).unlink(missing_ok=True)
        raise
    for gammal in fil.parent.glob(f"{PREFIX}*.pickle"):
        if gammal != fil:
            gammal.unlink(missing_ok=True)


def parametrar(katalog: Path) -> ParameterNode:
    """The parameter tree of ``katalog``, as ``ParameterNode("", directory_path=katalog)`` reads it: from the cache
    when its files are unchanged, else from the YAML (then kept for the next process)."""
    rot = egen_katalog()
    if rot is None:
        return ParameterNode("", directory_path=str(katalog))
    fil = rot / f"{PREFIX}{nyckel(katalog)}.pickle"
    try:
        trad = _las(fil)
        if trad is not None:
            return trad
    except Exception:  # noqa: BLE001, S110 - a missing or unreadable cache: read the YAML
        pass
    trad = ParameterNode("", directory_path=str(katalog))
    try:
        _skriv(trad, fil)
    except Exception:  # noqa: BLE001, S110 - a read-only home, a full disk: the tree is read, only not kept
        pass
    return trad
