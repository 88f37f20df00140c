"""The sign-offs lost since a git revision: ``bistand granskning --ci --mot REV``.

``--ci`` alone sees only what is in the working tree: a case whose sign-off block was deleted is
merely "not reviewed", and a deleted or renamed case is not there at all. Against a revision (the
base branch of a pull request, e.g. ``origin/main``) the catalogue as it was there is read from git,
and every case that was ``granskad`` at the revision must still be ``granskad`` now: the same file
(the same path relative to the catalogue), the same name (the k-th case of a name matched with the
k-th now), and a block whose signature holds and whose checksum matches the case, the old one or a new
sign-off. Both are checked against the reviewers' keys of today (``granskare``).

``las_katalog_vid(rot, commit)`` reads the files with ``git ls-tree`` and ``git cat-file --batch``
(one process each, standard library ``subprocess``, list arguments, never a shell, with a timeout),
chooses them as ``katalog.filnamn`` does (``.yaml``, nothing hidden, regular files: no symbolic link
or submodule) and parses them with ``katalog.tolka`` under the same bounds. ``revision(rot, rev)``
checks ``rev`` first: never an option (``-…``), no control characters, and ``git rev-parse --verify``
must name a commit. Every failure is an ``ArendeFel("--mot", …)`` in Swedish.
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from openfisca_sweden_bistand.arende.validering import ArendeFel
from openfisca_sweden_bistand.testfall import katalog
from openfisca_sweden_bistand.testfall.granskare import Granskarregister
from openfisca_sweden_bistand.testfall.granskning import EJ_GRANSKAD, GRANSKAD, OGILTIG, Granskning, kontrollsumma
from openfisca_sweden_bistand.testfall.katalog import Testfall, Testfil

FALT = "--mot"
GIT_TIDSGRANS = 30  # seconds for one git command
HOGSTA_REVISION = 256  # characters
_OBJEKT = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")
_VANLIG_FIL = ("100644", "100755")

# Why a case reviewed at the revision is not reviewed now.
GRANSKNING_BORTTAGEN = "granskning_borttagen"
ANDRAT = "andrat_sedan_granskning"
FALL_BORTTAGET = "fall_borttaget"
BYTT_NAMN = "bytt_namn"
FIL_BORTTAGEN = "fil_borttagen"
OGILTIG_GRANSKNING = "ogiltig_granskning"


@dataclass(frozen=True)
class ForloradGranskning:
    """A case reviewed at the revision and not now: its file, name and line there, that sign-off,
    why (one of the constants above) and the reason in Swedish."""

    relativ: str
    namn: str
    rad: int
    granskning: Granskning
    orsak: str
    text: str


def _git(katalog_: Path, *argument: str, indata: bytes | None = None) -> bytes:
    """The output of ``git -C katalog_ ARGUMENT…``; ``ArendeFel("--mot")`` if git fails or cannot be run."""
    try:
        svar = subprocess.run(["git", "-C", str(katalog_), *argument], input=indata, capture_output=True,
                              timeout=GIT_TIDSGRANS, check=False)
    except FileNotFoundError:
        raise ArendeFel(FALT, "git finns inte på den här datorn") from None
    except subprocess.TimeoutExpired:
        raise ArendeFel(FALT, f"git svarade inte inom {GIT_TIDSGRANS} sekunder") from None
    except OSError:
        raise ArendeFel(FALT, "git kan inte köras") from None
    if svar.returncode != 0:
        raise ArendeFel(FALT, f"git {next(a for a in argument if not a.startswith('-'))} misslyckades")
    return svar.stdout


def revision(rot: Path, rev: str) -> tuple[Path, str, str]:
    """The top of the checkout that holds the catalogue ``rot``, the catalogue's path in it (``tests/yaml/``,
    empty at the top) and the commit ``rev`` names (its full id)."""
    if not isinstance(rev, str) or not rev.strip() or len(rev) > HOGSTA_REVISION:
        raise ArendeFel(FALT, f"ange en git-revision (högst {HOGSTA_REVISION} tecken), t.ex. origin/main")
    if rev.startswith("-"):
        raise ArendeFel(FALT, "en git-revision börjar inte med -")
    if any(unicodedata.category(t) in {"Cc", "Cf", "Cs", "Co", "Zl", "Zp"} for t in rev):
        raise ArendeFel(FALT, "git-revisionen innehåller styrtecken")
    if not Path(rot).is_dir():
        raise ArendeFel(FALT, "testkatalogen finns inte")
    try:
        rader = _git(rot, "rev-parse", "--show-toplevel", "--show-prefix").decode("utf-8").split("\n")
    except ArendeFel:
        raise ArendeFel(FALT, "testkatalogen ligger inte i ett git-förråd (en utcheckning med historik)") from None
    except UnicodeDecodeError:
        raise ArendeFel(FALT, "sökvägen till git-förrådet är inte UTF-8") from None
    topp, prefix = Path(rader[0]), rader[1] if len(rader) > 1 else ""
    try:
        commit = _git(topp, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").decode("ascii").strip()
    except (ArendeFel, UnicodeDecodeError):
        raise ArendeFel(FALT, "git känner inte till revisionen (finns grenen eller commiten i den här "
                              "utcheckningen? hämta den först, t.ex. git fetch origin main)") from None
    if not _OBJEKT.fullmatch(commit):
        raise ArendeFel(FALT, "git gav inget commit-id för revisionen")
    return topp, prefix, commit


def _filer_vid(topp: Path, prefix: str, commit: str) -> list[tuple[str, str]]:
    """``(relativ, objekt)`` of every file of the catalogue at ``commit``, chosen and bounded as ``katalog.filnamn``."""
    argument = ["ls-tree", "-r", "-z", "--long", "--full-tree", commit]
    utdata = _git(topp, "--literal-pathspecs", *argument, *(["--", prefix] if prefix else []))
    filer: list[tuple[str, str]] = []
    mappar: set[str] = set()
    for post in utdata.split(b"\0"):
        if not post:
            continue
        huvud, _, sokvag_ = post.partition(b"\t")
        lage, typ, objekt, storlek = huvud.decode("ascii").split()
        try:
            relativ = sokvag_.decode("utf-8").removeprefix(prefix)
        except UnicodeDecodeError:
            raise ArendeFel(FALT, "en fil i testkatalogen har vid revisionen ett namn som inte är UTF-8") from None
        if typ != "blob" or lage not in _VANLIG_FIL or not katalog.ar_testfil(relativ):
            continue
        mappar.add(str(PurePosixPath(relativ).parent))
        if len(mappar) > katalog.HOGSTA_ANTAL_MAPPAR:
            raise ArendeFel(FALT, f"testkatalogen har vid revisionen fler än {katalog.HOGSTA_ANTAL_MAPPAR} mappar")
        if len(filer) >= katalog.HOGSTA_ANTAL_FILER:
            raise ArendeFel(FALT, f"testkatalogen har vid revisionen fler än {katalog.HOGSTA_ANTAL_FILER} YAML-filer")
        katalog.kontrollera_storlek(int(storlek), relativ)
        filer.append((relativ, objekt))
    return sorted(filer)


def _innehall(topp: Path, objekt: list[str]) -> list[bytes]:
    """The contents of the blobs ``objekt``, in order, from one ``git cat-file --batch``."""
    if not objekt:
        return []
    utdata = _git(topp, "cat-file", "--batch", indata="".join(f"{o}\n" for o in objekt).encode("ascii"))
    innehall, plats = [], 0
    for forvantat in objekt:
        radslut = utdata.index(b"\n", plats)
        namn, typ, storlek = utdata[plats:radslut].decode("ascii").split()
        if namn != forvantat or typ != "blob":
            raise ArendeFel(FALT, "git gav inte de filer som efterfrågades")
        start = radslut + 1
        innehall.append(utdata[start:start + int(storlek)])
        plats = start + int(storlek) + 1
    return innehall


def las_katalog_vid(rot: Path, rev: str, granskare: Granskarregister | None = None) -> tuple[str, list[Testfil]]:
    """The commit ``rev`` names and the catalogue ``rot`` as it was there (its path in the checkout now), each
    sign-off checked against today's reviewers ``granskare`` (None: the packaged file)."""
    topp, prefix, commit = revision(rot, rev)
    try:
        filer = _filer_vid(topp, prefix, commit)
        return commit, [katalog.tolka(relativ, katalog.avkoda(data, relativ), granskare)[0]
                        for (relativ, _), data in zip(filer, _innehall(topp, [o for _, o in filer]), strict=True)]
    except ArendeFel as fel:
        raise ArendeFel(FALT, fel.meddelande if fel.falt == FALT else f"{fel.meddelande} (vid revisionen)") from None
    except (ValueError, UnicodeDecodeError):
        raise ArendeFel(FALT, "git gav ett svar som inte kan läsas") from None


