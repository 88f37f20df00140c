"""Running one YAML legal test case, assertion by assertion (*köra ett testfall*).

``kor_fall(fall)`` builds the simulation of a case as OpenFisca's test runner does
(``openfisca_core/tools/test_runner.py``: ``SimulationBuilder().set_default_period(period)``, then
``build_from_dict``) and checks every expected output the way the runner's ``check_output`` and
``assert_near`` do: a value for the whole population or per entity id, values per period, absolute and
relative error margins (per variable or ``default``), enums by name, booleans and dates. Instead of
stopping at the first failure, it returns one ``Pastaende`` per compared value with the computed value,
so that a reviewer sees every assertion of the case.

It runs inside the web server, on a case a reviewer may have edited: nothing in a case is executed or
imported. Only reforms of this package (``openfisca_sweden_bistand.reforms.<module>.<Class>``) are
applied, and only its municipalities' guidelines as ``extensions`` (``openfisca_sweden_bistand.kommuner.<id>``, at
most one); ``parameters`` is refused; a string is never evaluated as an expression (a
numeric expectation written as text must be plain arithmetic, read without ``eval``); the number of
persons, entities, values and assertions is bounded. Any error (an unknown variable, a bad period, a
situation OpenFisca cannot parse) is reported in ``Fallresultat.fel`` as one Swedish line, never raised.
"""

from __future__ import annotations

import ast
import copy
import datetime
import functools
import importlib
import operator
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy
from openfisca_core import periods
from openfisca_core.errors import SituationParsingError, VariableNotFound
from openfisca_core.indexed_enums import Enum, EnumArray
from openfisca_core.reforms import Reform
from openfisca_core.simulations import SimulationBuilder

from openfisca_sweden_bistand import kommuner
from openfisca_sweden_bistand.arende.las import forsta_felet
from openfisca_sweden_bistand.arende.validering import HOGSTA_ANTAL_PERSONER
from openfisca_sweden_bistand.kommuner import MODUL as KOMMUNMODUL
from openfisca_sweden_bistand.system import skattesystem, system_for

__all__ = ["HOGSTA_ANTAL_PERSONER", "HOGSTA_ANTAL_PASTAENDEN", "Fallresultat", "Pastaende", "kor_fall"]

HOGSTA_ANTAL_PASTAENDEN = 2_000  # compared values in one case
HOGSTA_ANTAL_VARDEN = 20_000  # scalars, keys and lists in one case, all told
HOGSTA_ANTAL_REFORMER = 5
REFORMPAKET = "openfisca_sweden_bistand.reforms."
_REFORMSTIG = re.compile(r"openfisca_sweden_bistand\.reforms\.([a-z][a-z0-9_]*)\.([A-Z][A-Za-z0-9_]*)")
# The keys of a case the runner knows (test_runner.TEST_KEYWORDS) that this runner accepts.
NYCKLAR = ("name", "description", "keywords", "period", "absolute_error_margin", "relative_error_margin",
           "input", "output", "reforms", "extensions", "max_spiral_loops")
EJ_TILLATNA = {
    "parameters": "parametrar i testfallet (parameters) stöds inte här; skriv en reform i "
                  "openfisca_sweden_bistand/reforms/ och ange den under reforms",
    "only_variables": "only_variables stöds inte av OpenFiscas testkörare i testfall",
    "ignore_variables": "ignore_variables stöds inte av OpenFiscas testkörare i testfall",
}


@dataclass
class Pastaende:
    """One compared value of a case: the expected value, the computed one (a plain Python value: a
    float rounded to öre, an int, a bool, an enum's name, a date as ``YYYY-MM-DD``) and the verdict."""

    variabel: str
    entitet: str | None  # the entity's id; None when the case expects the value of its only entity
    period: str
    forvantat: Any
    beraknat: Any
    godkant: bool


@dataclass
class Fallresultat:
    namn: str
    pastaenden: list[Pastaende]
    fel: str | None = None  # why the case could not be run (then it is not passed), in Swedish

    @property
    def godkant(self) -> bool:
        return self.fel is None and all(p.godkant for p in self.pastaenden)


class _Fel(Exception):
    """A case that cannot be run: the Swedish one-line message for ``Fallresultat.fel``."""


def _en_rad(text: Any, langd: int = 300) -> str:
    rad = " ".join(str(text).split())
    return rad if len(rad) <= langd else rad[: langd - 1] + "…"


# -- checking the case before anything is built ---------------------------------------------------------

