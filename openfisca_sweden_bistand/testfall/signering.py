"""Signing off a YAML test case (*signering*): the reviewer's signed block written into one case of one file.

``signera`` signs with the reviewer's private key (the command line), or checks a signature made elsewhere
(the web page's script, ``bistand granskning signatur``) against the reviewers' file, and only then writes
(or replaces) the block (``granskning.py``) in one case of one file, leaving every other byte of the file as
it was, atomically (a new file beside the old, read back and checked, then renamed) and under an exclusive
lock on the catalogue directory (``skrivlas``).
"""

from __future__ import annotations

import contextlib
import dataclasses
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

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from openfisca_sweden_bistand.arende.validering import ArendeFel
from openfisca_sweden_bistand.personnummer import innehaller_personnummer
from openfisca_sweden_bistand.testfall import katalog
from openfisca_sweden_bistand.testfall.granskare import Granskare, Granskarregister, standard
from openfisca_sweden_bistand.testfall.granskning import (
    GRANSKAD,
    RUBRIK,
    Granskning,
    blockets_slut,
    blockrader,
    kanonisk_json,
    kontrollsumma,
    las_signatur,
    signaturtext,
)
from openfisca_sweden_bistand.testfall.katalog import Testfall

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


def granskaren(granskare: Granskarregister, nyckel: Any, dag: datetime.date,
               privat: Ed25519PrivateKey | None = None) -> Granskare:
    """The reviewer of the key id ``nyckel`` (or of the private key ``privat``), whose key counts on ``dag``."""
    if privat is not None:
        post = granskare.for_nyckel(privat.public_key())
        if post is None:
            raise ArendeFel("--nyckel", f"nyckelns publika del finns inte bland granskarna i {granskare.kalla}; "
                                        "lägg till den där (bistand granskning nyckel skriver posten) och låt den "
                                        "granskas och slås ihop först")
    else:
        post = granskare.hitta(nyckel) if isinstance(nyckel, str) else None
        if post is None:
            raise ArendeFel("nyckel", f"ingen granskare i {granskare.kalla} har den nyckeln")
    if not post.galler(dag):
        raise ArendeFel("nyckel", f"granskarens nyckel gäller inte {dag.isoformat()}")
    return post


def _las_fall(rot: Path, relativ: str, namn: Any, granskare: Granskarregister) -> tuple[Path, str, Any, Any, int]:
    if not isinstance(namn, str):
        raise ArendeFel("fall", "testfallets namn ska vara text")
    sokvag = katalog.sokvag(rot, relativ)
    text = katalog.las_text(sokvag, relativ)
    fil, platser = katalog.tolka(relativ, text, granskare)
    return sokvag, text, fil, platser, _enda_fallet(fil.fall, namn)


def _kontrollera(kommentar: str, regelversion: str, dag: datetime.date) -> tuple[str, str]:
    kommentar = _kontrollera_text(kommentar, "kommentar", 0, HOGSTA_KOMMENTAR, radbrytning=True)
    regelversion = _kontrollera_text(regelversion, "regelversion", 1, HOGSTA_REGELVERSION, radbrytning=False)
    if not isinstance(dag, datetime.date):
        raise ArendeFel("datum", "ska vara ett datum")
    return kommentar, regelversion


def skapa_signatur(rot: Path, relativ: str, namn: str, privat: Ed25519PrivateKey, kommentar: str,
                   regelversion: str, dag: datetime.date, granskare: Granskarregister | None = None) -> str:
    """The signature (``ed25519:<base64>``) the reviewer of ``privat`` gives the case ``namn`` with ``kommentar``
    on ``dag`` under ``regelversion``: what the web page's form takes from a reviewer without its script."""
    granskare = standard() if granskare is None else granskare
    kommentar, regelversion = _kontrollera(kommentar, regelversion, dag)
    post = granskaren(granskare, None, dag, privat)
    fil, index = _las_fall(rot, relativ, namn, granskare)[2::2]
    granskning = Granskning(post.granskad_av, dag.isoformat(), kommentar, kontrollsumma(fil.fall[index].data),
                            regelversion, post.id)
    return signaturtext(privat.sign(granskning.meddelande()))