def _orsak(nu: Testfall | None, nytt_namn: str | None) -> tuple[str, str] | None:
    """Why a case reviewed at the revision is not reviewed as ``nu`` (None: no case of its name now;
    ``nytt_namn``: a new name in the file with the same checksum), or None when it is."""
    if nu is None:
        if nytt_namn is not None:
            return BYTT_NAMN, f"testfallet har bytt namn till ”{nytt_namn}”"
        return FALL_BORTTAGET, "testfallet är borttaget eller har bytt namn"
    if nu.status == GRANSKAD:
        return None
    if nu.status == EJ_GRANSKAD:
        return GRANSKNING_BORTTAGEN, "granskningen är borttagen"
    if nu.status == OGILTIG:
        return OGILTIG_GRANSKNING, f"granskningen är ogiltig ({nu.orsak})"
    return ANDRAT, "testfallet har ändrats sedan granskningen"  # ANDRAD: the block no longer matches the case


def _utan_namn(fall: Testfall) -> str:
    """The checksum of a case as if it had no name (the checksum of a sign-off covers the name)."""
    return kontrollsumma({k: v for k, v in fall.data.items() if k != "name"})


def _nya_namn(fore: Testfil, nu: Testfil) -> dict[str, str]:
    """Checksum without the name → name of a case in ``nu`` whose name ``fore`` does not have (a renamed case)."""
    gamla = {f.namn for f in fore.fall}
    return {_utan_namn(f): f.namn for f in reversed(nu.fall) if f.namn not in gamla}


