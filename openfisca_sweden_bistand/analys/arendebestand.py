"""A caseload (*ärendebestånd*): many applicant households as columns, for what-if scenarios.

Two sources:

- ``generera(antal, period, seed)``: a synthetic population calibrated to published Swedish
  statistics (the targets, each with its source, are in ``MAL`` below and in the docs; the
  calibration test checks the generated population against them);
- ``las_csv(fil, period)``: a municipality's own caseload, one row per person (columns in
  ``CSV_KOLUMNER``), validated like a case: a bad column or value stops the whole load with one
  message naming the row and column, and nothing is computed or written.

``bygg_simulering(bestand, system)`` builds one vectorised OpenFisca simulation of the whole
caseload (no per-household Python loop).
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar, cast

import numpy as np
from openfisca_core import periods
from openfisca_core.populations import GroupPopulation, Population
from openfisca_core.projectors.helpers import projectable as _projectable
from openfisca_core.simulations import Simulation

from openfisca_sweden_bistand.arende.validering import ArendeFel, kontrollera_varde, las_manad
from openfisca_sweden_bistand.regelstod.inkomstslag import (
    HUSHALLSINKOMSTER,
    PERSONINKOMSTER,
)
from openfisca_sweden_bistand.system import skattesystem

HUSHALLSTYPER = (
    "ensamstaende_man_utan_barn",
    "ensamstaende_kvinna_utan_barn",
    "ensamstaende_man_med_barn",
    "ensamstaende_kvinna_med_barn",
    "sambor_utan_barn",
    "sambor_med_barn",
)

# Calibration targets. Each: value, tolerance used by the calibration test, source.
MAL: dict[str, dict[str, Any]] = {
    # SCB, "Hushåll med ekonomiskt bistånd efter hushållstyp, med sökande i åldern 18–64 år" (2021,
    # from Socialstyrelsen's register): shares of recipient households.
    "andel_hushallstyp": {
        "varde": {
            "ensamstaende_man_utan_barn": 0.422,
            "ensamstaende_kvinna_utan_barn": 0.248,
            "ensamstaende_man_med_barn": 0.029,
            "ensamstaende_kvinna_med_barn": 0.155,
            "sambor_utan_barn": 0.032,
            "sambor_med_barn": 0.115,
        },
        "tolerans": 0.015,
        "kalla": "SCB, Hushåll med ekonomiskt bistånd efter hushållstyp (sökande 18–64 år), 2021: "
                 "https://www.scb.se/hitta-statistik/temaomraden/jamstalldhet/ekonomisk-jamstalldhet/"
                 "inkomster-och-loner/hushall-med-ekonomiskt-bistand-efter-hushallstyp-med-sokande-i-aldern-1864-ar/",
    },
    # Children per recipient household, 2023: 85 200 children (Socialstyrelsen) / 145 740 households
    # (Socialstyrelsen via regionfakta.com) = 0.585 (derived).
    "barn_per_hushall": {
        "varde": 85_200 / 145_740,
        "tolerans": 0.06,
        "kalla": "Socialstyrelsen, pressmeddelande 'Allt färre personer får ekonomiskt bistånd' "
                 "(2023: cirka 85 200 barn); regionfakta.com (Socialstyrelsen) 2023: 145 740 hushåll; kvoten härledd",
    },
    # Long-term recipients (10 months or more in the year), 2023: 85 400 of 177 000 adults = 0.48 (derived).
    "andel_langvarigt": {
        "varde": 85_400 / 177_000,
        "tolerans": 0.05,
        "kalla": "regeringen.se pressmeddelande 2024-11 'Aktivitetskrav för att få försörjningsstöd' (177 000 vuxna, "
                 "85 400 med långvarigt bistånd 2023); kvoten härledd",
    },
    # Average amount per household and month: 75 045 kr per household and year 2024 (Socialstyrelsen via
    # regionfakta.com) / 6.6 months per household (Socialstyrelsen 2013, the latest average found) = 11 370
    # kr (derived; the duration figure is old, hence the wide tolerance).
    "belopp_per_hushallsmanad": {
        "varde": 75_045 / 6.6,
        "tolerans": 0.15,
        "period": "2024-06",
        "kalla": "regionfakta.com (Socialstyrelsen) 2024: 75 045 kr per hushåll och år; Socialstyrelsen 2014-6-22: "
                 "'Den genomsnittliga bidragstiden per hushåll var 6,6 månader under 2013'; kvoten härledd",
    },
}

# Households receiving support in an average month (2024: 145 456 households in the year × 6.6 months / 12;
# derived), used to weight a synthetic caseload up to national figures.
HUSHALL_PER_MANAD = 145_456 * 6.6 / 12

# Columns of a municipality's CSV: one row per person. Household columns repeat on every row of
# the household (or are left empty on all but one).
CSV_PERSONKOLUMNER = ("alder", "skolungdom", "lunch_utanfor_hemmet", *PERSONINKOMSTER, "underhallsstod_for_barnet",
                      "arbetsresor", "avgift_fackforening", "avgift_arbetsloshetskassa", "kan_arbeta",
                      "aktiv_arbetsmarknadsplanering", "jobbstimulans_tillampas")
CSV_HUSHALLSKOLUMNER = ("boendekostnad", "boendekostnad_tak", "boendekostnad_radrum", "hushallsel", "hemforsakring",
                        *HUSHALLSINKOMSTER, "tillgangar_sparande", "tillgangar_ovriga", "personer_i_gemensamt_boende",
                        "forsorjningsstod_foregaende_manad", "antal_personer_foregaende_manad")
CSV_KOLUMNER = ("hushall_id", "roll", "hushallstyp", "manader_med_stod", *CSV_PERSONKOLUMNER, *CSV_HUSHALLSKOLUMNER)
CSV_KRAVS = ("hushall_id", "roll", "alder")


class ArendebestandFel(ValueError):
    pass


@dataclass
class Arendebestand:
    """Households and persons as column arrays, for one month."""

    period: str
    hushall_id: np.ndarray  # per household
    hushallstyp: np.ndarray  # per household
    person_hushall: np.ndarray  # per person: index of the household
    person_roll: np.ndarray  # per person: "vuxen" or "barn"
    personvarden: dict[str, np.ndarray] = field(default_factory=dict)
    hushallsvarden: dict[str, np.ndarray] = field(default_factory=dict)
    manader_med_stod: np.ndarray | None = None  # per person: months in a row with support before the period
    vikt: float = 1.0  # households in the country each household stands for, in an average month

    def __post_init__(self) -> None:
        # OpenFisca's own number types (float32, int32): the simulation takes the arrays as they are instead of
        # keeping converted copies beside them, and they take half the memory (amounts are whole kronor or öre)
        self.personvarden = {k: _som_openfisca(v) for k, v in self.personvarden.items()}
        self.hushallsvarden = {k: _som_openfisca(v) for k, v in self.hushallsvarden.items()}
        if self.manader_med_stod is not None:
            self.manader_med_stod = _som_openfisca(self.manader_med_stod)

    @property
    def antal_hushall(self) -> int:
        return len(self.hushall_id)

    @property
    def antal_personer(self) -> int:
        return len(self.person_hushall)


def _som_openfisca(varden: np.ndarray) -> np.ndarray:
    """A float64 or int64 array as float32 or int32, the types OpenFisca keeps values in; others as they are."""
    if varden.dtype == np.float64:
        return varden.astype(np.float32)
    if varden.dtype == np.int64:
        return varden.astype(np.int32)
    return varden


_F = TypeVar("_F", bound=Callable[..., Any])


def projicerbar(funktion: _F) -> _F:
    """OpenFisca's ``projectable`` (a role test or a count usable through a projection), typed."""
    return cast(_F, _projectable(funktion))