def _rakna_varden(data: Any, hogst: int) -> int:
    """The number of scalars, keys and containers in ``data``, stopping past ``hogst`` (bounded, iterative)."""
    antal, stack = 0, [data]
    while stack and antal <= hogst:
        del_ = stack.pop()
        antal += 1
        if isinstance(del_, dict):
            antal += len(del_)
            stack.extend(del_.values())
        elif isinstance(del_, list):
            stack.extend(del_)
    return antal


def _kontrollera_nycklar(fall: Any) -> None:
    if not isinstance(fall, dict):
        raise _Fel("ett testfall är en mappning med name, period, input och output")
    for nyckel in fall:
        if nyckel in EJ_TILLATNA:
            raise _Fel(EJ_TILLATNA[nyckel])
        if nyckel not in NYCKLAR:
            raise _Fel(f"okänd nyckel {_en_rad(nyckel, 60)!r} i testfallet")
    if _rakna_varden(fall, HOGSTA_ANTAL_VARDEN) > HOGSTA_ANTAL_VARDEN:
        raise _Fel(f"testfallet är för stort (mer än {HOGSTA_ANTAL_VARDEN} värden)")
    if not isinstance(fall.get("input"), dict):
        raise _Fel("input saknas eller är inte en mappning")
    if not isinstance(fall.get("output"), dict):
        raise _Fel("output saknas eller är inte en mappning")
    if not isinstance(fall.get("period"), (str, int)) or isinstance(fall.get("period"), bool):
        raise _Fel("period saknas eller är ogiltig (ange t.ex. 2026-03)")


def _indatavarden(system: Any, indata: dict[str, Any]) -> Iterator[tuple[str, str, Any]]:
    """Every (field, variable, value) of the input, in the runner's two forms: by entity (``personer``,
    ``hushallen``), or variables only (one entity of each kind, or a list over several)."""
    plural = {entitet.plural: entitet for entitet in system.entities}
    if not any(nyckel in plural for nyckel in indata):
        for namn, varde in indata.items():
            yield f"input.{namn}", namn, varde
        return
    for grupp, entiteter in indata.items():
        if grupp not in plural or not isinstance(entiteter, dict):
            continue  # the builder names the error
        roller = {roll.plural for roll in getattr(plural[grupp], "roles", [])}
        for entitet_id, variabler in entiteter.items():
            if not isinstance(variabler, dict):
                continue
            for namn, varde in variabler.items():
                if namn not in roller:
                    yield f"input.{grupp}.{entitet_id}.{namn}", namn, varde


def _skalara(varde: Any) -> Iterator[Any]:
    """The scalar values of one input: per period and in lists."""
    if isinstance(varde, dict):
        for under in varde.values():
            yield from _skalara(under)
    elif isinstance(varde, list):
        for under in varde:
            yield from _skalara(under)
    else:
        yield varde


def _antal_entiteter(system: Any, indata: dict[str, Any]) -> dict[str, int]:
    """How many entities of each plural the input describes (in the variables-only form: the longest list)."""
    plural = [entitet.plural for entitet in system.entities]
    if any(nyckel in plural for nyckel in indata):
        return {p: len(indata[p]) for p in plural if isinstance(indata.get(p), (dict, list))}
    langsta = max((len(v) for v in _listor(indata)), default=1)
    return {p: langsta for p in plural}


def _listor(data: Any) -> Iterator[list[Any]]:
    if isinstance(data, list):
        yield data
    elif isinstance(data, dict):
        for varde in data.values():
            yield from _listor(varde)


def _kontrollera_indata(system: Any, indata: dict[str, Any]) -> None:
    """Bounded, and never an expression: a number written as text would be evaluated by OpenFisca."""
    if "axes" in indata:
        raise _Fel("axlar (axes) stöds inte här")
    for plural, antal in _antal_entiteter(system, indata).items():
        if antal > HOGSTA_ANTAL_PERSONER:
            raise _Fel(f"för många {plural} ({antal}, högst {HOGSTA_ANTAL_PERSONER})")
    for falt, namn, varde in _indatavarden(system, indata):
        variabel = system.variables.get(namn)
        if variabel is None:
            raise _Fel(f"{_en_rad(falt, 120)}: okänd variabel")
        if variabel.value_type not in (int, float, bool):
            continue
        if any(isinstance(v, str) for v in _skalara(varde)):
            raise _Fel(f"{_en_rad(falt, 120)}: ett tal eller sant/falskt skrivs som värde, inte som text")


# -- reforms ---------------------------------------------------------------------------------------------