def forlorade_granskningar(fore: list[Testfil], nu: list[Testfil]) -> list[ForloradGranskning]:
    """Every case reviewed in ``fore`` (the catalogue at a revision) and not reviewed in ``nu``, in file order.

    Cases are matched by file and name; a name that several cases share is matched in order.
    """
    nu_per_fil = {fil.relativ: fil for fil in nu}
    ut = []
    for fil in fore:
        nu_fil = nu_per_fil.get(fil.relativ)
        per_namn: dict[str, list[Testfall]] = defaultdict(list)
        for fall in nu_fil.fall if nu_fil else []:
            per_namn[fall.namn].append(fall)
        nya_namn = _nya_namn(fil, nu_fil) if nu_fil else {}
        sedda: dict[str, int] = defaultdict(int)
        for fall in fil.fall:
            ordning = sedda[fall.namn]
            sedda[fall.namn] += 1
            if fall.status != GRANSKAD or fall.granskning is None:
                continue
            if nu_fil is None:
                orsak: tuple[str, str] | None = (FIL_BORTTAGEN, "filen är borttagen eller har bytt namn")
            else:
                kandidater = per_namn.get(fall.namn, [])
                orsak = _orsak(kandidater[ordning] if ordning < len(kandidater) else None,
                               nya_namn.get(_utan_namn(fall)))
            if orsak is not None:
                ut.append(ForloradGranskning(fil.relativ, fall.namn, fall.rad, fall.granskning, *orsak))
    return ut
