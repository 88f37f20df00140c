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
import datetime
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openfisca_core.errors import SituationParsingError
from openfisca_core.indexed_enums import Enum
from openfisca_core.simulations import SimulationBuilder

from openfisca_sweden_bistand.system import skattesystem

FORSTA_MANAD = "2013-01"  # the first month the parameters cover
HOGSTA_BELOPP = 10_000_000  # kronor per month; anything above is taken for an input error
HOGSTA_TILLGANG = 1_000_000_000  # kronor, for assets (a stock, not a monthly amount)
TILLGANGAR = ("tillgangar_sparande", "tillgangar_ovriga")
# Variables with a formula that a case may still give, because the law or practice supplies the fact:
# the child allowance actually received, a caseworker's finding on jobbstimulans, and earlier income
# of the year. Every other computed variable is the rules' to compute, never an input.
INDATA_MED_FORMEL = ("barnbidrag", "jobbstimulans_tillampas", "arbetsinkomst_tidigare_under_aret", "beslutsdatum")
# Facts set by the decision function itself, never by a case (a /calculate caller may set them,
# and answers for them).
# Facts set by the decision function after its checks (beslutsunderlag.py, the register), never by a
# caller: a case or a /calculate body that gives one is refused.
SATTS_AV_BESLUTSFUNKTIONEN = (
    "uppgifter_kompletta", "uppgifter_utanfor_manaden", "forsta_ansokan_enligt_register", "historik_motsager_register",
)
HOGSTA_ALDER = 130
HOGSTA_ANTAL_PERSONER = 50
MANAD = re.compile(r"([0-9]{4})-([0-9]{2})")  # with fullmatch: no final newline, ASCII digits only
DAG = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")  # with fullmatch, ASCII digits only
FORSTA_DAG, SISTA_DAG = datetime.date(2013, 1, 1), datetime.date(2100, 12, 31)
ROLLER = {"vuxna": "vuxen", "barnen": "barn"}
# Incomes paid for a child: only on a person in the role barn.
ENDAST_BARN = ("underhallsstod_for_barnet",)



class ArendeFel(ValueError):
    """A case that cannot be computed. ``falt`` is the dotted path of the field at fault."""

    def __init__(self, falt: str, meddelande: str) -> None:
        self.falt = falt
        self.meddelande = meddelande
        super().__init__(f"{falt}: {meddelande}" if falt else meddelande)


@dataclass
class Arende:
    """A validated case: the month, and the situation with every value keyed by month."""

    period: str
    situation: dict[str, Any]
    hushall_id: str
    angivna: dict[str, set[str]] = field(default_factory=dict)  # entity id -> variables given for the month
    beslutsdatum: str | None = None  # YYYY-MM-DD: the day of the decision, when the case gives it

    def med_beslutsdatum(self, dag: str) -> "Arende":
        """A copy of the case decided on ``dag`` (the household's ``beslutsdatum`` for the month)."""
        kopia = self.med_hushallsfakta({"beslutsdatum": dag})
        kopia.beslutsdatum = dag
        return kopia

    def med_hushallsfakta(self, fakta: dict[str, Any], angivna: bool = False) -> "Arende":
        """A copy of the case with household facts for the month set by the decision function (with
        ``angivna``, facts that count as given: the register's record of last month)."""
        kopia = copy.copy(self)
        kopia.situation = copy.deepcopy(self.situation)
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
        return self.situation["hushallen"][self.hushall_id]

    def antal_personer(self) -> int:
        return len(self.roll("vuxna")) + len(self.roll("barnen"))

    def beslutsuppgifter_som_saknas(self) -> list[str]:
        """Facts a decision needs that the case does not give (beslutsunderlag.UPPGIFTER): a decision
        without them goes to a caseworker."""
        from openfisca_sweden_bistand.arende.underlag import saknade_uppgifter

        return saknade_uppgifter(self)

    def saknade_uppgifter(self, system=None) -> list[str]:
        """The same facts, for a calculation: each counts as 0 there, or is computed by law (barnbidrag)."""
        return self.beslutsuppgifter_som_saknas()


def las_manad(text: Any, falt: str) -> str:
    """A month ``YYYY-MM``, checked; returned as given."""
    if not isinstance(text, str) or not (traff := MANAD.fullmatch(text)):
        raise ArendeFel(falt, f"en månad skrivs ÅÅÅÅ-MM, inte {json.dumps(text, ensure_ascii=False)}")
    ar, manad = int(traff.group(1)), int(traff.group(2))
    if not 1 <= manad <= 12:
        raise ArendeFel(falt, f"ogiltig månad {text}")
    if text < FORSTA_MANAD:
        raise ArendeFel(falt, f"{text} ligger före {FORSTA_MANAD}, den första månad modellen har regler för")
    if ar > 2100:
        raise ArendeFel(falt, f"orimligt årtal {ar}")
    return text


