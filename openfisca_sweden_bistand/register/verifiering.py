"""Checking the chain: every edited, deleted, inserted, moved or unreadable row, named by its
sequence number, and every anchor the chain no longer holds. Pure functions of the rows read."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from openfisca_sweden_bistand.personnummer import maskera
from openfisca_sweden_bistand.register.tabeller import ANKRING, INFORADER, NOLLHASH, metadata

Rad = dict[str, Any]


@dataclass
class Verifiering:
    """What ``verifiera`` found. Unpacks (and indexes) as ``fel, huvud``."""

    fel: list[str]
    huvud: dict[str, Any] | None
    olasligt: bool = False  # the file or some rows could not be read
    varningar: list[str] = field(default_factory=list)
    register_id: str | None = None
    antal_ankare: int = 0  # the anchors checked (the anchor file's and ``--forvantat-huvud``)
    fil_ankare: list[dict[str, Any]] = field(default_factory=list)  # the anchor file's
    ankras_sedan: int | None = None  # the row that records that anchoring began (``ankra --forsta``)

    def __iter__(self) -> Iterator[Any]:
        return iter((self.fel, self.huvud))

    def __getitem__(self, i: int) -> Any:
        return (self.fel, self.huvud)[i]

    @property
    def slutkod(self) -> int:
        """0 whole, 1 broken (or missing, emptied, replaced), 3 cannot be read."""
        return 3 if self.olasligt else (1 if self.fel else 0)

    @property
    def ankras(self) -> bool:
        """Whether anchoring has begun: the register records it, or (written before it did) the file has anchors."""
        return self.ankras_sedan is not None or bool(self.fil_ankare)

    def bor_ankras(self) -> bool:
        """Whether to append the chain head to the anchor file: the chain is whole, anchoring has begun (the
        first anchor is an explicit act: ``bistand register ankra --forsta``) and the head is not the last
        anchor already."""
        if self.slutkod or not self.huvud or not self.ankras:
            return False
        sista = self.fil_ankare[-1] if self.fil_ankare else None
        return sista is None or (sista["lopnummer"], sista["kedjehuvud"]) != (self.huvud["lopnummer"],
                                                                              self.huvud["kontrollsumma"])


def tomt_register(ankare: list[dict[str, Any]], finns: bool, nytt: bool) -> list[str]:
    """An empty register is an error when an anchor shows rows, or unless the caller says it is new."""
    tabeller = "" if finns else " (tabellerna saknas)"
    if ankare:
        return [f"registret är tomt{tabeller}, men ankaret från {ankare[-1]['tid']} visar {ankare[-1]['poster']} "
                "poster: registret är tömt eller utbytt"]
    if not nytt:
        return [f"registret är tomt{tabeller}: ett register som har använts har tömts eller bytts ut "
                "(ange --nytt om registret är nytt)"]
    return []


def schemafel(kolumner: dict[str, list[str]], info: dict[str, str]) -> list[str]:
    """Every column added to or removed from the register's tables (``kolumner``: the columns of each table
    that exists), and every row added to or missing from ``registerinfo``. An added column is outside the
    checksums: data hidden there, or a changed meaning, would otherwise pass unseen. Names are the database's
    (masked, in case one was made of a personnummer)."""
    fel = []
    for tabell, finns in kolumner.items():
        vantade = [k.name for k in metadata.tables[tabell].columns]
        fel += [f"tabellen {tabell} har en kolumn som registret inte har: {maskera(k)} (tillagd i databasen; "
                "kontrollsummorna täcker den inte)" for k in finns if k not in vantade]
        fel += [f"tabellen {tabell} saknar kolumnen {k} (borttagen i databasen)" for k in vantade if k not in finns]
    if info:
        fel += [f"registerinfo har en rad som registret inte skrev: {maskera(nyckel)}" for nyckel in info
                if nyckel not in INFORADER]
        fel += [f"registerinfo saknar raden {nyckel}" for nyckel in INFORADER if nyckel not in info]
    return fel


def forsta_ankring(rader: list[Rad]) -> int | None:
    """The sequence number of the row that records that anchoring began, if there is one."""
    return next((rad["lopnummer"] for rad in rader if rad["typ"] == ANKRING), None)


def ankringsfel(rader: list[Rad], ankarfil: str | None, fil_finns: bool, fil_ankare: list[dict[str, Any]],
                antal_ankare: int) -> tuple[list[str], list[str]]:
    """Errors and warnings about the anchoring itself. Once the register records that anchoring began, a
    missing or empty anchor file, or none given, is an error: the anchors are what show rows deleted at the
    end, and deleting or emptying the file must not make the register look as if it were never anchored."""
    sedan = next((rad for rad in rader if rad["typ"] == ANKRING), None)
    if sedan is None:
        if fil_ankare:
            return [], ["ankarfilen har ankare, men registret saknar markeringen att ankringen har börjat (skrivet "
                        "av en äldre version): kör bistand register ankra --forsta, så att en raderad eller tömd "
                        "ankarfil upptäcks"]
        return [], []
    nar = f"post {sedan['lopnummer']}, {str(sedan['tidpunkt'])[:10]}"
    if ankarfil is not None and not fil_ankare:
        return [f"ankarfilen {ankarfil} {'är tom' if fil_finns else 'finns inte'}, men registret ankras sedan {nar}: "
                "ankarfilen är raderad, tömd eller utbytt (återställ den från sin kopia; de sista posterna kan vara "
                "raderade)"], []
    if not antal_ankare:
        return [f"registret ankras sedan {nar}, men inget ankare är angivet: ange ankarfilen (--ankare eller "
                "$BISTAND_REGISTER_ANKARE) eller --forvantat-huvud"], []
    return [], []


def kedjefel(rader: list[Rad], olasliga: list[int], summa: Callable[[Rad], str]) -> list[str]:
    """Every break in the chain of ``rader`` (``summa``: a row's checksum under the register's key)."""
    fel = [f"post {n}: kan inte läsas (skadad i databasfilen)" for n in olasliga]
    olasliga_mangd = set(olasliga)
    hemma_som = _hemma_som(rader)
    foregaende, vantat = NOLLHASH, 1
    for rad in rader:
        nummer = rad["lopnummer"]
        fel += _ordningsfel(nummer, vantat, olasliga_mangd)
        fel += _summafel(rad, hemma_som, summa)
        if rad["foregaende"] != foregaende and nummer - 1 not in olasliga_mangd:
            fel.append(f"post {nummer}: kedjan är bruten (länken till föregående post stämmer inte)")
        foregaende, vantat = rad["kontrollsumma"], nummer + 1
    return fel


def _hemma_som(rader: list[Rad]) -> dict[str, int]:
    """Where each row belongs by the chain's own links (a moved row keeps its link to its predecessor)."""
    efterfoljare = {rad["foregaende"]: rad for rad in rader}
    hemma_som: dict[str, int] = {}
    lank, plats = NOLLHASH, 1
    while lank in efterfoljare and plats <= len(rader):
        hemma_som[efterfoljare[lank]["kontrollsumma"]] = plats
        lank, plats = efterfoljare[lank]["kontrollsumma"], plats + 1
    return hemma_som