class _Hushallen(GroupPopulation):
    """A caseload's households, with each member's role also as an integer code (its place in the entity's roles):
    counting the members in a role compares small integers instead of millions of Role objects. The same counts
    (float64, as OpenFisca's ``sum`` of a condition gives them)."""

    rollkoder: np.ndarray

    def rollkod(self, roll: Any) -> int | None:
        """The code of ``roll``; None for a role with subroles (OpenFisca's own test then)."""
        return None if roll.subroles else self.entity.flattened_roles.index(roll)

    @projicerbar
    def nb_persons(self, role: Any = None) -> Any:
        kod = None if role is None else self.rollkod(role)
        if kod is None:
            return super().nb_persons(role)
        return self.sum(self.rollkoder == kod)


class _Personer(Population):
    """A caseload's persons: a role test (``person.has_role``) on the households' integer codes."""

    @projicerbar
    def has_role(self, role: Any) -> Any:
        hushallen = None if self.simulation is None else self.simulation.get_population(role.entity.plural)
        if isinstance(hushallen, _Hushallen) and (kod := hushallen.rollkod(role)) is not None:
            self.entity.check_role_validity(role)
            return hushallen.rollkoder == kod
        return super().has_role(role)


def _populationer(bestand: Arendebestand, system: Any) -> dict[str, Any]:
    """The persons and households of the caseload, set from its arrays as OpenFisca's ``SimulationBuilder`` would
    (``declare_person_entity``, ``declare_entity``, ``join_with_persons``) without its round trips through Python
    lists: the ids are the positions (integers: sorting millions of strings would dominate the build), a person's
    household is its position already, and the roles are looked up from integer codes, which the role tests then
    compare (``_Personer.has_role``, ``_Hushallen.nb_persons``). Same simulation
    (``tests/analys/test_arendebestand.py`` compares the two), about ten times faster to build."""
    populationer: dict[str, Any] = system.instantiate_entities()
    personer = populationer["person"] = _Personer(populationer["person"].entity)
    hushall = populationer["hushall"] = _Hushallen(populationer["hushall"].entity, personer)
    personer.ids, personer.count = np.arange(bestand.antal_personer, dtype=np.int32), bestand.antal_personer
    hushall.ids, hushall.count = np.arange(bestand.antal_hushall, dtype=np.int32), bestand.antal_hushall
    tillhor = np.asarray(bestand.person_hushall)
    if tillhor.size and (tillhor.min() < 0 or tillhor.max() >= bestand.antal_hushall):
        raise ValueError("person_hushall ska vara hushållens positioner")
    hushall.members_entity_id = tillhor
    roller = hushall.entity.flattened_roles
    koder = np.full(bestand.antal_personer, -1, dtype=np.int16)
    for kod, roll in enumerate(roller):
        koder[bestand.person_roll == roll.key] = kod
    if (koder < 0).any():
        raise ValueError(f"okänd roll i person_roll; rollerna är {[roll.key for roll in roller]}")
    hushall._members_role = np.array(roller, dtype=object)[koder]  # the setter would list() every Role
    hushall.rollkoder = koder
    return populationer


