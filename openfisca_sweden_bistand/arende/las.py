"""Reading a case (*ärende*): a household and a month, as JSON.

A case is the OpenFisca situation that the web API's ``/calculate`` takes, with one more key,
``"period"`` (``YYYY-MM``), the month the case is about::

    {
      "period": "2026-03",
      "personer": {
        "sara": {"alder": 34, "inkomst_av_anstallning": 6000,
                 "mottog_forsorjningsstod": {"2025-09": true, "2025-10": true}},
        "leo": {"alder": 5, "lunch_utanfor_hemmet": true}
      },
      "hushallen": {
        "hushallet": {"vuxna": ["sara"], "barnen": ["leo"], "boendekostnad": 7400}
      }
    }

A plain value is the value for the case month; an object keyed by month (``{"2025-09": true}``)
gives values for several months (a history, as ``mottog_forsorjningsstod`` needs).

Every error names the field (``personer.leo.alder``) and says what is wrong, in one line. The
reader is strict where a missing or wrong fact would silently change an amount: unknown names,
wrong types, negative or absurd amounts, roles that contradict the law on who belongs to the
household, and a missing age are all errors.
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openfisca_sweden_bistand import kommuner
from openfisca_sweden_bistand.arende.kallor import SOKANDENS, Kalla, las_kallor
from openfisca_sweden_bistand.arende.validering import (
    FORSTA_MANAD,
    HOGSTA_ANTAL_PERSONER,
    ArendeFel,
    kontrollera_varde,
    las_dag,
    las_manad,
)
from openfisca_sweden_bistand.system import skattesystem

__all__ = [
    "FORSTA_MANAD", "HOGSTA_ANTAL_PERSONER", "INDATA_MED_FORMEL", "ROLLER", "SATTS_AV_BESLUTSFUNKTIONEN",
    "OGILTIGT_ID", "Arende", "ArendeFel", "forsta_felet", "giltigt_id",
    "las_arende", "las_dag", "las_json", "las_kommun", "las_manad",
    "las_situation",
]

# Variables with a formula that a case may still give, because the law or practice supplies the fact:
# the child allowance actually received, a caseworker's finding on jobbstimulans, earlier income
# of the year, and a housing ceiling the municipality's table does not give. Every other computed variable is
# the rules' to compute, never an input.
INDATA_MED_FORMEL = ("barnbidrag", "jobbstimulans_tillampas", "arbetsinkomst_tidigare_under_aret", "beslutsdatum",
                     "boendekostnad_tak")
# Facts set by the decision function after its checks (beslutsunderlag.py, the register), never by a
# caller: a case or a /calculate body that gives one is refused.
SATTS_AV_BESLUTSFUNKTIONEN = (
    "uppgifter_kompletta", "uppgifter_utanfor_manaden", "forsta_ansokan_enligt_register", "historik_motsager_register",
    "delegation_galler",
    # the facts' sources and the register check (kontroll/underlag.py, variables/kontroll.py)
    "uppgift_endast_fran_sokanden", "uppgift_fran_beslutsregistret", "registeruppgift_okontrollerad",
    "registeruppgift_avviker", "registerupplysning",
)
ROLLER = {"vuxna": "vuxen", "barnen": "barn"}
# Incomes paid for a child: only on a person in the role barn.
ENDAST_BARN = ("underhallsstod_for_barnet",)


@dataclass
class Arende:
    """A validated case: the month, and the situation with every value keyed by month."""

    period: str
    situation: dict[str, Any]
    hushall_id: str
    angivna: dict[str, set[str]] = field(default_factory=dict)  # entity id -> variables given for the month
    beslutsdatum: str | None = None  # YYYY-MM-DD: the day of the decision, when the case gives it
    kallor: dict[str, Kalla] = field(default_factory=dict)  # field -> source, where it is not the applicant
    kommun: str | None = None  # the municipality whose guidelines apply (kommuner/<id>), None: national defaults

    def kalla(self, falt: str) -> Kalla:
        """The source of the fact at ``falt`` (``personer.<id>.<variabel>``): the applicant unless said otherwise."""
        return self.kallor.get(falt, SOKANDENS)

    def med_beslutsdatum(self, dag: str) -> Arende:
        """A copy of the case decided on ``dag`` (the household's ``beslutsdatum`` for the month)."""
        kopia = self.med_hushallsfakta({"beslutsdatum": dag})
        kopia.beslutsdatum = dag
        return kopia

    def med_hushallsfakta(self, fakta: dict[str, Any], angivna: bool = False) -> Arende:
        """A copy of the case with household facts for the month set by the decision function (with
        ``angivna``, facts that count as given: the register's record of last month). Only the path to the
        household is copied; the rest is shared with this case, which nothing changes."""
        kopia = copy.copy(self)
        hushallen = {**self.situation["hushallen"], self.hushall_id: dict(self.hushall())}
        kopia.situation = {**self.situation, "hushallen": hushallen}
        kopia.angivna = {k: set(v) for k, v in self.angivna.items()}
        for namn, varde in fakta.items():
            kopia.situation["hushallen"][self.hushall_id][namn] = {self.period: varde}
            if angivna:
                kopia.angivna.setdefault(self.hushall_id, set()).add(namn)
        return kopia

    def roll(self, rollnamn: str) -> list[str]:
        """The ids of the household's members in role ``vuxna`` or ``barnen``."""
        return list(self.situation["hushallen"][self.hushall_id].get(rollnamn, []))

    def hushall(self) -> dict[str, Any]:
        hushall: dict[str, Any] = self.situation["hushallen"][self.hushall_id]
        return hushall

    def antal_personer(self) -> int:
        return len(self.roll("vuxna")) + len(self.roll("barnen"))


_BERAKNAS = "beräknas av reglerna och kan inte anges (bara efterfrågas med null)"


def _variabel_for(system: Any, entitet_nyckel: str, namn: str, falt: str) -> Any:
    """The variable ``namn`` of entity ``entitet_nyckel``, if a case may give or ask for it."""
    variabel = system.variables.get(namn)
    if variabel is None:
        raise ArendeFel(falt, "okänd variabel")
    if variabel.entity.key != entitet_nyckel:
        raise ArendeFel(falt, f"variabeln hör till entiteten {variabel.entity.key}, inte {entitet_nyckel}")
    if namn in SATTS_AV_BESLUTSFUNKTIONEN:
        raise ArendeFel(falt, "sätts av beslutsfunktionen efter kontroll av uppgifterna och kan inte anges")
    return variabel


def _las_per_manad(variabel: Any, varde: dict[Any, Any], falt: str, beraknad: bool) -> dict[str, Any]:
    """Values keyed by month (``{"2025-09": true}``); ``null`` asks for a value."""
    per_manad: dict[str, Any] = {}
    for manad, v in varde.items():
        las_manad(manad, f"{falt}.{manad}")
        if v is None:  # a value asked for, as in /calculate
            per_manad[manad] = None
            continue
        if beraknad:
            raise ArendeFel(falt, _BERAKNAS)
        per_manad[manad] = kontrollera_varde(variabel, v, f"{falt}.{manad}", manad)
    return per_manad


def _las_variabel(variabel: Any, varde: Any, falt: str, period: str | None, angivna: set[str]) -> dict[str, Any]:
    """One variable's values keyed by month; a value given for ``period`` is added to ``angivna``."""
    namn = variabel.name
    beraknad = bool(variabel.formulas) and namn not in INDATA_MED_FORMEL
    if isinstance(varde, dict):
        per_manad = _las_per_manad(variabel, varde, falt, beraknad)
        if period is not None and per_manad.get(period) is not None:
            angivna.add(namn)
        return per_manad
    if period is None:
        raise ArendeFel(falt, 'ange värdet per månad, t.ex. {"2026-03": ...}; null ber om ett beräknat värde')
    if varde is None:
        return {period: None}
    if beraknad:
        raise ArendeFel(falt, _BERAKNAS)
    angivna.add(namn)
    return {period: kontrollera_varde(variabel, varde, falt, period)}


def _las_entitet(system: Any, entitet_nyckel: str, entitet_id: str, data: Any, period: str | None,
                 angivna: set[str]) -> dict[str, Any]:
    """Validate one person's or household's variables; return them keyed by month.

    ``period`` is the case month, for which a plain value stands; None for a /calculate situation,
    where every value must be keyed by month.
    """
    prefix = f"{'personer' if entitet_nyckel == 'person' else 'hushallen'}.{entitet_id}"
    if not isinstance(data, dict):
        raise ArendeFel(prefix, "ska vara ett objekt med variabler")
    ut: dict[str, Any] = {}
    for namn, varde in data.items():
        falt = f"{prefix}.{namn}"
        if entitet_nyckel == "hushall" and namn in ROLLER:
            ut[namn] = varde  # roles are checked by _las_roller
            continue
        variabel = _variabel_for(system, entitet_nyckel, namn, falt)
        ut[namn] = _las_variabel(variabel, varde, falt, period, angivna)
    return ut


def _varde_for_manaden(data: dict[str, Any], namn: str, period: str, standard: Any = None) -> Any:
    varde = data.get(namn, {}).get(period)
    return standard if varde is None else varde


def _utan_dubbletter(par: list[tuple[str, Any]]) -> dict[str, Any]:
    objekt: dict[str, Any] = dict(par)
    if len(objekt) == len(par):  # no key twice: the common case, without a loop in Python
        return objekt
    objekt = {}
    for nyckel, varde in par:
        if nyckel in objekt:
            raise ArendeFel(nyckel, "nyckeln förekommer två gånger i samma objekt")
        objekt[nyckel] = varde
    return objekt


def las_json(text: str, kalla: str = "ärendet") -> Any:
    """Parse JSON strictly: a duplicate key or absurd nesting is an error, not a silent choice."""
    try:
        data = json.loads(text, object_pairs_hook=_utan_dubbletter)
    except json.JSONDecodeError as fel:
        raise ArendeFel("", f"{kalla} är inte giltig JSON: {fel.msg} (rad {fel.lineno}, kolumn {fel.colno})") from None
    except RecursionError:
        raise ArendeFel("", f"{kalla} är för djupt nästlad") from None
    except ArendeFel:  # a duplicate key
        raise
    except ValueError:  # an integer of more than 4 300 digits
        raise ArendeFel("", f"{kalla} är inte giltig JSON: ett tal har för många siffror") from None
    if _SURROGAT.search(text):  # "\ud800" parses, but a lone surrogate is not Unicode text
        try:
            json.dumps(data, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            raise ArendeFel("", f"{kalla} innehåller ett ensamt surrogattecken (\\ud800–\\udfff)") from None
    return data


_SURROGAT = re.compile(r"\\u[dD][89a-fA-F]")
# An entity id: not empty, no "/" (OpenFisca's answers are built by path), no control characters.
# An id is a key of the case and a part of every field path (personer.<id>.<variabel>): no "/", no ".", no control
# or invisible format character (soft hyphen, zero-width and direction marks), which would also hide a personnummer.
_OGILTIGT_ID = re.compile(r"^$|[/.\x00-\x1f\x7f-\x9f\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u2028-\u202e"
                          r"\u2060-\u206f\ufeff\ufff9-\ufffb]")


OGILTIGT_ID = "ett id är 1–200 tecken, utan / . och styr- eller formattecken"


def giltigt_id(entitet_id: Any) -> bool:
    """Whether ``entitet_id`` may name a person or a household (a key of the case and part of every field path)."""
    return isinstance(entitet_id, str) and not _OGILTIGT_ID.search(entitet_id) and len(entitet_id) <= 200


def _kontrollera_id(entitet_id: Any, grupp: str, nummer: int) -> None:
    if not giltigt_id(entitet_id):
        raise ArendeFel(grupp, f"id nr {nummer} är ogiltigt: {OGILTIGT_ID}")


def _som_data(kalla: Path | dict[str, Any]) -> Any:
    """JSON from a file (a ``Path``, only ever one named on the command line), or a copy of parsed data.

    A ``str`` is data, never a path: a request body that is a JSON string must not open a file."""
    if isinstance(kalla, Path):
        try:
            text = Path(kalla).read_text(encoding="utf-8")
        except OSError as fel:
            raise ArendeFel("", f"kan inte läsa {kalla}: {_filfel(fel)}") from None
        except UnicodeDecodeError:
            raise ArendeFel("", f"{kalla} är inte UTF-8-kodad text") from None
        return las_json(text, str(kalla))
    try:
        return copy.deepcopy(kalla)
    except RecursionError:
        raise ArendeFel("", "indata är för djupt nästlade") from None


def _kontrollera_grupper(data: dict[str, Any], hogsta_antal_personer: int) -> None:
    """``personer`` and ``hushallen`` are given, not too many, and their ids are valid."""
    for nyckel in ("personer", "hushallen"):
        if not isinstance(data.get(nyckel), dict) or not data[nyckel]:
            raise ArendeFel(nyckel, "saknas eller är tomt")
    if len(data["personer"]) > hogsta_antal_personer:
        raise ArendeFel("personer", f"för många personer ({len(data['personer'])}, högst {hogsta_antal_personer})")
    if len(data["hushallen"]) > hogsta_antal_personer:
        raise ArendeFel("hushallen", f"för många hushåll ({len(data['hushallen'])}, högst {hogsta_antal_personer})")
    for grupp in ("personer", "hushallen"):
        for nummer, entitet_id in enumerate(data[grupp], 1):
            _kontrollera_id(entitet_id, grupp, nummer)
    for nummer, hushall_id in enumerate(data["hushallen"], 1):
        if hushall_id in data["personer"]:  # the facts given are kept per id (Arende.angivna)
            raise ArendeFel("hushallen", f"hushåll nr {nummer} har samma id som en person; ge hushållet ett eget id")


def _las_medlemmar(hushall: dict[str, Any], rollnamn: str, falt: str) -> list[str]:
    """The ids in one role of a household (a single id stands for a list of one)."""
    medlemmar = hushall.get(rollnamn, [])
    if isinstance(medlemmar, str):
        medlemmar = hushall[rollnamn] = [medlemmar]
    if not isinstance(medlemmar, list) or not all(isinstance(m, str) for m in medlemmar):
        raise ArendeFel(falt, "ska vara en lista med person-id")
    return medlemmar


def _kontrollera_vuxna(hushall_id: str, hushall: dict[str, Any]) -> None:
    if not hushall.get("vuxna"):
        raise ArendeFel(f"hushallen.{hushall_id}.vuxna", "ett hushåll har minst en vuxen (den sökande)")
    if len(hushall["vuxna"]) > 2:
        raise ArendeFel(
            f"hushallen.{hushall_id}.vuxna",
            "högst två vuxna (sökande och make, maka, registrerad partner eller sambo); "
            "andra vuxna som bor i bostaden ansöker som egna hushåll (ange personer_i_gemensamt_boende)",
        )


def _las_roller(personer: dict[str, Any], hushallen: dict[str, dict[str, Any]]) -> dict[str, str]:
    """Who has which role: every person in exactly one role of one household; one or two adults in each
    household. Returns the role (``vuxna`` or ``barnen``) per person."""
    roll: dict[str, str] = {}
    for hushall_id, hushall in hushallen.items():
        for rollnamn in ROLLER:
            falt = f"hushallen.{hushall_id}.{rollnamn}"
            for medlem in _las_medlemmar(hushall, rollnamn, falt):
                if medlem not in personer:
                    raise ArendeFel(falt, f"{medlem!r} finns inte under personer")
                if medlem in roll:
                    raise ArendeFel(falt, f"{medlem!r} har redan rollen {roll[medlem]}")
                roll[medlem] = rollnamn
        _kontrollera_vuxna(hushall_id, hushall)
    utan_roll = [p for p in personer if p not in roll]
    if utan_roll:
        raise ArendeFel(f"personer.{utan_roll[0]}", "personen har ingen roll i något hushåll (vuxna eller barnen)")
    return roll


Grupper = tuple[dict[str, Any], dict[str, Any], dict[str, set[str]], dict[str, str]]


def _las_grupper(data: dict[str, Any], system: Any, period: str | None, hogsta_antal_personer: int) -> Grupper:
    """Validate ``personer`` and ``hushallen``: variables, values, and who has which role.

    Returns (personer, hushallen, angivna, roll per person).
    """
    _kontrollera_grupper(data, hogsta_antal_personer)
    angivna: dict[str, set[str]] = {}
    personer: dict[str, Any] = {}
    hushallen: dict[str, Any] = {}
    for person_id, person in data["personer"].items():
        angivna[person_id] = set()
        personer[person_id] = _las_entitet(system, "person", person_id, person, period, angivna[person_id])
    for hushall_id, hushall_data in data["hushallen"].items():
        angivna[hushall_id] = set()
        hushallen[hushall_id] = _las_entitet(system, "hushall", hushall_id, hushall_data, period, angivna[hushall_id])
    return personer, hushallen, angivna, _las_roller(personer, hushallen)


def _kontrollera_vuxen(person_id: str, person: dict[str, Any], alder: Any, period: str) -> None:
    if alder < 18:
        raise ArendeFel(
            f"personer.{person_id}.alder",
            f"{alder} år: en vuxen i hushållet är minst 18 år; för en sökande under 18 år har föräldrarna "
            "försörjningsplikt (föräldrabalken 7 kap. 1 §) och ärendet handläggs manuellt",
        )
    for namn in ENDAST_BARN:
        if _varde_for_manaden(person, namn, period, 0):
            raise ArendeFel(f"personer.{person_id}.{namn}", "anges på barnet som det betalas för, inte på en vuxen")


def _kontrollera_barn(person_id: str, person: dict[str, Any], alder: Any, period: str) -> None:
    skolungdom = _varde_for_manaden(person, "skolungdom", period, False)
    if alder >= 21 or (alder >= 18 and not skolungdom):
        raise ArendeFel(
            f"personer.{person_id}",
            f"{alder} år och {'skolungdom' if skolungdom else 'inte skolungdom'}: hör inte till hushållet som barn "
            "(försörjningsplikt till 18 år, eller 21 år under skolgång, föräldrabalken 7 kap. 1 §); "
            "personen ansöker som eget hushåll",
        )


def _kontrollera_historik(person_id: str, person: dict[str, Any], period: str) -> None:
    """The support history is given once: as a count of months in a row, or month by month."""
    antal = _varde_for_manaden(person, "manader_i_folj_med_stod", period)
    if antal is not None and any(v is not None for v in (person.get("mottog_forsorjningsstod") or {}).values()):
        raise ArendeFel(f"personer.{person_id}.manader_i_folj_med_stod", "ange historiken en gång: antalet månader "
                        "i följd eller mottog_forsorjningsstod per månad, inte båda")


def _kontrollera_medlemmar(personer: dict[str, Any], roll: dict[str, str], period: str) -> None:
    """Facts the law needs about each member: an age, and one that fits the role."""
    for person_id, person in personer.items():
        alder = _varde_for_manaden(person, "alder", period)
        if alder is None:
            raise ArendeFel(f"personer.{person_id}.alder", f"saknas för {period}; riksnormen beror på åldern")
        _kontrollera_historik(person_id, person, period)
        if roll[person_id] == "vuxna":
            _kontrollera_vuxen(person_id, person, alder, period)
        if roll[person_id] == "barnen":
            _kontrollera_barn(person_id, person, alder, period)


def _filfel(fel: OSError) -> str:
    """An error reading a file, in Swedish."""
    if isinstance(fel, FileNotFoundError):
        return "filen finns inte"
    if isinstance(fel, IsADirectoryError):
        return "det är en katalog, inte en fil"
    if isinstance(fel, PermissionError):
        return "behörighet saknas"
    return "filen kan inte läsas"


def las_kommun(namn: Any, falt: str = "kommun") -> str:
    """A municipality's id, checked against the known ones (an unknown one is an error at ``falt`` listing them)."""
    try:
        return kommuner.hitta(namn).id
    except kommuner.KommunFel as fel:
        raise ArendeFel(falt, str(fel)) from None


def _las_huvudnycklar(data: Any) -> tuple[str, str | None]:
    """The case's top level: (period, beslutsdatum or None)."""
    if not isinstance(data, dict):
        raise ArendeFel("", "ett ärende är ett JSON-objekt med nycklarna period, personer och hushallen")
    okanda = set(data) - {"period", "beslutsdatum", "kommun", "personer", "hushallen", "kallor"}
    if okanda:
        raise ArendeFel(sorted(okanda)[0], "okänd nyckel; ett ärende har period, beslutsdatum, kommun, personer, "
                                           "hushallen och kallor")
    if "period" not in data:
        raise ArendeFel("period", "saknas: ange månaden ärendet gäller (ÅÅÅÅ-MM)")
    period = las_manad(data["period"], "period")
    beslutsdatum = None if data.get("beslutsdatum") is None else las_dag(data["beslutsdatum"], "beslutsdatum")
    if isinstance(data.get("hushallen"), dict) and len(data["hushallen"]) > 1:
        raise ArendeFel("hushallen", f"ett ärende gäller ett hushåll, inte {len(data['hushallen'])}")
    return period, beslutsdatum


def las_arende(kalla: Path | dict[str, Any], system: Any = None) -> Arende:
    """Read and validate a case (one household, one month) from parsed JSON, or a file given as a ``Path``."""
    data = _som_data(kalla)
    system = system or skattesystem()
    period, beslutsdatum = _las_huvudnycklar(data)
    personer, hushallen, angivna, roll = _las_grupper(data, system, period, HOGSTA_ANTAL_PERSONER)
    ((hushall_id, hushall),) = hushallen.items()
    _kontrollera_medlemmar(personer, roll, period)
    if "beslutsdatum" in hushall:
        raise ArendeFel(f"hushallen.{hushall_id}.beslutsdatum", "ange beslutsdatum överst i ärendet, bredvid period")
    situation = {"personer": personer, "hushallen": {hushall_id: hushall}}
    kallor = las_kallor(data.get("kallor"), angivna, {**dict.fromkeys(personer, "personer"), hushall_id: "hushallen"})
    # Anything OpenFisca itself refuses is reported by forklaring.simulering.bygg_simulering, by field.
    kommun = None if data.get("kommun") is None else las_kommun(data["kommun"])
    arende = Arende(period=period, situation=situation, hushall_id=hushall_id, angivna=angivna, kallor=kallor,
                    kommun=kommun)
    return arende.med_beslutsdatum(beslutsdatum) if beslutsdatum else arende


def las_situation(kalla: Path | dict[str, Any], system: Any = None,
                  hogsta_antal_personer: int = HOGSTA_ANTAL_PERSONER) -> dict[str, Any]:
    """Validate a ``/calculate`` or ``/trace`` situation: any number of households, values keyed by
    month, ``null`` for a value asked for. The same checks as a case, but facts may be missing:
    the calculation layer keeps OpenFisca's defaults (a decision never does, see ``uppgifter_kompletta``)."""
    data = _som_data(kalla)
    system = system or skattesystem()
    if not isinstance(data, dict):
        raise ArendeFel("", "en situation är ett JSON-objekt med nycklarna personer och hushallen")
    okanda = set(data) - {"personer", "hushallen"}
    if okanda:
        raise ArendeFel(sorted(okanda)[0], "okänd nyckel; en situation har personer och hushallen")
    personer, hushallen, _, _ = _las_grupper(data, system, None, hogsta_antal_personer)
    return {"personer": personer, "hushallen": hushallen}


def forsta_felet(fel: Any, vag: tuple[str, ...] = ()) -> tuple[str, str]:
    """(field, message) of the first error in OpenFisca's nested error object."""
    if isinstance(fel, dict) and fel:
        nyckel, under = next(iter(fel.items()))
        return forsta_felet(under, (*vag, str(nyckel)))
    return ".".join(vag), str(fel)