def las_dag(text: Any, falt: str) -> str:
    """A day ``YYYY-MM-DD`` between 2013-01-01 and 2100-12-31, checked; returned as given."""
    if not isinstance(text, str) or not (traff := DAG.fullmatch(text)):
        raise ArendeFel(falt, f"ett datum skrivs ÅÅÅÅ-MM-DD, inte {json.dumps(text, ensure_ascii=False)}")
    try:
        dag = datetime.date(*(int(del_) for del_ in traff.groups()))
    except ValueError:
        raise ArendeFel(falt, f"ogiltigt datum {text}") from None
    if not FORSTA_DAG <= dag <= SISTA_DAG:
        raise ArendeFel(falt, f"{text} ligger utanför {FORSTA_DAG.isoformat()}–{SISTA_DAG.isoformat()}")
    return text


def _kontrollera_varde(variabel, varde: Any, falt: str) -> Any:
    """Check one value against its variable's type and range."""
    typ = variabel.value_type
    if typ is datetime.date:
        return las_dag(varde, falt)
    if typ is bool:
        if not isinstance(varde, bool):
            raise ArendeFel(falt, f"ska vara true eller false, inte {json.dumps(varde, ensure_ascii=False)}")
        return varde
    if typ is Enum:
        giltiga = [post.name for post in variabel.possible_values]
        if varde not in giltiga:
            raise ArendeFel(falt, f"ska vara ett av {', '.join(giltiga)}")
        return varde
    if isinstance(varde, bool) or not isinstance(varde, (int, float)):
        raise ArendeFel(falt, f"ska vara ett tal, inte {json.dumps(varde, ensure_ascii=False)}")
    if varde != varde or varde in (float("inf"), float("-inf")):
        raise ArendeFel(falt, "ska vara ett ändligt tal")
    if typ is int and int(varde) != varde:
        raise ArendeFel(falt, f"ska vara ett heltal, inte {varde}")
    if varde < 0:
        raise ArendeFel(falt, f"får inte vara negativt ({varde})")
    if variabel.name in TILLGANGAR:
        if varde > HOGSTA_TILLGANG:
            raise ArendeFel(falt, f"orimligt belopp {varde} kr (högst {HOGSTA_TILLGANG})")
    elif variabel.unit == "currency-SEK" and varde > HOGSTA_BELOPP:
        raise ArendeFel(falt, f"orimligt belopp {varde} kr per månad (högst {HOGSTA_BELOPP})")
    if variabel.name == "personer_i_gemensamt_boende" and varde > HOGSTA_ANTAL_PERSONER:
        raise ArendeFel(falt, f"orimligt antal personer {varde} (högst {HOGSTA_ANTAL_PERSONER})")
    if variabel.name == "alder" and varde > HOGSTA_ALDER:
        raise ArendeFel(falt, f"orimlig ålder {varde}")
    return int(varde) if typ is int else float(varde)


def _las_entitet(system, entitet_nyckel: str, entitet_id: str, data: Any, period: str | None, angivna: set[str]):
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
            ut[namn] = varde  # roles are checked by the caller
            continue
        variabel = system.variables.get(namn)
        if variabel is None:
            raise ArendeFel(falt, "okänd variabel")
        if variabel.entity.key != entitet_nyckel:
            raise ArendeFel(falt, f"variabeln hör till entiteten {variabel.entity.key}, inte {entitet_nyckel}")
        if namn in SATTS_AV_BESLUTSFUNKTIONEN:
            raise ArendeFel(falt, "sätts av beslutsfunktionen efter kontroll av uppgifterna och kan inte anges")
        beraknad = bool(variabel.formulas) and namn not in INDATA_MED_FORMEL
        if isinstance(varde, dict):
            per_manad = {}
            for manad, v in varde.items():
                las_manad(manad, f"{falt}.{manad}")
                if v is None:  # a value asked for, as in /calculate
                    per_manad[manad] = None
                    continue
                if beraknad:
                    raise ArendeFel(falt, "beräknas av reglerna och kan inte anges (bara efterfrågas med null)")
                per_manad[manad] = _kontrollera_varde(variabel, v, f"{falt}.{manad}")
            if per_manad.get(period) is not None:
                angivna.add(namn)
            ut[namn] = per_manad
        elif period is None:
            raise ArendeFel(falt, 'ange värdet per månad, t.ex. {"2026-03": ...}; null ber om ett beräknat värde')
        elif varde is None:
            ut[namn] = {period: None}
        elif beraknad:
            raise ArendeFel(falt, "beräknas av reglerna och kan inte anges (bara efterfrågas med null)")
        else:
            ut[namn] = {period: _kontrollera_varde(variabel, varde, falt)}
            angivna.add(namn)
    return ut