def bygg_simulering(bestand: Arendebestand, system: Any = None, utdata: tuple[str, ...] = ()) -> Any:
    """One OpenFisca simulation of the whole caseload; every fact a decision needs is set.

    ``utdata``: the variables the caller will read (e.g. ``("forsorjningsstod", "beslut")``). When given, an
    intermediate value that computing them reads only once is not kept after that read, so that its memory serves
    the next formula (1M households: peak 0.78 → 0.65 GB); which ones is counted on the caseload's first households
    (``_lases_en_gang``). The values read are the same; reading another variable afterwards computes again what it
    needs. Without ``utdata`` every value is kept, as OpenFisca does."""
    system = system or skattesystem()
    simulering = _med_indata(bestand, system)
    for namn in _lases_en_gang(bestand, system, utdata) if utdata else ():
        simulering.get_holder(namn)._do_not_store = True  # OpenFisca's own switch (MemoryConfig.variables_to_drop)
    return simulering


def _med_indata(bestand: Arendebestand, system: Any) -> Any:
    period = periods.period(bestand.period)
    simulering = Simulation(system, _populationer(bestand, system))
    for namn, varden in bestand.personvarden.items():
        simulering.set_input(namn, period, varden)
    for namn, varden in bestand.hushallsvarden.items():
        simulering.set_input(namn, period, varden)
    if bestand.manader_med_stod is not None:  # one count, not a month-by-month history (same decisions)
        simulering.set_input("manader_i_folj_med_stod", period, bestand.manader_med_stod)
    simulering.set_input("uppgifter_kompletta", period, np.ones(bestand.antal_hushall, dtype=bool))
    return simulering


PROV_HUSHALL = 50  # the households the reads are counted on