def _ordningsfel(nummer: int, vantat: int, olasliga: set[int]) -> list[str]:
    if nummer == vantat:
        return []
    if nummer < vantat:
        return [f"post {nummer}: fel ordning (väntade {vantat})"]
    saknas = [n for n in range(vantat, nummer) if n not in olasliga]
    if not saknas:
        return []
    text = f"{saknas[0]}" if len(saknas) == 1 else f"{saknas[0]}–{saknas[-1]}"
    return [f"post {text} saknas (raderad)"]


def _summafel(rad: Rad, hemma_som: dict[str, int], summa: Callable[[Rad], str]) -> list[str]:
    if summa(rad) == rad["kontrollsumma"]:
        return []
    nummer, hemma = rad["lopnummer"], hemma_som.get(rad["kontrollsumma"])
    if hemma and hemma != nummer and summa(rad | {"lopnummer": hemma}) == rad["kontrollsumma"]:
        return [f"post {nummer}: flyttad, hör hemma som post {hemma}"]
    return [f"post {nummer}: innehållet har ändrats (kontrollsumman stämmer inte)"]


def kedjehuvud(rader: list[Rad], olasliga: list[int]) -> dict[str, Any] | None:
    """The chain head (the last row, when it can be read) and the number of rows."""
    sista = max(rader[-1]["lopnummer"] if rader else 0, max(olasliga, default=0))
    if rader and rader[-1]["lopnummer"] == sista:
        return {"lopnummer": sista, "kontrollsumma": rader[-1]["kontrollsumma"], "poster": len(rader) + len(olasliga)}
    return None


def ankarfel(ankare: list[dict[str, Any]], rader: list[Rad], olasliga: list[int], register_id: str | None) -> list[str]:
    """Every anchor the chain no longer holds: rows deleted at the end, a wiped or replaced register."""
    per_nummer = {rad["lopnummer"]: rad["kontrollsumma"] for rad in rader}
    antal = len(rader) + len(olasliga)
    fel = (_ett_ankares_fel(a, per_nummer, set(olasliga), antal, register_id) for a in ankare)
    return [f for f in fel if f]


def _ett_ankares_fel(a: dict[str, Any], per_nummer: dict[int, str], olasliga: set[int], antal: int,
                     register_id: str | None) -> str | None:
    if a.get("register_id") and register_id and a["register_id"] != register_id:
        return f"ankaret från {a['tid']} gäller ett annat register: registret är utbytt"
    if a["lopnummer"] is None:
        if not any(summa.startswith(a["kedjehuvud"]) for summa in per_nummer.values()):
            return f"kedjehuvudet från {a['tid']} finns inte i registret: registret är omskrivet eller utbytt"
        return None
    if a["lopnummer"] in olasliga:
        return None
    if a["lopnummer"] not in per_nummer:
        return (f"post {a['lopnummer']} saknas: ankaret från {a['tid']} visar {a['poster']} poster, registret har "
                f"{antal} (de sista posterna är raderade eller registret är utbytt)")
    if not per_nummer[a["lopnummer"]].startswith(a["kedjehuvud"]):
        return f"post {a['lopnummer']}: stämmer inte med ankaret från {a['tid']} (registret är omskrivet eller utbytt)"
    return None