def _varde_for_manaden(data: dict, namn: str, period: str, standard: Any = None) -> Any:
    varde = data.get(namn, {}).get(period)
    return standard if varde is None else varde


def _utan_dubbletter(par: list[tuple[str, Any]]) -> dict[str, Any]:
    objekt: dict[str, Any] = {}
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
_OGILTIGT_ID = re.compile(r"^$|[/\x00-\x1f\x7f-\x9f]")


def _kontrollera_id(entitet_id: Any, grupp: str, nummer: int) -> None:
    if not isinstance(entitet_id, str) or _OGILTIGT_ID.search(entitet_id) or len(entitet_id) > 200:
        raise ArendeFel(grupp, f"id nr {nummer} är ogiltigt: ett id är 1–200 tecken, utan / och styrtecken")


def _som_data(kalla: Path | dict) -> Any:
    """JSON from a file (a ``Path``, only ever one named on the command line), or a copy of parsed data.

    A ``str`` is data, never a path: a request body that is a JSON string must not open a file."""
    if isinstance(kalla, Path):
        try:
            text = Path(kalla).read_text(encoding="utf-8")
        except OSError as fel:
            raise ArendeFel("", f"kan inte läsa {kalla}: {fel.strerror}") from None
        except UnicodeDecodeError:
            raise ArendeFel("", f"{kalla} är inte UTF-8-kodad text") from None
        return las_json(text, str(kalla))
    try:
        return copy.deepcopy(kalla)
    except RecursionError:
        raise ArendeFel("", "indata är för djupt nästlade") from None


def _las_grupper(data: dict, system, period: str | None, hogsta_antal_personer: int):
    """Validate ``personer`` and ``hushallen``: variables, values, and who has which role.

    Returns (personer, hushallen, angivna, roll per person).
    """
    for nyckel in ("personer", "hushallen"):
        if not isinstance(data.get(nyckel), dict) or not data[nyckel]:
            raise ArendeFel(nyckel, "saknas eller är tomt")
    if len(data["personer"]) > hogsta_antal_personer:
        raise ArendeFel("personer", f"för många personer ({len(data['personer'])}, högst {hogsta_antal_personer})")
    if len(data["hushallen"]) > hogsta_antal_personer:
        raise ArendeFel("hushallen", f"för många hushåll ({len(data['hushallen'])}, högst {hogsta_antal_personer})")

    angivna: dict[str, set[str]] = {}
    personer, hushallen = {}, {}
    for grupp in ("personer", "hushallen"):
        for nummer, entitet_id in enumerate(data[grupp], 1):
            _kontrollera_id(entitet_id, grupp, nummer)
    for person_id, person in data["personer"].items():
        angivna[person_id] = set()
        personer[person_id] = _las_entitet(system, "person", person_id, person, period, angivna[person_id])
    for hushall_id, hushall_data in data["hushallen"].items():
        angivna[hushall_id] = set()
        hushallen[hushall_id] = _las_entitet(system, "hushall", hushall_id, hushall_data, period, angivna[hushall_id])

    # Roles: every person in exactly one role of one household; one or two adults in each household.
    roll: dict[str, str] = {}
    for hushall_id, hushall in hushallen.items():
        for rollnamn in ROLLER:
            medlemmar = hushall.get(rollnamn, [])
            falt = f"hushallen.{hushall_id}.{rollnamn}"
            if isinstance(medlemmar, str):
                medlemmar = hushall[rollnamn] = [medlemmar]
            if not isinstance(medlemmar, list) or not all(isinstance(m, str) for m in medlemmar):
                raise ArendeFel(falt, "ska vara en lista med person-id")
            for medlem in medlemmar:
                if medlem not in personer:
                    raise ArendeFel(falt, f"{medlem!r} finns inte under personer")
                if medlem in roll:
                    raise ArendeFel(falt, f"{medlem!r} har redan rollen {roll[medlem]}")
                roll[medlem] = rollnamn
        if not hushall.get("vuxna"):
            raise ArendeFel(f"hushallen.{hushall_id}.vuxna", "ett hushåll har minst en vuxen (den sökande)")
        if len(hushall["vuxna"]) > 2:
            raise ArendeFel(
                f"hushallen.{hushall_id}.vuxna",
                "högst två vuxna (sökande och make, maka, registrerad partner eller sambo); "
                "andra vuxna som bor i bostaden ansöker som egna hushåll (ange personer_i_gemensamt_boende)",
            )
    utan_roll = [p for p in personer if p not in roll]
    if utan_roll:
        raise ArendeFel(f"personer.{utan_roll[0]}", "personen har ingen roll i något hushåll (vuxna eller barnen)")
    return personer, hushallen, angivna, roll


