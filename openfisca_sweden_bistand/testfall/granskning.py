"""A legal reviewer's sign-off (*granskning*) of a YAML test case, stored in the case itself.

OpenFisca's test runner refuses a key it does not know (``openfisca test`` builds each case with
``Test(**case)``), so the sign-off is a structured YAML *comment* block right after the case's
``name`` entry (after the end of its value), indented like the case's keys::

    - name: 'Grundfall: automatiskt bifall när inget skäl för manuell prövning finns'
      # granskning:
      #   granskad_av: Jurist, socialförvaltningen
      #   datum: '2026-11-24'
      #   kommentar: Stämmer med SoF (2025:468) 12 kap. 2 §.
      #   kontrollsumma: sha256:<64 hex digits>
      #   regelversion: openfisca-sweden-bistand 0.1.0 (git <commit>)
      description: 'Lagregel: ...'

Every YAML reader and both test runners skip it. The block is the line ``# granskning:`` and every
following line that starts with the same indentation and ``#   ``; without that prefix the lines
are YAML (one ``key: value`` per line, a comment with line breaks as a double-quoted string).

The checksum (``kontrollsumma``) covers what the case computes and expects: ``period``, ``input``,
``output``, ``reforms``, ``extensions``, ``parameters`` and the error margins, as canonical JSON. It
leaves out the name, the description, the keywords and every comment, so a reviewer's sign-off
survives a reworded description but not a changed household or expectation. A case is:

- ``granskad`` (reviewed): it has a block whose checksum matches the case;
- ``andrad_sedan_granskning`` (changed since review): it has a block, and the case no longer
  matches its checksum (or the block cannot be read);
- ``ej_granskad`` (not reviewed): it has no block.

``signera`` writes (or replaces) the block in one case of one file, leaving every other byte of the
file as it was, atomically and under a lock on the catalogue directory.
"""

from __future__ import annotations

import contextlib
import datetime
import fcntl
import hashlib
import json
import os
import re
import stat
import tempfile
import time
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from openfisca_sweden_bistand.arende.validering import ArendeFel
from openfisca_sweden_bistand.personnummer import innehaller_personnummer

if TYPE_CHECKING:
    from openfisca_sweden_bistand.testfall.katalog import Testfall

GRANSKAD = "granskad"
EJ_GRANSKAD = "ej_granskad"
ANDRAD = "andrad_sedan_granskning"
STATUSTEXT = {GRANSKAD: "Granskad", EJ_GRANSKAD: "Inte granskad", ANDRAD: "Ändrad sedan granskning"}
ANTALTEXT = {GRANSKAD: "granskade", EJ_GRANSKAD: "inte granskade", ANDRAD: "ändrade sedan granskning"}  # "granskade 3"

# The parts of a case its checksum covers: what it computes and what it expects.
KONTROLLERADE_NYCKLAR = (
    "period", "input", "output", "reforms", "extensions", "parameters",
    "absolute_error_margin", "relative_error_margin", "max_spiral_loops",
)
RUBRIK = "# granskning:"
PREFIX = "#   "
FALT = ("granskad_av", "datum", "kommentar", "kontrollsumma", "regelversion")
OBLIGATORISKA = ("granskad_av", "datum", "kontrollsumma")
KONTROLLSUMMA = re.compile(r"sha256:[0-9a-f]{64}")
HOGSTA_GRANSKARE = 200
HOGSTA_KOMMENTAR = 2000
HOGSTA_REGELVERSION = 200
LASVANTAN = 0.05  # seconds between attempts to take the lock
LASFORSOK = 200  # attempts: about ten seconds in all
# Control, format (bidi overrides, zero-width), surrogate, private-use and line/paragraph separator
# characters: none belongs in a reviewer's name or comment.
OTILLATNA_KATEGORIER = {"Cc", "Cf", "Cs", "Co", "Zl", "Zp"}


@dataclass(frozen=True)
class Granskning:
    """One sign-off: who, when, their comment, the checksum of the case and the rule version."""

    granskad_av: str
    datum: str
    kommentar: str
    kontrollsumma: str
    regelversion: str