def _lases_en_gang(bestand: Arendebestand, system: Any, utdata: tuple[str, ...]) -> set[str]:
    """The variables with a formula that computing ``utdata`` reads exactly once (a formula reads the same
    variables whatever the values, so a few households show it; a variable read more often elsewhere is only
    computed again)."""
    prov = _med_indata(delmangd(bestand, 0, min(PROV_HUSHALL, bestand.antal_hushall)), system)
    lasningar: Counter[str] = Counter()
    berakna = prov.calculate

    def raknande(namn: str, period: Any) -> Any:
        lasningar[namn] += 1
        return berakna(namn, period)

    prov.calculate = raknande  # the formulas read through the simulation's calculate
    for namn in utdata:
        prov.calculate(namn, periods.period(bestand.period))
    return {namn for namn, antal in lasningar.items()
            if antal == 1 and namn not in utdata and system.variables[namn].formulas}


def delmangd(bestand: Arendebestand, start: int, slut: int) -> Arendebestand:
    """The households ``start`` to ``slut`` (not included) of the caseload, with their persons."""
    personer = (bestand.person_hushall >= start) & (bestand.person_hushall < slut)
    return Arendebestand(
        period=bestand.period,
        hushall_id=bestand.hushall_id[start:slut],
        hushallstyp=bestand.hushallstyp[start:slut],
        person_hushall=bestand.person_hushall[personer] - start,
        person_roll=bestand.person_roll[personer],
        personvarden={k: v[personer] for k, v in bestand.personvarden.items()},
        hushallsvarden={k: v[start:slut] for k, v in bestand.hushallsvarden.items()},
        manader_med_stod=None if bestand.manader_med_stod is None else bestand.manader_med_stod[personer],
        vikt=bestand.vikt,
    )


# --- The synthetic caseload -----------------------------------------------------------------

# Model assumptions (not calibration targets: no published figure was found; see docs):
ANTAL_BARN_FORDELNING = {1: 0.42, 2: 0.30, 3: 0.15, 4: 0.08, 5: 0.03, 6: 0.02}  # households with children
BOENDE_BAS = 6300 * 1.12  # Malmö 2019 reference (FKFS average, 1–2 adults), raised 12 % to about 2024
BOENDE_PER_BARN = (7625 - 6300, 9425 - 7625, 1800)  # Malmö 2019: +1 child, +2 children, each further


@dataclass
class _Struktur:
    """The synthetic households' make-up: per household, and which persons are adults."""

    typ: np.ndarray  # household type, per household
    med_barn: np.ndarray  # per household
    sambor: np.ndarray  # per household
    antal_barn: np.ndarray  # per household
    per_hushall: np.ndarray  # persons per household
    person_hushall: np.ndarray  # per person: index of the household
    vuxen: np.ndarray  # per person

    @property
    def antal_personer(self) -> int:
        return len(self.person_hushall)


# The draws below are made in a fixed order (household types, children, ages, incomes, months with
# support, housing, the rest): a caseload is reproducible from its seed only while that order stays.


def _hushall(rng: np.random.Generator, antal: int) -> _Struktur:
    """Household types in the calibrated shares, children per household, and the persons."""
    andelar = np.array([MAL["andel_hushallstyp"]["varde"][t] for t in HUSHALLSTYPER])
    kod = rng.choice(len(HUSHALLSTYPER), size=antal, p=andelar / andelar.sum())
    # the type's name per household points to one of the six strings (8 bytes, not 116 as a numpy string)
    typ = np.array(HUSHALLSTYPER, dtype=object)[kod]
    med_barn = np.array([t.endswith("med_barn") for t in HUSHALLSTYPER])[kod]
    sambor = np.array([t.startswith("sambor") for t in HUSHALLSTYPER])[kod]
    antal_barn = np.where(
        med_barn,
        rng.choice(list(ANTAL_BARN_FORDELNING), size=antal, p=list(ANTAL_BARN_FORDELNING.values())),
        0,
    )
    antal_vuxna = np.where(sambor, 2, 1)
    per_hushall = antal_vuxna + antal_barn
    person_hushall = np.repeat(np.arange(antal), per_hushall)
    start = np.r_[0, np.cumsum(per_hushall)[:-1]]
    position = np.arange(len(person_hushall)) - start[person_hushall]
    vuxen = position < antal_vuxna[person_hushall]
    return _Struktur(typ, med_barn, sambor, antal_barn, per_hushall, person_hushall, vuxen)