def _reformklass(stig: Any) -> Any:
    """The reform class at ``stig``, only ``openfisca_sweden_bistand.reforms.<module>.<Class>``."""
    if not isinstance(stig, str) or not stig.startswith(REFORMPAKET):
        raise _Fel(f"reformen {_en_rad(stig, 100)!r} kan inte tillämpas: bara reformer i {REFORMPAKET.rstrip('.')} "
                   "får anges i ett testfall")
    traff = _REFORMSTIG.fullmatch(stig)
    if traff is None:
        raise _Fel(f"reformen {_en_rad(stig, 100)!r} är ingen giltig sökväg (paket.modul.Klass)")
    modulnamn, klassnamn = traff.groups()
    try:
        modul = importlib.import_module(REFORMPAKET + modulnamn)
    except ImportError:
        raise _Fel(f"reformen {stig!r} finns inte: ingen modul {modulnamn}") from None
    klass = getattr(modul, klassnamn, None)
    if not (isinstance(klass, type) and issubclass(klass, Reform) and klass is not Reform
            and klass.__module__ == modul.__name__):
        raise _Fel(f"reformen {stig!r} finns inte i modulen {modulnamn}")
    return klass


@functools.lru_cache(maxsize=32)
def _med_reformer(system: Any, stigar: tuple[str, ...]) -> Any:
    """The system with the reforms applied in order, once per process for each combination."""
    for stig in stigar:
        system = _reformklass(stig)(system)
    return system


def _kommun(fall: dict[str, Any]) -> str | None:
    """The municipality of the case's ``extensions``: only one of this package's (kommuner/<id>)."""
    try:
        return kommuner.ur_tillagg(fall.get("extensions"))
    except kommuner.KommunFel:
        raise _Fel(f"tillägg (extensions) kan inte köras här: bara en av paketets kommuner, "
                   f"{KOMMUNMODUL}.<{'|'.join(kommuner.kanda())}>") from None


def _system_for(fall: dict[str, Any], system: Any) -> Any:
    kommun = _kommun(fall)
    if kommun is not None:
        system = system_for(kommun, system)
    reformer = fall.get("reforms") or []
    if not isinstance(reformer, list):
        reformer = [reformer]
    if len(reformer) > HOGSTA_ANTAL_REFORMER:
        raise _Fel(f"för många reformer ({len(reformer)}, högst {HOGSTA_ANTAL_REFORMER})")
    for stig in reformer:
        _reformklass(stig)  # refused before anything is cached
    return _med_reformer(system, tuple(reformer)) if reformer else system


# -- margins and expected values -------------------------------------------------------------------------

def _marginal(fall: dict[str, Any], nyckel: str) -> dict[str, float | None]:
    """An error margin as the runner reads it: one number for every variable, or per variable with ``default``."""
    varde = fall.get(nyckel)
    if varde is None:
        return {"default": None}
    marginaler = dict(varde) if isinstance(varde, dict) else {"default": varde}
    ut: dict[str, float | None] = {}
    for namn, tal in marginaler.items():
        try:
            ut[str(namn)] = None if tal is None else float(tal)
        except (TypeError, ValueError, OverflowError):
            raise _Fel(f"{nyckel}: {_en_rad(tal, 40)!r} är inget tal") from None
    return ut


_OPERATORER: dict[type, Callable[..., Any]] = {
    ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv,
    ast.USub: operator.neg, ast.UAdd: operator.pos,
}


def _rakna(nod: ast.AST) -> float:
    if isinstance(nod, ast.Constant) and isinstance(nod.value, (int, float)) and not isinstance(nod.value, bool):
        return float(nod.value)
    if isinstance(nod, ast.BinOp) and type(nod.op) in _OPERATORER:
        return float(_OPERATORER[type(nod.op)](_rakna(nod.left), _rakna(nod.right)))
    if isinstance(nod, ast.UnaryOp) and type(nod.op) in _OPERATORER:
        return float(_OPERATORER[type(nod.op)](_rakna(nod.operand)))
    raise ValueError("inte ett räknesätt")


def _tal_ur_text(text: str) -> float | None:
    """A number written as text ("1000", "12 * 1250"): plain arithmetic only, never evaluated as code."""
    if len(text) > 100:
        return None
    try:
        return _rakna(ast.parse(text.strip(), mode="eval").body)
    except (SyntaxError, ValueError, ZeroDivisionError, OverflowError, RecursionError):
        return None


# -- comparing -------------------------------------------------------------------------------------------

@dataclass
class _Korning:
    """A built case: the simulation, the system and the margins, and the assertions so far."""

    system: Any
    simulering: Any
    absolut: dict[str, float | None]
    relativ: dict[str, float | None]
    pastaenden: list[Pastaende]

    def marginaler(self, variabel: str) -> tuple[float | None, float | None]:
        absolut = self.absolut.get(variabel, self.absolut.get("default"))
        relativ = self.relativ.get(variabel, self.relativ.get("default"))
        if absolut is None and relativ is None:
            absolut = 0.0
        return absolut, relativ


