"""Signing off a YAML test case (*signering*): the reviewer's block written into one case of one file.

``signera`` writes (or replaces) the block (``granskning.py``) in one case of one file, leaving every other byte of
the file as it was, atomically (a new file beside the old, read back and checked, then renamed) and under an
exclusive lock on the catalogue directory (``skrivlas``).
"""

from __future__ import annotations

import contextlib
import datetime
import fcntl
import os
import stat
import tempfile
import time
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from openfisca_sweden_bistand.arende.validering import ArendeFel
from openfisca_sweden_bistand.personnummer import innehaller_personnummer
from openfisca_sweden_bistand.testfall import katalog
from openfisca_sweden_bistand.testfall.granskning import (
    GRANSKAD,
    RUBRIK,
    Granskning,
    blockets_slut,
    blockrader,
    kanonisk_json,
    kontrollsumma,
)
from openfisca_sweden_bistand.testfall.katalog import Testfall

HOGSTA_GRANSKARE = 200
HOGSTA_KOMMENTAR = 2000
HOGSTA_REGELVERSION = 200
LASVANTAN = 0.05  # seconds between attempts to take the lock
LASFORSOK = 200  # attempts: about ten seconds in all
# Control, format (bidi overrides, zero-width), surrogate, private-use and line/paragraph separator
# characters: none belongs in a reviewer's name or comment.
OTILLATNA_KATEGORIER = {"Cc", "Cf", "Cs", "Co", "Zl", "Zp"}


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
    fil, _ = katalog.tolka(relativ, temp.read_bytes().decode("utf-8"))
    lika = len(fil.fall) == len(gamla) and all(
        kanonisk_json(ny.data) == kanonisk_json(gammal.data) and ny.namn == gammal.namn
        and (i == index or (ny.granskning, ny.status) == (gammal.granskning, gammal.status))
        for i, (ny, gammal) in enumerate(zip(fil.fall, gamla, strict=False)))
    if not lika or fil.fall[index].granskning != granskning or fil.fall[index].status != GRANSKAD:
        raise ArendeFel("fil", "signeringen skulle ändra något annat i filen än granskningen; filen är orörd")
    return fil.fall[index]