def json_varde(varde: Any) -> Any:
    """``varde`` (read from YAML) with dates as ISO text, also as mapping keys (JSON allows only text keys)."""
    if isinstance(varde, dict):
        return {_kanonisk_nyckel(k): json_varde(v) for k, v in varde.items()}
    if isinstance(varde, list | tuple):
        return [json_varde(v) for v in varde]
    if isinstance(varde, datetime.date | datetime.datetime):
        return varde.isoformat()
    return varde


def _kanonisk_nyckel(nyckel: Any) -> str:
    if isinstance(nyckel, str):
        return nyckel
    if isinstance(nyckel, datetime.date | datetime.datetime):
        return nyckel.isoformat()
    return json.dumps(json_varde(nyckel), ensure_ascii=False, sort_keys=True)


def kanonisk_json(varde: Any) -> str:
    """Canonical JSON of a YAML value: sorted keys, UTF-8 text, no spaces, dates as ISO text."""
    return json.dumps(json_varde(varde), sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def kontrollsumma(fall: dict[str, Any]) -> str:
    """``sha256:<hex>`` of the case's inputs and expectations (``KONTROLLERADE_NYCKLAR`` present)."""
    delar = {nyckel: fall[nyckel] for nyckel in KONTROLLERADE_NYCKLAR if nyckel in fall}
    return "sha256:" + hashlib.sha256(kanonisk_json(delar).encode("utf-8")).hexdigest()


def regelversion_text() -> str:
    """The package version and the commit of the rules: ``openfisca-sweden-bistand 0.1.0 (git abc…)``."""
    from openfisca_sweden_bistand import __version__
    from openfisca_sweden_bistand.forklaring.regelversion import git_version

    return f"openfisca-sweden-bistand {__version__} (git {git_version() or 'okänd'})"


# --- reading a block -------------------------------------------------------------------------------


def blockets_slut(rader: list[str], start: int, indrag: str) -> int:
    """The line after a sign-off block that begins at ``rader[start]``, or ``start`` if none begins there.

    ``rader`` are the file's lines without their line breaks; ``indrag`` the case's key indentation.
    """
    if start >= len(rader) or rader[start].rstrip() != indrag + RUBRIK:
        return start
    slut = start + 1
    while slut < len(rader) and rader[slut].startswith(indrag + PREFIX):
        slut += 1
    return slut


def tolka_block(rader: list[str], indrag: str) -> Granskning:
    """The sign-off in a block's lines (the heading first). ``ValueError`` if it cannot be read."""
    from openfisca_sweden_bistand.testfall.katalog import las_yaml

    text = "\n".join(rad[len(indrag + PREFIX):] for rad in rader[1:])
    try:  # under the catalogue's bounds: a block, too, may hold a YAML bomb
        data = las_yaml(text, "granskningen", yaml.SafeLoader)[1]
    except ArendeFel as fel:
        raise ValueError(fel.meddelande) from None
    if not isinstance(data, dict):
        raise ValueError("granskningen ska vara nyckel: värde, en per rad")
    okanda = sorted(str(k) for k in data if k not in FALT)
    saknade = [f for f in OBLIGATORISKA if data.get(f) in (None, "")]
    if okanda or saknade:
        raise ValueError(f"granskningen har okända fält {okanda} eller saknar {saknade}")
    if isinstance(data["datum"], datetime.date):
        data["datum"] = data["datum"].isoformat()
    varden = {f: data.get(f, "") for f in FALT}
    if not all(isinstance(v, str) for v in varden.values()):
        raise ValueError("varje fält i granskningen ska vara text")
    if not KONTROLLSUMMA.fullmatch(varden["kontrollsumma"]):
        raise ValueError("kontrollsumman ska skrivas sha256:<64 hexadecimala tecken>")
    return Granskning(**varden)


def las_granskning(rader: list[str], start: int, indrag: str, fall: dict[str, Any]) -> tuple[Granskning | None, str]:
    """The sign-off of a case whose block would begin at ``rader[start]``, and the case's status."""
    slut = blockets_slut(rader, start, indrag)
    if slut == start:
        return None, EJ_GRANSKAD
    try:
        granskning = tolka_block(rader[start:slut], indrag)
    except ValueError:
        return None, ANDRAD  # a block nobody can read is no sign-off of the case as it is
    return granskning, GRANSKAD if granskning.kontrollsumma == kontrollsumma(fall) else ANDRAD


# --- writing a block -------------------------------------------------------------------------------


def _yaml_rad(falt: str, varde: str) -> str:
    """``falt: varde`` as one line of YAML (a value with a line break as a double-quoted string)."""
    rad = str(yaml.safe_dump({falt: varde}, allow_unicode=True, width=1_000_000, default_flow_style=False))
    rad = rad.rstrip("\n")
    if "\n" in rad:
        rad = f"{falt}: {json.dumps(varde, ensure_ascii=False)}"
    return rad


def blockrader(granskning: Granskning, indrag: str) -> list[str]:
    """The lines of a sign-off block (without line breaks)."""
    return [indrag + RUBRIK] + [indrag + PREFIX + _yaml_rad(f, getattr(granskning, f)) for f in FALT]


def _kontrollera_text(varde: Any, falt: str, kortast: int, langst: int, radbrytning: bool) -> str:
    if not isinstance(varde, str):
        raise ArendeFel(falt, "ska vara text")
    text = varde.strip()
    if not kortast <= len(text) <= langst:
        raise ArendeFel(falt, f"ska vara {kortast}–{langst} tecken långt" if kortast
                        else f"får vara högst {langst} tecken långt")
    if any(unicodedata.category(t) in OTILLATNA_KATEGORIER and not (radbrytning and t == "\n") for t in text):
        raise ArendeFel(falt, "innehåller styrtecken" + ("" if radbrytning else " eller radbrytningar"))
    if innehaller_personnummer(text):
        raise ArendeFel(falt, "får inte innehålla ett personnummer eller samordningsnummer")
    return text


@contextlib.contextmanager
def skrivlas(katalog: Path) -> Iterator[None]:
    """An exclusive ``flock`` on the catalogue directory itself, held while a file in it is rewritten.

    The directory's inode stays the same when a file in it is replaced (a lock on the file would
    not), and no lock file is left behind. Two sign-offs, in threads or processes, take turns; a
    sign-off that cannot have the lock within about ten seconds is refused.
    """
    fd = os.open(katalog, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        for _ in range(LASFORSOK):
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                time.sleep(LASVANTAN)
        else:
            raise ArendeFel("fil", "testfilerna skrivs just nu av någon annan; försök igen om en stund")
        yield
    finally:
        os.close(fd)  # releases the lock


def _skriv_temporart(sokvag: Path, data: bytes) -> Path:
    """``data`` in a new file beside ``sokvag`` (same mode), flushed to disk; its path."""
    fd, namn = tempfile.mkstemp(dir=sokvag.parent, prefix=f".{sokvag.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as ut:
            ut.write(data)
            ut.flush()
            os.fsync(ut.fileno())
        os.chmod(namn, stat.S_IMODE(os.lstat(sokvag).st_mode))
    except BaseException:
        Path(namn).unlink(missing_ok=True)
        raise
    return Path(namn)


def signera(rot: Path, relativ: str, namn: str, granskad_av: str, kommentar: str, regelversion: str,
            idag: datetime.date) -> Testfall:
    """Sign off the case named ``namn`` in the file ``relativ`` of the catalogue ``rot``; the case, re-read.

    Writes the sign-off block into that case (replacing an earlier one) and leaves the rest of the
    file byte for byte as it was. The new file is written beside the old one, read back and checked
    (every case the same, this one reviewed) before it replaces the old one; otherwise the old file
    stays and the sign-off is refused. ``ArendeFel`` for a file not in the catalogue (``fil``), a
    name that is not in the file exactly once (``fall``), or a bad ``granskad_av`` or ``kommentar``.
    """
    from openfisca_sweden_bistand.testfall import katalog

    granskad_av = _kontrollera_text(granskad_av, "granskad_av", 1, HOGSTA_GRANSKARE, radbrytning=False)
    kommentar = _kontrollera_text(kommentar, "kommentar", 0, HOGSTA_KOMMENTAR, radbrytning=True)
    regelversion = _kontrollera_text(regelversion, "regelversion", 1, HOGSTA_REGELVERSION, radbrytning=False)
    if not isinstance(idag, datetime.date):
        raise ArendeFel("datum", "ska vara ett datum")
    if not isinstance(namn, str):
        raise ArendeFel("fall", "testfallets namn ska vara text")
    sokvag = katalog.sokvag(rot, relativ)
    with skrivlas(sokvag.parent):
        text = katalog.las_text(sokvag, relativ)
        fil, platser = katalog.tolka(relativ, text)
        index = _enda_fallet(fil.fall, namn)
        plats = platser[index]
        if plats.efter_namn is None:
            raise ArendeFel("fall", "testfallet kan inte signeras: skriv det i blockform med name på en egen rad")
        granskning = Granskning(granskad_av, idag.isoformat(), kommentar, kontrollsumma(fil.fall[index].data),
                                regelversion)
        ny_text = _med_block(katalog.rader(text), plats.efter_namn, blockrader(granskning, plats.indrag))
        temp = _skriv_temporart(sokvag, ny_text.encode("utf-8"))
        try:
            nytt = _kontrollera_ny_fil(temp, relativ, fil.fall, index, granskning)
            os.replace(temp, sokvag)
        finally:
            temp.unlink(missing_ok=True)
    return nytt


def _enda_fallet(fall: list[Testfall], namn: str) -> int:
    traffar = [i for i, f in enumerate(fall) if f.namn == namn]
    if not traffar:
        raise ArendeFel("fall", "filen har inget testfall med det namnet")
    if len(traffar) > 1:
        raise ArendeFel("fall", f"{len(traffar)} testfall i filen har det namnet; ge dem olika namn först")
    return traffar[0]


def _med_block(rader: list[str], start: int, block: list[str]) -> str:
    """The file's lines (with their breaks) with ``block`` at line ``start``, in place of any block there.

    The new lines end like the line before them (``\\n``, or ``\\r\\n`` in a file written so).
    """
    utan = [rad.rstrip("\r\n\x85\u2028\u2029") for rad in rader]
    slut = blockets_slut(utan, start, block[0][:-len(RUBRIK)])
    fore = rader[:start]
    radslut = fore[-1][len(utan[start - 1]):] if fore else ""
    if radslut not in ("\n", "\r\n", "\r"):
        radslut = "\n"
    if fore and fore[-1] == utan[start - 1]:  # the name was the file's last line, without a line break
        fore[-1] += radslut
    return "".join(fore + [rad + radslut for rad in block] + rader[slut:])


def _kontrollera_ny_fil(temp: Path, relativ: str, gamla: list[Testfall], index: int,
                        granskning: Granskning) -> Testfall:
    """The signed case in the new file ``temp``, after checking that it changed nothing else."""
    from openfisca_sweden_bistand.testfall import katalog

    fil, _ = katalog.tolka(relativ, temp.read_bytes().decode("utf-8"))
    lika = len(fil.fall) == len(gamla) and all(
        kanonisk_json(ny.data) == kanonisk_json(gammal.data) and ny.namn == gammal.namn
        and (i == index or (ny.granskning, ny.status) == (gammal.granskning, gammal.status))
        for i, (ny, gammal) in enumerate(zip(fil.fall, gamla, strict=False)))
    if not lika or fil.fall[index].granskning != granskning or fil.fall[index].status != GRANSKAD:
        raise ArendeFel("fil", "signeringen skulle ändra något annat i filen än granskningen; filen är orörd")
    return fil.fall[index]