def las_arende(kalla: Path | dict, system=None) -> Arende:
    """Read and validate a case (one household, one month) from parsed JSON, or a file given as a ``Path``."""
    data = _som_data(kalla)
    system = system or skattesystem()

    if not isinstance(data, dict):
        raise ArendeFel("", "ett ärende är ett JSON-objekt med nycklarna period, personer och hushallen")
    okanda = set(data) - {"period", "beslutsdatum", "personer", "hushallen"}
    if okanda:
        raise ArendeFel(sorted(okanda)[0], "okänd nyckel; ett ärende har period, beslutsdatum, personer och hushallen")
    if "period" not in data:
        raise ArendeFel("period", "saknas: ange månaden ärendet gäller (ÅÅÅÅ-MM)")
    period = las_manad(data["period"], "period")
    beslutsdatum = None if data.get("beslutsdatum") is None else las_dag(data["beslutsdatum"], "beslutsdatum")
    if isinstance(data.get("hushallen"), dict) and len(data["hushallen"]) > 1:
        raise ArendeFel("hushallen", f"ett ärende gäller ett hushåll, inte {len(data['hushallen'])}")
    personer, hushallen, angivna, roll = _las_grupper(data, system, period, HOGSTA_ANTAL_PERSONER)
    ((hushall_id, hushall),) = hushallen.items()

    # Facts the law needs about each member.
    for person_id, person in personer.items():
        alder = _varde_for_manaden(person, "alder", period)
        if alder is None:
            raise ArendeFel(f"personer.{person_id}.alder", f"saknas för {period}; riksnormen beror på åldern")
        if roll[person_id] == "vuxna" and alder < 18:
            raise ArendeFel(
                f"personer.{person_id}.alder",
                f"{alder} år: en vuxen i hushållet är minst 18 år; för en sökande under 18 år har föräldrarna "
                "försörjningsplikt (föräldrabalken 7 kap. 1 §) och ärendet handläggs manuellt",
            )
        if roll[person_id] == "vuxna":
            for namn in ENDAST_BARN:
                if _varde_for_manaden(person, namn, period, 0):
                    raise ArendeFel(f"personer.{person_id}.{namn}", "anges på barnet som det betalas för, inte på en vuxen")
        if roll[person_id] == "barnen":
            skolungdom = _varde_for_manaden(person, "skolungdom", period, False)
            if alder >= 21 or (alder >= 18 and not skolungdom):
                raise ArendeFel(
                    f"personer.{person_id}",
                    f"{alder} år och {'skolungdom' if skolungdom else 'inte skolungdom'}: hör inte till hushållet som barn "
                    "(försörjningsplikt till 18 år, eller 21 år under skolgång, föräldrabalken 7 kap. 1 §); "
                    "personen ansöker som eget hushåll",
                )

    if "beslutsdatum" in hushall:
        raise ArendeFel(f"hushallen.{hushall_id}.beslutsdatum", "ange beslutsdatum överst i ärendet, bredvid period")
    situation = {"personer": personer, "hushallen": {hushall_id: hushall}}
    # Anything OpenFisca itself refuses is reported by bygg_simulering, by field, when the case is computed.
    arende = Arende(period=period, situation=situation, hushall_id=hushall_id, angivna=angivna)
    return arende.med_beslutsdatum(beslutsdatum) if beslutsdatum else arende


def las_situation(kalla: Path | dict, system=None, hogsta_antal_personer: int = HOGSTA_ANTAL_PERSONER) -> dict:
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


def bygg_simulering(arende: Arende, system=None):
    """An OpenFisca simulation of the case."""
    system = system or skattesystem()
    try:
        return SimulationBuilder().build_from_entities(system, copy.deepcopy(arende.situation))
    except SituationParsingError as fel:
        raise ArendeFel(*_forsta_felet(fel.error)) from None


def _forsta_felet(fel: Any, vag: tuple[str, ...] = ()) -> tuple[str, str]:
    if isinstance(fel, dict) and fel:
        nyckel, under = next(iter(fel.items()))
        return _forsta_felet(under, (*vag, str(nyckel)))
    return ".".join(vag), str(fel)