def signera(rot: Path, relativ: str, namn: str, nyckel: str | None, kommentar: str, regelversion: str,
            idag: datetime.date, signatur: str | Ed25519PrivateKey,
            granskare: Granskarregister | None = None) -> Testfall:
    """Sign off the case named ``namn`` in the file ``relativ`` of the catalogue ``rot``; the case, re-read.

    ``signatur`` is the reviewer's private key (the block is signed here; ``nyckel`` may be None: the reviewer is
    the key's) or a signature made elsewhere by the key ``nyckel`` (``ed25519:<base64>`` or the base64 alone),
    verified here over the case as it is now. The reviewer is the key's entry in ``granskare`` (None: the packaged
    file); ``granskad_av`` is its ``namn, roll``.

    Writes the sign-off block into that case (replacing an earlier one) and leaves the rest of the
    file byte for byte as it was. The new file is written beside the old one, read back and checked
    (every case the same, this one reviewed) before it replaces the old one; otherwise the old file
    stays and the sign-off is refused. ``ArendeFel`` for a file not in the catalogue (``fil``), a
    name that is not in the file exactly once (``fall``), a key not in the reviewers' file (``nyckel``,
    ``--nyckel``), a signature that does not verify (``signatur``), or a bad ``kommentar``.
    """
    granskare = standard() if granskare is None else granskare
    kommentar, regelversion = _kontrollera(kommentar, regelversion, idag)
    privat = signatur if isinstance(signatur, Ed25519PrivateKey) else None
    post = granskaren(granskare, nyckel, idag, privat)
    if privat is None:
        try:
            signaturbytes = las_signatur(signatur)  # type: ignore[arg-type]
        except ValueError as fel:
            raise ArendeFel("signatur", str(fel)) from None
    sokvag = katalog.sokvag(rot, relativ)
    with skrivlas(sokvag.parent):
        _, text, fil, platser, index = _las_fall(rot, relativ, namn, granskare)
        plats = platser[index]
        if plats.efter_namn is None:
            raise ArendeFel("fall", "testfallet kan inte signeras: skriv det i blockform med name på en egen rad")
        granskning = Granskning(post.granskad_av, idag.isoformat(), kommentar, kontrollsumma(fil.fall[index].data),
                                regelversion, post.id)
        if privat is not None:
            signaturbytes = privat.sign(granskning.meddelande())
        try:
            post.nyckel.verify(signaturbytes, granskning.meddelande())
        except InvalidSignature:
            raise ArendeFel("signatur", "signaturen stämmer inte med fallet, granskaren, datumet och kommentaren; "
                                        "granskningen sparades inte") from None
        granskning = dataclasses.replace(granskning, signatur=signaturtext(signaturbytes))
        ny_text = _med_block(katalog.rader(text), plats.efter_namn, blockrader(granskning, plats.indrag))
        temp = _skriv_temporart(sokvag, ny_text.encode("utf-8"))
        try:
            nytt = _kontrollera_ny_fil(temp, relativ, fil.fall, index, granskning, granskare)
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
                        granskning: Granskning, granskare: Granskarregister) -> Testfall:
    """The signed case in the new file ``temp``, after checking that it changed nothing else."""
    fil, _ = katalog.tolka(relativ, temp.read_bytes().decode("utf-8"), granskare)
    lika = len(fil.fall) == len(gamla) and all(
        kanonisk_json(ny.data) == kanonisk_json(gammal.data) and ny.namn == gammal.namn
        and (i == index or (ny.granskning, ny.status) == (gammal.granskning, gammal.status))
        for i, (ny, gammal) in enumerate(zip(fil.fall, gamla, strict=False)))
    if not lika or fil.fall[index].granskning != granskning or fil.fall[index].status != GRANSKAD:
        raise ArendeFel("fil", "signeringen skulle ändra något annat i filen än granskningen; filen är orörd")
    return fil.fall[index]
