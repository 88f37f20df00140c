"""The catalogue of YAML legal test files under a directory (``tests/yaml`` in the repository).

``las_katalog(rot)`` reads every ``*.yaml`` and ``*.yml`` file under ``rot`` (sorted by relative path), each
case with the line it begins on and its sign-off (``granskning.py``), verified against the reviewers' keys
(``granskare.py``: the packaged file, or the one given as ``granskare``); a file that cannot be read (over a limit
below, not UTF-8 YAML, a tag that is not plain YAML such as ``!!python/…``, not a list of cases) is listed with
its reason in ``Testfil.fel`` and no cases, never hiding the rest. ``las_fil(rot, relativ)`` reads one
file, but only one that the catalogue lists: ``relativ`` is compared with the listed names and
never joined to ``rot`` as given, so a web page can pass the name from a URL. Symbolic links, hidden
files and directories, and anything that is not a regular file are not part of the catalogue.

Bounds: at most ``HOGSTA_ANTAL_FILER`` files and ``HOGSTA_ANTAL_MAPPAR`` directories, each file at
most ``HOGSTA_STORLEK`` bytes, nested at most ``HOGSTA_DJUP`` levels, its aliases standing for at most
``HOGSTA_ANTAL_NODER`` nodes (both checked before the file is loaded: ``las_yaml``); a file over a
limit, a file that is not UTF-8 YAML, or a case that is not a mapping is an ``ArendeFel`` naming the
file. ``tolka(relativ, text)`` reads a file's text from anywhere under the same guards (``avkoda``
checks its bytes first): ``jamforelse.py`` reads the catalogue as it was at a git revision with it.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from openfisca_sweden_bistand.arende.validering import ArendeFel
from openfisca_sweden_bistand.testfall.granskare import Granskarregister
from openfisca_sweden_bistand.testfall.granskning import EJ_GRANSKAD, Granskning, las_granskning
from openfisca_sweden_bistand.testfall.yamlgranser import las_yaml

STANDARD_KATALOG = Path("tests") / "yaml"  # the repository's legal test cases, from its root
HOGSTA_ANTAL_FILER = 2000
HOGSTA_ANTAL_MAPPAR = 2000
HOGSTA_STORLEK = 1024 * 1024  # bytes
# The line breaks YAML counts (and only those: the reader refuses other control characters).
_RADBRYTNING = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")


@dataclass
class Testfall:
    """One case: its file, name, YAML data, first line (1-based), sign-off, status and, when the sign-off is
    not valid or the case changed since, why (``granskning.py``)."""

    relativ: str
    namn: str
    data: dict[str, Any]
    rad: int
    granskning: Granskning | None
    status: str
    orsak: str = ""


@dataclass
class Testfil:
    """One YAML test file: its path relative to the catalogue (``/``-separated) and its cases; ``fel`` is why
    it could not be read (a Swedish line naming the file; then it has no cases), None when it could."""

    relativ: str
    fall: list[Testfall]
    fel: str | None = None


@dataclass(frozen=True)
class Plats:
    """Where a case is in its file's lines (0-based): its first line, the line after it, the
    indentation of its keys, and the line after its ``name`` value, where the sign-off block goes
    (None for a case without a name or written as a flow mapping, which cannot be signed)."""

    rad: int
    slut: int
    indrag: str
    efter_namn: int | None


def rader(text: str) -> list[str]:
    """The lines of ``text`` with their line breaks, split where YAML counts a line."""
    ut, start = [], 0
    for traff in _RADBRYTNING.finditer(text):
        ut.append(text[start:traff.end()])
        start = traff.end()
    if start < len(text):
        ut.append(text[start:])
    return ut


def ar_testfil(relativ: str) -> bool:
    """Whether the catalogue lists a file by its ``/``-separated relative path: a ``.yaml`` or ``.yml`` name (both
    run by OpenFisca's test runner), no part hidden."""
    delar = relativ.split("/")
    return delar[-1].endswith((".yaml", ".yml")) and not any(del_.startswith(".") or not del_ for del_ in delar)


def filnamn(rot: Path) -> list[str]:
    """The relative (``/``-separated) path of every YAML test file under ``rot``, sorted."""
    try:
        bas = Path(rot).resolve(strict=True)
    except (OSError, RuntimeError):
        raise ArendeFel("katalog", "testkatalogen finns inte") from None
    if not bas.is_dir():
        raise ArendeFel("katalog", "testkatalogen är ingen katalog")
    namn: list[str] = []
    mappar = 0
    for katalog, undermappar, filer in os.walk(bas, followlinks=False):
        mappar += 1
        if mappar > HOGSTA_ANTAL_MAPPAR:
            raise ArendeFel("katalog", f"testkatalogen har fler än {HOGSTA_ANTAL_MAPPAR} mappar")
        undermappar[:] = sorted(m for m in undermappar if not m.startswith("."))
        for fil in filer:
            sokvag = Path(katalog) / fil
            if not ar_testfil(fil) or not stat.S_ISREG(os.lstat(sokvag).st_mode):
                continue
            namn.append(sokvag.relative_to(bas).as_posix())
            if len(namn) > HOGSTA_ANTAL_FILER:
                raise ArendeFel("katalog", f"testkatalogen har fler än {HOGSTA_ANTAL_FILER} YAML-filer")
    return sorted(namn)


def sokvag(rot: Path, relativ: str) -> Path:
    """The path of the listed file named ``relativ``. ``ArendeFel("fil")`` for any name not listed."""
    if not isinstance(relativ, str) or relativ not in filnamn(rot):
        raise ArendeFel("fil", "det finns ingen sådan testfil i katalogen (ange sökvägen relativt katalogen, "
                               "t.ex. beslut/beslut.yaml)")
    return Path(rot).resolve() / relativ  # relativ is one of the names just listed under rot


def las_text(sokvag: Path, relativ: str) -> str:
    """The text of a listed file: a regular file (never through a symbolic link), at most ``HOGSTA_STORLEK``."""
    try:
        fd = os.open(sokvag, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError:
        raise ArendeFel("fil", f"{relativ}: kan inte läsas") from None
    with os.fdopen(fd, "rb") as fil:
        info = os.fstat(fil.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise ArendeFel("fil", f"{relativ}: är ingen vanlig fil")
        data = fil.read(HOGSTA_STORLEK + 1)
    return avkoda(data, relativ)


def kontrollera_storlek(storlek: int, relativ: str) -> None:
    """Refuse a file of more than ``HOGSTA_STORLEK`` bytes."""
    if storlek > HOGSTA_STORLEK:
        raise ArendeFel("fil", f"{relativ}: filen är större än {HOGSTA_STORLEK // 1024} KiB och läses inte")


def avkoda(data: bytes, relativ: str) -> str:
    """The text of a file's bytes (from disk or from git): at most ``HOGSTA_STORLEK`` bytes of UTF-8."""
    kontrollera_storlek(len(data), relativ)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise ArendeFel("fil", f"{relativ}: filen är inte UTF-8") from None


def _forsta_rad(radlista: list[str], nod: yaml.MappingNode, forra_slut: int) -> int:
    """The line of a case's ``-`` (the line of its first key, or above it when ``-`` stands alone)."""
    rad = int(nod.start_mark.line)
    while rad > forra_slut and not radlista[rad].lstrip().startswith("-"):
        rad -= 1
    return rad if radlista[rad].lstrip().startswith("-") else int(nod.start_mark.line)


def _efter_namn(nod: yaml.MappingNode) -> tuple[str, int | None]:
    """The indentation of the case's keys and the line after its ``name`` value (None: cannot be signed)."""
    for nyckel, varde in nod.value:
        if isinstance(nyckel, yaml.ScalarNode) and nyckel.value == "name":
            indrag = " " * nyckel.start_mark.column
            slut = varde.end_mark
            return indrag, None if nod.flow_style else slut.line + (0 if slut.column == 0 else 1)
    return "", None


def tolka(relativ: str, text: str, granskare: Granskarregister | None = None) -> tuple[Testfil, list[Plats]]:
    """A file's cases, and where each is in its lines; each sign-off checked against the reviewers ``granskare``
    (None: the packaged file, ``granskare.standard``)."""
    rotnod, data = las_yaml(text, relativ)
    if rotnod is None:
        return Testfil(relativ, []), []
    if isinstance(rotnod, yaml.SequenceNode) and isinstance(data, list):
        noder, varden = rotnod.value, data
    elif isinstance(rotnod, yaml.MappingNode) and isinstance(data, dict):
        noder, varden = [rotnod], [data]
    else:
        raise ArendeFel("fil", f"{relativ}: en testfil är en lista av testfall")
    radlista = [r.rstrip("\r\n\x85\u2028\u2029") for r in rader(text)]
    fall, platser = [], []
    forra_slut = 0
    for nummer, (nod, varde) in enumerate(zip(noder, varden, strict=True), start=1):
        if not isinstance(nod, yaml.MappingNode) or not isinstance(varde, dict):
            raise ArendeFel("fil", f"{relativ}: testfall {nummer} är ingen mappning (name, input, output …)")
        rad = _forsta_rad(radlista, nod, forra_slut) if nod is not rotnod else int(nod.start_mark.line)
        indrag, efter_namn = _efter_namn(nod)
        granskning, status, orsak = (None, EJ_GRANSKAD, "") if efter_namn is None else las_granskning(
            radlista, efter_namn, indrag, varde, granskare)
        fall.append(Testfall(relativ, str(varde.get("name", "")), varde, rad + 1, granskning, status, orsak))
        forra_slut = nod.end_mark.line
        platser.append(Plats(rad, forra_slut, indrag, efter_namn))
    platser = [Plats(p.rad, (platser[i + 1].rad if i + 1 < len(platser) else len(radlista)), p.indrag, p.efter_namn)
               for i, p in enumerate(platser)]
    return Testfil(relativ, fall), platser


def las_fil(rot: Path, relativ: str, granskare: Granskarregister | None = None) -> Testfil:
    """One file of the catalogue, by its listed name. ``ArendeFel("fil")`` for any other name."""
    return tolka(relativ, las_text(sokvag(rot, relativ), relativ), granskare)[0]


def las_katalog(rot: Path, granskare: Granskarregister | None = None) -> list[Testfil]:
    """Every YAML test file under ``rot``, sorted by relative path, each case with its line and sign-off (checked
    against the reviewers ``granskare``; None: the packaged file). A file that cannot be read is listed with its
    reason (``Testfil.fel``); the catalogue itself (missing, too many files or directories) is still an
    ``ArendeFel``."""
    bas = Path(rot).resolve()
    filer = []
    for namn in filnamn(rot):
        try:
            filer.append(tolka(namn, las_text(bas / namn, namn), granskare)[0])
        except ArendeFel as fel:
            filer.append(Testfil(namn, [], fel.meddelande))
    return filer