def _aldrar(rng: np.random.Generator, vuxen: np.ndarray) -> dict[str, np.ndarray]:
    """Age, school and lunch outside the home, per person."""
    antal_personer = len(vuxen)
    # Ages: adults 18–66, most often in their thirties (Socialstyrelsen 2023: 30–39 the largest group, a fifth).
    alder_vuxen = np.clip(rng.triangular(18, 33, 67, antal_personer), 18, 66).astype(int)
    alder_barn = rng.integers(0, 18, antal_personer)
    skolungdom_aldre = rng.random(antal_personer) < 0.04  # a few 18–19-year-olds still at school
    alder_barn = np.where(skolungdom_aldre, rng.integers(18, 20, antal_personer), alder_barn)
    alder = np.where(vuxen, alder_vuxen, alder_barn)
    skolungdom = ~vuxen & (alder >= 16) & (rng.random(antal_personer) < 0.9) | (~vuxen & (alder >= 18))
    lunch = ~vuxen & (alder >= 1) & (alder <= 6) & (rng.random(antal_personer) < 0.8)
    return {"alder": alder, "skolungdom": skolungdom, "lunch_utanfor_hemmet": lunch}


def _inkomster(rng: np.random.Generator, struktur: _Struktur,
               alder: np.ndarray) -> tuple[dict[str, np.ndarray], np.ndarray, np.ndarray]:
    """Incomes per person, following why the adult needs support; whether the adult can work, and has a plan."""
    vuxen, antal_personer = struktur.vuxen, struktur.antal_personer
    # Why the adult needs support (SCB 2021, försörjningshinder, roughly: unemployment about 55 %,
    # ill health about 15 %, social reasons about 15 %; the rest other). Incomes follow the reason.
    skal = rng.choice(["arbetsloshet", "ohalsa", "sociala", "ovrigt"], size=antal_personer, p=[0.55, 0.15, 0.15, 0.15])
    z = rng.random
    nolla = np.zeros(antal_personer)
    inkomster = {namn: nolla.copy() for namn in PERSONINKOMSTER}

    def belopp(urval: np.ndarray, lagst: float, hogst: float) -> np.ndarray:
        return np.where(urval, rng.uniform(lagst, hogst, antal_personer).round(-1), 0)

    inkomster["inkomst_av_anstallning"] = belopp(vuxen & (z(antal_personer) < 0.18), 2000, 12000)
    akassa = vuxen & (skal == "arbetsloshet") & (z(antal_personer) < 0.15)
    inkomster["arbetsloshetsersattning"] = belopp(akassa, 3000, 9000)
    aktivitet = vuxen & (skal == "arbetsloshet") & ~akassa & (z(antal_personer) < 0.30)
    inkomster["aktivitetsstod"] = belopp(aktivitet, 2000, 6000)
    inkomster["sjukpenning"] = belopp(vuxen & (skal == "ohalsa") & (z(antal_personer) < 0.6), 2000, 8000)
    foraldrapenning = vuxen & struktur.med_barn[struktur.person_hushall] & (z(antal_personer) < 0.10)
    inkomster["foraldrapenning"] = belopp(foraldrapenning, 2000, 7000)
    inkomster["pension"] = belopp(vuxen & (alder >= 62) & (z(antal_personer) < 0.5), 3000, 9000)
    inkomster["studiebidrag"] = np.where(vuxen & (z(antal_personer) < 0.03), 3000.0, 0)
    inkomster["ovriga_inkomster"] = belopp(vuxen & (z(antal_personer) < 0.05), 200, 2000)
    barn_arbete = ~vuxen & (alder >= 15) & (z(antal_personer) < 0.08)
    inkomster["inkomst_av_anstallning"] = np.where(barn_arbete, rng.uniform(500, 3000, antal_personer).round(-1),
                                                   inkomster["inkomst_av_anstallning"])
    kan_arbeta = ~(vuxen & (skal == "ohalsa"))
    plan = vuxen & kan_arbeta & (z(antal_personer) < 0.75)
    return inkomster, kan_arbeta, plan