def _beraknat_varde(varde: Any) -> Any:
    """One computed value as a plain Python value."""
    if isinstance(varde, Enum):
        return varde.name
    if isinstance(varde, numpy.datetime64):
        return str(varde.astype("datetime64[D]"))
    if isinstance(varde, (bool, numpy.bool_)):
        return bool(varde)
    if isinstance(varde, (int, numpy.integer)):
        return int(varde)
    if isinstance(varde, (float, numpy.floating)):
        return round(float(varde), 2)
    return str(varde) if isinstance(varde, str) else varde


def _datum(varde: Any) -> numpy.datetime64 | None:
    if isinstance(varde, (datetime.date, str)):
        try:
            return numpy.datetime64(varde, "D")
        except ValueError:
            return None
    return None


def _lika(korning: _Korning, variabel: Any, beraknat: Any, forvantat: Any) -> bool:
    """Whether one computed value meets one expected value, as ``assert_near`` judges."""
    if variabel.value_type is Enum:
        return isinstance(forvantat, str) and beraknat == forvantat
    if variabel.value_type is datetime.date:
        forvantad_dag = _datum(forvantat)
        return forvantad_dag is not None and str(forvantad_dag) == beraknat
    if variabel.value_type is str:
        return isinstance(forvantat, str) and beraknat == forvantat
    if isinstance(forvantat, str):
        forvantat = _tal_ur_text(forvantat)
    if forvantat is None or not isinstance(forvantat, (int, float, bool)):
        return False
    try:
        mal = numpy.float32(float(forvantat))
    except OverflowError:  # an integer beyond any float
        return False
    absolut, relativ = korning.marginaler(variabel.name)
    skillnad = abs(mal - numpy.float32(beraknat))
    if absolut is not None and not skillnad <= absolut:
        return False
    return relativ is None or bool(skillnad <= abs(relativ * mal))


def _som_lista(varden: Any) -> list[Any]:
    if isinstance(varden, EnumArray):
        return list(varden.decode())
    return list(varden)


def _las_period(period: Any, falt: str) -> Any:
    """An OpenFisca period (``2026-03``, ``2026``, ``month:2026-03``), or a Swedish error naming it."""
    if isinstance(period, bool) or not isinstance(period, (str, int)):
        raise _Fel(f"{falt}: ogiltig period {_en_rad(period, 40)!r} (ange t.ex. 2026-03)")
    try:
        return periods.period(str(period))
    except (ValueError, TypeError, AttributeError):
        raise _Fel(f"{falt}: ogiltig period {_en_rad(period, 40)!r} (ange t.ex. 2026-03)") from None


ENHETER = {"month": "per månad", "year": "per år", "day": "per dag", "week": "per vecka"}


def _berakna(korning: _Korning, namn: str, period: Any) -> list[Any]:
    variabel = korning.system.variables[namn]
    onskad = _las_period(period, f"output.{namn}")
    enhet = str(variabel.definition_period)
    if enhet in ENHETER and (str(onskad.unit) != enhet or onskad.size != 1):
        raise _Fel(f"{namn} beräknas {ENHETER[enhet]}, inte för perioden {_en_rad(period, 40)}")
    try:
        return [_beraknat_varde(v) for v in _som_lista(korning.simulering.calculate(namn, period))]
    except Exception as fel:  # noqa: BLE001 - OpenFisca raises many kinds; each becomes one line in fel
        raise _Fel(f"{namn} för {_en_rad(period, 40)} kan inte beräknas: {_en_rad(fel, 200)}") from None


def _lagg_till(korning: _Korning, pastaende: Pastaende) -> None:
    if len(korning.pastaenden) >= HOGSTA_ANTAL_PASTAENDEN:
        raise _Fel(f"för många påståenden i testfallet (högst {HOGSTA_ANTAL_PASTAENDEN})")
    korning.pastaenden.append(pastaende)


def _jamfor(korning: _Korning, namn: str, forvantat: Any, period: Any, index: int | None) -> None:
    """Compare one variable (``_check_variable``): per period when the expectation is a dict; for one
    entity (``index``), or for every entity of its population (one value for all, or a list)."""
    variabel = korning.system.variables.get(namn)
    if variabel is None:
        raise _Fel(f"okänd variabel {_en_rad(namn, 80)!r} under output")
    if isinstance(forvantat, dict):
        for delperiod, varde in forvantat.items():
            _jamfor(korning, namn, varde, delperiod, index)
        return
    beraknade = _berakna(korning, namn, period)
    periodtext = str(period)
    ids = list(korning.simulering.get_variable_population(namn).ids)
    if index is not None:
        _lagg_till(korning, Pastaende(namn, ids[index], periodtext, forvantat, beraknade[index],
                                      _lika(korning, variabel, beraknade[index], forvantat)))
        return
    if isinstance(forvantat, list) and len(forvantat) != len(beraknade):
        raise _Fel(f"{namn}: {len(forvantat)} förväntade värden för {len(beraknade)} entiteter")
    for i, beraknat in enumerate(beraknade):
        enskilt = forvantat[i] if isinstance(forvantat, list) else forvantat
        entitet = ids[i] if len(beraknade) > 1 or isinstance(forvantat, list) else None
        _lagg_till(korning, Pastaende(namn, entitet, periodtext, enskilt, beraknat,
                                      _lika(korning, variabel, beraknat, enskilt)))


def _kontrollera_utdata(korning: _Korning, utdata: dict[str, Any], period: Any) -> None:
    """Every expected output (the runner's ``check_output``): a variable, an entity's key (every
    entity), or an entity's plural with values per id."""
    simulering = korning.simulering
    for nyckel, forvantat in utdata.items():
        if nyckel in korning.system.variables:
            _jamfor(korning, nyckel, forvantat, period, None)
            continue
        if not isinstance(forvantat, dict):
            raise _Fel(f"okänd variabel {_en_rad(nyckel, 80)!r} under output")
        if nyckel in simulering.populations:
            for namn, varde in forvantat.items():
                _jamfor(korning, namn, varde, period, None)
            continue
        population = simulering.get_population(plural=nyckel)
        if population is None:
            raise _Fel(f"okänd variabel eller entitet {_en_rad(nyckel, 80)!r} under output")
        for entitet_id, varden in forvantat.items():
            if entitet_id not in population.ids:
                raise _Fel(f"output.{nyckel}: {_en_rad(entitet_id, 60)!r} finns inte bland {nyckel} i input")
            if not isinstance(varden, dict):
                raise _Fel(f"output.{nyckel}.{_en_rad(entitet_id, 60)}: ska vara en mappning av variabler")
            for namn, varde in varden.items():
                _jamfor(korning, namn, varde, period, population.get_index(entitet_id))


# -- running ---------------------------------------------------------------------------------------------

def _bygg(system: Any, fall: dict[str, Any]) -> Any:
    """The simulation of the case, as the runner builds it."""
    byggare = SimulationBuilder()
    _las_period(fall["period"], "period")
    try:
        byggare.set_default_period(fall["period"])
        simulering = byggare.build_from_dict(system, copy.deepcopy(fall["input"]))
    except SituationParsingError as fel:
        falt, meddelande = forsta_felet(fel.error)
        raise _Fel(f"input{'.' + falt if falt else ''}: {_en_rad(meddelande, 200)}") from None
    except VariableNotFound as fel:
        raise _Fel(f"okänd variabel {_en_rad(getattr(fel, 'variable_name', fel), 80)!r} under input") from None
    except Exception as fel:  # noqa: BLE001 - a bad period, a value OpenFisca cannot read ...
        raise _Fel(f"testfallet kan inte byggas: {_en_rad(fel, 200)}") from None
    spiral = fall.get("max_spiral_loops")
    if isinstance(spiral, int) and not isinstance(spiral, bool) and 0 < spiral <= 10:
        simulering.max_spiral_loops = spiral
    return simulering


def kor_fall(fall: dict[str, Any], system: Any = None) -> Fallresultat:
    """Run one YAML test case and report each compared value; never raises for a bad case."""
    namn = _en_rad(fall.get("name", ""), 300) if isinstance(fall, dict) else ""
    pastaenden: list[Pastaende] = []
    try:
        _kontrollera_nycklar(fall)
        system = _system_for(fall, system or skattesystem())
        _kontrollera_indata(system, fall["input"])
        korning = _Korning(system, _bygg(system, fall), _marginal(fall, "absolute_error_margin"),
                           _marginal(fall, "relative_error_margin"), pastaenden)
        _kontrollera_utdata(korning, fall["output"], fall["period"])
    except _Fel as fel:
        return Fallresultat(namn, pastaenden, str(fel))
    except RecursionError:
        return Fallresultat(namn, pastaenden, "testfallet är för djupt nästlat")
    except Exception as fel:  # noqa: BLE001 - a case is data from a reviewer's page: never an exception out
        return Fallresultat(namn, pastaenden, f"testfallet kunde inte köras: {_en_rad(fel, 200)}")
    return Fallresultat(namn, pastaenden, None)