def _manader_med_stod(rng: np.random.Generator, antal: int) -> np.ndarray:
    """Months in a row with support before the month, per household: long-term (10 months or more in the
    year) for the target share, shorter spells for the rest."""
    langvarig = rng.random(antal) < MAL["andel_langvarigt"]["varde"]
    return np.where(langvarig, rng.integers(10, 37, antal), rng.integers(0, 10, antal))


def _boende(rng: np.random.Generator, struktur: _Struktur) -> dict[str, np.ndarray]:
    """Housing cost, housing allowance and savings, per household; maintenance support per child (it belongs to
    the child it is paid for)."""
    antal, antal_barn, med_barn = len(struktur.typ), struktur.antal_barn, struktur.med_barn
    z = rng.random
    boende = BOENDE_BAS + np.select(
        [antal_barn == 0, antal_barn == 1, antal_barn == 2],
        [0, BOENDE_PER_BARN[0], BOENDE_PER_BARN[0] + BOENDE_PER_BARN[1]],
        default=BOENDE_PER_BARN[0] + BOENDE_PER_BARN[1] + (antal_barn - 2) * BOENDE_PER_BARN[2],
    )
    boende = (boende * rng.lognormal(0, 0.2, antal)).round(-1)
    bostadsbidrag = np.where(med_barn & (z(antal) < 0.5), rng.uniform(1000, 3500, antal).round(-1), 0)
    ensam_med_barn = med_barn & ~struktur.sambor
    med_underhallsstod = ensam_med_barn & (z(antal) < 0.6)
    underhallsstod = np.where(med_underhallsstod[struktur.person_hushall] & ~struktur.vuxen, 1600.0, 0)
    sparande = np.where(z(antal) < 0.05, rng.uniform(500, 20000, antal).round(-1), 0)
    return {"boendekostnad": boende, "bostadsbidrag": bostadsbidrag, "underhallsstod_for_barnet": underhallsstod,
            "tillgangar_sparande": sparande}


def _ovrigt(rng: np.random.Generator, struktur: _Struktur) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """The unemployment fund fee per person; electricity, home insurance and last month's size per household."""
    antal, z = len(struktur.typ), rng.random
    avgift = np.where(struktur.vuxen & (z(struktur.antal_personer) < 0.2), 150.0, 0)
    return avgift, {
        "hushallsel": rng.uniform(250, 600, antal).round(-1),
        "hemforsakring": rng.uniform(100, 220, antal).round(-1),
        "antal_personer_foregaende_manad": np.where(z(antal) < 0.03, struktur.per_hushall + 1, struktur.per_hushall),
    }


def generera(antal: int, period: str = "2026-03", seed: int = 0) -> Arendebestand:
    """A synthetic caseload of ``antal`` households for ``period``, reproducible from ``seed``."""
    las_manad(period, "period")
    rng = np.random.default_rng(seed)
    struktur = _hushall(rng, antal)
    aldrar = _aldrar(rng, struktur.vuxen)
    inkomster, kan_arbeta, plan = _inkomster(rng, struktur, aldrar["alder"])
    manader = _manader_med_stod(rng, antal)
    boende = _boende(rng, struktur)
    avgift, ovrigt = _ovrigt(rng, struktur)
    return Arendebestand(
        period=period,
        hushall_id=np.char.add("h", np.arange(antal).astype(f"U{len(str(max(antal - 1, 0)))}")),
        hushallstyp=struktur.typ,
        person_hushall=struktur.person_hushall,
        person_roll=np.array(["barn", "vuxen"], dtype=object)[struktur.vuxen.astype(np.intp)],  # two names, shared
        personvarden={
            **aldrar, **inkomster,
            "arbetsresor": np.where(inkomster["inkomst_av_anstallning"] > 0, 600.0, 0),
            "avgift_arbetsloshetskassa": avgift,
            "underhallsstod_for_barnet": boende["underhallsstod_for_barnet"],
            "kan_arbeta": kan_arbeta, "aktiv_arbetsmarknadsplanering": plan,
        },
        hushallsvarden={
            "boendekostnad": boende["boendekostnad"],
            "hushallsel": ovrigt["hushallsel"],
            "hemforsakring": ovrigt["hemforsakring"],
            "bostadsbidrag": boende["bostadsbidrag"],
            "tillgangar_sparande": boende["tillgangar_sparande"],
            "tillgangar_ovriga": np.zeros(antal),
            "antal_personer_foregaende_manad": ovrigt["antal_personer_foregaende_manad"],
        },
        manader_med_stod=manader[struktur.person_hushall] * struktur.vuxen,
        vikt=HUSHALL_PER_MANAD / antal,
    )


# --- A municipality's CSV ---------------------------------------------------------------------

SANT = {"1", "true", "ja", "j", "yes", "sant"}
FALSKT = {"0", "false", "nej", "n", "no", "falskt", ""}


def _tolka(system: Any, namn: str, text: str, rad: int) -> Any:
    """One cell as its variable's value, checked as in a case (``arende.validering.kontrollera_varde``)."""
    variabel = system.variables[namn]
    falt = f"rad {rad}, kolumn {namn}"
    text = text.strip()
    if variabel.value_type is bool:
        if text.lower() in SANT:
            return True
        if text.lower() in FALSKT:
            return False
        raise ArendebestandFel(f"{falt}: ska vara ja/nej, 1/0 eller true/false, inte {text!r}")
    if text == "":
        return 0
    try:
        tal = float(text.replace(" ", "").replace(",", "."))
    except ValueError:
        raise ArendebestandFel(f"{falt}: ska vara ett tal, inte {text!r}") from None
    try:
        return kontrollera_varde(variabel, int(tal) if variabel.value_type is int and tal == int(tal) else tal, falt)
    except ArendeFel as fel:
        raise ArendebestandFel(str(fel)) from None


def _las_rader(fil: str | Path) -> tuple[list[dict[str, Any]], list[str]]:
    """The rows of the CSV (comma, semicolon or tab separated, UTF-8) and its columns, checked by name."""
    try:
        text = Path(fil).read_text(encoding="utf-8-sig")
    except OSError as fel:
        raise ArendebestandFel(f"kan inte läsa {fil}: {fel.strerror}") from None
    except UnicodeDecodeError:
        raise ArendebestandFel(f"{fil} är inte UTF-8-kodad text") from None
    try:
        dialekt: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text.splitlines()[0] if text else "",
                                                                        delimiters=",;\t")
    except csv.Error:
        dialekt = csv.excel
    rader: list[dict[str, Any]] = list(csv.DictReader(text.splitlines(), dialect=dialekt))
    if not rader:
        raise ArendebestandFel(f"{fil}: inga rader")
    kolumner = list(rader[0])
    okanda = [k for k in kolumner if k not in CSV_KOLUMNER]
    if okanda:
        raise ArendebestandFel(f"kolumn {okanda[0]!r} är okänd; kända kolumner: {', '.join(CSV_KOLUMNER)}")
    saknas = [k for k in CSV_KRAVS if k not in kolumner]
    if saknas:
        raise ArendebestandFel(f"kolumnen {saknas[0]!r} saknas (krävs: {', '.join(CSV_KRAVS)})")
    return rader, kolumner


@dataclass
class _Insamling:
    """What the rows of a CSV have given so far, before it becomes columns."""

    kolumner: list[str]
    hushall_index: dict[str, int] = field(default_factory=dict)
    typ: dict[int, str] = field(default_factory=dict)
    person_hushall: list[int] = field(default_factory=list)
    roll: list[str] = field(default_factory=list)
    manader: list[int] = field(default_factory=list)
    personvarden: dict[str, list[Any]] = field(default_factory=dict)
    hushallsvarden: dict[str, dict[int, Any]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.personvarden = {k: [] for k in CSV_PERSONKOLUMNER if k in self.kolumner}
        self.hushallsvarden = {k: {} for k in CSV_HUSHALLSKOLUMNER if k in self.kolumner}


def _las_manader(rad: dict[str, Any], nummer: int) -> int:
    text = (rad.get("manader_med_stod") or "0").strip() or "0"
    if not text.isdigit() or int(text) > 240:
        raise ArendebestandFel(f"rad {nummer}, kolumn manader_med_stod: ska vara ett heltal 0–240, inte {text!r}")
    return int(text)


def _tolka_varden(system: Any, rad: dict[str, Any], nummer: int, h: int, hid: str, insamling: _Insamling) -> None:
    """The person's values, and the household's (the same on every row of the household that gives one)."""
    for namn, varden in insamling.personvarden.items():
        if namn == "alder" and not rad[namn].strip():
            raise ArendebestandFel(f"rad {nummer}, kolumn alder: saknas")
        varden.append(_tolka(system, namn, rad[namn], nummer))
    for namn, per_hushall in insamling.hushallsvarden.items():
        if not rad[namn].strip():
            continue
        varde = _tolka(system, namn, rad[namn], nummer)
        if per_hushall.setdefault(h, varde) != varde:
            raise ArendebestandFel(f"rad {nummer}, kolumn {namn}: {varde} skiljer sig från {per_hushall[h]} "
                                   f"på en tidigare rad i hushållet {hid}")


def _tolka_rad(system: Any, rad: dict[str, Any], nummer: int, insamling: _Insamling) -> None:
    """One person's row (``nummer`` as in the file, the header being row 1) into ``insamling``."""
    if None in rad or any(v is None for v in rad.values()):
        raise ArendebestandFel(f"rad {nummer}: fel antal fält")
    hid = rad["hushall_id"].strip()
    if not hid:
        raise ArendebestandFel(f"rad {nummer}, kolumn hushall_id: tomt")
    h = insamling.hushall_index.setdefault(hid, len(insamling.hushall_index))
    if rad["roll"].strip() not in ("vuxen", "barn"):
        raise ArendebestandFel(f"rad {nummer}, kolumn roll: ska vara vuxen eller barn, inte {rad['roll']!r}")
    insamling.person_hushall.append(h)
    insamling.roll.append(rad["roll"].strip())
    if "hushallstyp" in rad and rad["hushallstyp"].strip():
        insamling.typ[h] = rad["hushallstyp"].strip()
    insamling.manader.append(_las_manader(rad, nummer))
    _tolka_varden(system, rad, nummer, h, hid, insamling)


def _kontrollera_hushall(person_hushall: np.ndarray, roll: np.ndarray, ids: np.ndarray) -> np.ndarray:
    """Every household has one or two adults; returns the adults per household."""
    vuxna_per_hushall = np.bincount(person_hushall[roll == "vuxen"], minlength=len(ids))
    if (vuxna_per_hushall < 1).any() or (vuxna_per_hushall > 2).any():
        fel = ids[(vuxna_per_hushall < 1) | (vuxna_per_hushall > 2)][0]
        raise ArendebestandFel(f"hushållet {fel}: ska ha en eller två vuxna")
    return vuxna_per_hushall


def las_csv(fil: str | Path, period: str, system: Any = None) -> Arendebestand:
    """Read a caseload from CSV (one row per person; comma or semicolon separated, UTF-8)."""
    system = system or skattesystem()
    las_manad(period, "period")
    rader, kolumner = _las_rader(fil)
    insamling = _Insamling(kolumner)
    for nummer, rad in enumerate(rader, start=2):  # row 1 is the header
        _tolka_rad(system, rad, nummer, insamling)
    person_hushall_a = np.array(insamling.person_hushall)
    roll_a = np.array(insamling.roll)
    antal = len(insamling.hushall_index)
    ids = np.array(list(insamling.hushall_index))
    vuxna_per_hushall = _kontrollera_hushall(person_hushall_a, roll_a, ids)
    barn_per_hushall = np.bincount(person_hushall_a[roll_a == "barn"], minlength=antal)
    harledd_typ = np.where(vuxna_per_hushall == 2, "sambor", "ensamstaende")
    harledd_typ = np.char.add(harledd_typ, np.where(barn_per_hushall > 0, "_med_barn", "_utan_barn"))
    return Arendebestand(
        period=period,
        hushall_id=ids,
        hushallstyp=np.array([insamling.typ.get(i, harledd_typ[i]) for i in range(antal)]),
        person_hushall=person_hushall_a,
        person_roll=roll_a,
        personvarden={k: np.array(v) for k, v in insamling.personvarden.items()},
        hushallsvarden={k: np.array([v.get(i, 0) for i in range(antal)]) for k, v in insamling.hushallsvarden.items()},
        manader_med_stod=np.array(insamling.manader) * (roll_a == "vuxen"),
    )
