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
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from openfisca_core import periods
from openfisca_core.simulations import SimulationBuilder

from openfisca_sweden_bistand.arende.las import ArendeFel, _kontrollera_varde, las_manad
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
MAL = {
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
        "kalla": "Socialstyrelsen, pressmeddelande 'Allt färre personer får ekonomiskt bistånd' (2023: cirka 85 200 barn); "
                 "regionfakta.com (Socialstyrelsen) 2023: 145 740 hushåll; kvoten härledd",
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
CSV_PERSONKOLUMNER = ("alder", "skolungdom", "lunch_utanfor_hemmet", *PERSONINKOMSTER, "arbetsresor",
                      "avgift_fackforening", "avgift_arbetsloshetskassa", "kan_arbeta",
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

    @property
    def antal_hushall(self) -> int:
        return len(self.hushall_id)

    @property
    def antal_personer(self) -> int:
        return len(self.person_hushall)


def bygg_simulering(bestand: Arendebestand, system=None):
    """One OpenFisca simulation of the whole caseload; every fact a decision needs is set."""
    system = system or skattesystem()
    period = periods.period(bestand.period)
    byggare = SimulationBuilder()
    byggare.create_entities(system)
    # Integer ids (the household's position): sorting millions of strings would dominate the build.
    byggare.declare_person_entity("person", np.arange(bestand.antal_personer))
    hushall = byggare.declare_entity("hushall", np.arange(bestand.antal_hushall))
    byggare.join_with_persons(hushall, bestand.person_hushall, bestand.person_roll)
    simulering = byggare.build(system)
    for namn, varden in bestand.personvarden.items():
        simulering.set_input(namn, period, varden)
    for namn, varden in bestand.hushallsvarden.items():
        simulering.set_input(namn, period, varden)
    if bestand.manader_med_stod is not None:
        for k in range(1, int(bestand.manader_med_stod.max(initial=0)) + 1):
            simulering.set_input("mottog_forsorjningsstod", period.offset(-k), bestand.manader_med_stod >= k)
    simulering.set_input("uppgifter_kompletta", period, np.ones(bestand.antal_hushall, dtype=bool))
    return simulering


# --- The synthetic caseload -----------------------------------------------------------------

# Model assumptions (not calibration targets: no published figure was found; see docs):
ANTAL_BARN_FORDELNING = {1: 0.42, 2: 0.30, 3: 0.15, 4: 0.08, 5: 0.03, 6: 0.02}  # households with children
BOENDE_BAS = 6300 * 1.12  # Malmö 2019 reference (FKFS average, 1–2 adults), raised 12 % to about 2024
BOENDE_PER_BARN = (7625 - 6300, 9425 - 7625, 1800)  # Malmö 2019: +1 child, +2 children, each further


def generera(antal: int, period: str = "2026-03", seed: int = 0) -> Arendebestand:
    """A synthetic caseload of ``antal`` households for ``period``, reproducible from ``seed``."""
    las_manad(period, "period")
    rng = np.random.default_rng(seed)
    typer = np.array(HUSHALLSTYPER)
    andelar = np.array([MAL["andel_hushallstyp"]["varde"][t] for t in HUSHALLSTYPER])
    typ = rng.choice(typer, size=antal, p=andelar / andelar.sum())
    med_barn = np.char.endswith(typ.astype(str), "med_barn")
    sambor = np.char.startswith(typ.astype(str), "sambor")
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
    antal_personer = len(person_hushall)

    # Ages: adults 18–66, most often in their thirties (Socialstyrelsen 2023: 30–39 the largest group, a fifth).
    alder_vuxen = np.clip(rng.triangular(18, 33, 67, antal_personer), 18, 66).astype(int)
    alder_barn = rng.integers(0, 18, antal_personer)
    skolungdom_aldre = rng.random(antal_personer) < 0.04  # a few 18–19-year-olds still at school
    alder_barn = np.where(skolungdom_aldre, rng.integers(18, 20, antal_personer), alder_barn)
    alder = np.where(vuxen, alder_vuxen, alder_barn)
    skolungdom = ~vuxen & (alder >= 16) & (rng.random(antal_personer) < 0.9) | (~vuxen & (alder >= 18))
    lunch = ~vuxen & (alder >= 1) & (alder <= 6) & (rng.random(antal_personer) < 0.8)

    # Why the adult needs support (SCB 2021, försörjningshinder, roughly: unemployment about 55 %,
    # ill health about 15 %, social reasons about 15 %; the rest other). Incomes follow the reason.
    skal = rng.choice(["arbetsloshet", "ohalsa", "sociala", "ovrigt"], size=antal_personer, p=[0.55, 0.15, 0.15, 0.15])
    z = rng.random
    nolla = np.zeros(antal_personer)
    inkomster = {namn: nolla.copy() for namn in PERSONINKOMSTER}
    arbetar = vuxen & (z(antal_personer) < 0.18)
    inkomster["inkomst_av_anstallning"] = np.where(arbetar, rng.uniform(2000, 12000, antal_personer).round(-1), 0)
    akassa = vuxen & (skal == "arbetsloshet") & (z(antal_personer) < 0.15)
    inkomster["arbetsloshetsersattning"] = np.where(akassa, rng.uniform(3000, 9000, antal_personer).round(-1), 0)
    aktivitet = vuxen & (skal == "arbetsloshet") & ~akassa & (z(antal_personer) < 0.30)
    inkomster["aktivitetsstod"] = np.where(aktivitet, rng.uniform(2000, 6000, antal_personer).round(-1), 0)
    sjuk = vuxen & (skal == "ohalsa") & (z(antal_personer) < 0.6)
    inkomster["sjukpenning"] = np.where(sjuk, rng.uniform(2000, 8000, antal_personer).round(-1), 0)
    foraldrapenning = vuxen & med_barn[person_hushall] & (z(antal_personer) < 0.10)
    inkomster["foraldrapenning"] = np.where(foraldrapenning, rng.uniform(2000, 7000, antal_personer).round(-1), 0)
    pension = vuxen & (alder >= 62) & (z(antal_personer) < 0.5)
    inkomster["pension"] = np.where(pension, rng.uniform(3000, 9000, antal_personer).round(-1), 0)
    studier = vuxen & (z(antal_personer) < 0.03)
    inkomster["studiebidrag"] = np.where(studier, 3000.0, 0)
    inkomster["ovriga_inkomster"] = np.where(vuxen & (z(antal_personer) < 0.05), rng.uniform(200, 2000, antal_personer).round(-1), 0)
    barn_arbete = ~vuxen & (alder >= 15) & (z(antal_personer) < 0.08)
    inkomster["inkomst_av_anstallning"] = np.where(barn_arbete, rng.uniform(500, 3000, antal_personer).round(-1),
                                                   inkomster["inkomst_av_anstallning"])

    kan_arbeta = ~(vuxen & (skal == "ohalsa"))
    plan = vuxen & kan_arbeta & (z(antal_personer) < 0.75)

    # Months in a row with support before the month: long-term (10 months or more in the year) for the
    # target share, shorter spells for the rest; the same for everyone in the household.
    langvarig = z(antal) < MAL["andel_langvarigt"]["varde"]
    manader = np.where(langvarig, rng.integers(10, 37, antal), rng.integers(0, 10, antal))

    boende = BOENDE_BAS + np.select(
        [antal_barn == 0, antal_barn == 1, antal_barn == 2],
        [0, BOENDE_PER_BARN[0], BOENDE_PER_BARN[0] + BOENDE_PER_BARN[1]],
        default=BOENDE_PER_BARN[0] + BOENDE_PER_BARN[1] + (antal_barn - 2) * BOENDE_PER_BARN[2],
    )
    boende = (boende * rng.lognormal(0, 0.2, antal)).round(-1)
    bostadsbidrag = np.where(med_barn & (z(antal) < 0.5), rng.uniform(1000, 3500, antal).round(-1), 0)
    ensam_med_barn = med_barn & ~sambor
    underhallsstod = np.where(ensam_med_barn & (z(antal) < 0.6), antal_barn * 1600.0, 0)
    sparande = np.where(z(antal) < 0.05, rng.uniform(500, 20000, antal).round(-1), 0)

    hushall_id = np.char.add("h", np.arange(antal).astype(str))
    return Arendebestand(
        period=period,
        hushall_id=hushall_id,
        hushallstyp=typ,
        person_hushall=person_hushall,
        person_roll=np.where(vuxen, "vuxen", "barn"),
        personvarden={
            "alder": alder, "skolungdom": skolungdom, "lunch_utanfor_hemmet": lunch, **inkomster,
            "arbetsresor": np.where(inkomster["inkomst_av_anstallning"] > 0, 600.0, 0),
            "avgift_arbetsloshetskassa": np.where(vuxen & (z(antal_personer) < 0.2), 150.0, 0),
            "kan_arbeta": kan_arbeta, "aktiv_arbetsmarknadsplanering": plan,
        },
        hushallsvarden={
            "boendekostnad": boende,
            "hushallsel": rng.uniform(250, 600, antal).round(-1),
            "hemforsakring": rng.uniform(100, 220, antal).round(-1),
            "bostadsbidrag": bostadsbidrag,
            "underhallsstod": underhallsstod,
            "tillgangar_sparande": sparande,
            "tillgangar_ovriga": np.zeros(antal),
            "antal_personer_foregaende_manad": np.where(z(antal) < 0.03, per_hushall + 1, per_hushall),
        },
        manader_med_stod=manader[person_hushall] * vuxen,
        vikt=HUSHALL_PER_MANAD / antal,
    )


# --- A municipality's CSV ---------------------------------------------------------------------

SANT = {"1", "true", "ja", "j", "yes", "sant"}
FALSKT = {"0", "false", "nej", "n", "no", "falskt", ""}


def _tolka(system, namn: str, text: str, rad: int):
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
        return _kontrollera_varde(variabel, int(tal) if variabel.value_type is int and tal == int(tal) else tal, falt)
    except ArendeFel as fel:
        raise ArendebestandFel(str(fel)) from None


def las_csv(fil: str | Path, period: str, system=None) -> Arendebestand:
    """Read a caseload from CSV (one row per person; comma or semicolon separated, UTF-8)."""
    system = system or skattesystem()
    las_manad(period, "period")
    try:
        text = Path(fil).read_text(encoding="utf-8-sig")
    except OSError as fel:
        raise ArendebestandFel(f"kan inte läsa {fil}: {fel.strerror}") from None
    except UnicodeDecodeError:
        raise ArendebestandFel(f"{fil} är inte UTF-8-kodad text") from None
    try:
        dialekt = csv.Sniffer().sniff(text.splitlines()[0] if text else "", delimiters=",;\t")
    except csv.Error:
        dialekt = csv.excel
    rader = list(csv.DictReader(text.splitlines(), dialect=dialekt))
    if not rader:
        raise ArendebestandFel(f"{fil}: inga rader")
    kolumner = list(rader[0])
    okanda = [k for k in kolumner if k not in CSV_KOLUMNER]
    if okanda:
        raise ArendebestandFel(f"kolumn {okanda[0]!r} är okänd; kända kolumner: {', '.join(CSV_KOLUMNER)}")
    saknas = [k for k in CSV_KRAVS if k not in kolumner]
    if saknas:
        raise ArendebestandFel(f"kolumnen {saknas[0]!r} saknas (krävs: {', '.join(CSV_KRAVS)})")

    hushall_index: dict[str, int] = {}
    hushallsvarden: dict[str, dict[int, object]] = {k: {} for k in CSV_HUSHALLSKOLUMNER if k in kolumner}
    typ: dict[int, str] = {}
    person_hushall, roll, manader = [], [], []
    personvarden: dict[str, list] = {k: [] for k in CSV_PERSONKOLUMNER if k in kolumner}
    for nummer, rad in enumerate(rader, start=2):  # row 1 is the header
        if None in rad or any(v is None for v in rad.values()):
            raise ArendebestandFel(f"rad {nummer}: fel antal fält")
        hid = rad["hushall_id"].strip()
        if not hid:
            raise ArendebestandFel(f"rad {nummer}, kolumn hushall_id: tomt")
        h = hushall_index.setdefault(hid, len(hushall_index))
        if rad["roll"].strip() not in ("vuxen", "barn"):
            raise ArendebestandFel(f"rad {nummer}, kolumn roll: ska vara vuxen eller barn, inte {rad['roll']!r}")
        person_hushall.append(h)
        roll.append(rad["roll"].strip())
        if "hushallstyp" in rad and rad["hushallstyp"].strip():
            typ[h] = rad["hushallstyp"].strip()
        text = (rad.get("manader_med_stod") or "0").strip() or "0"
        if not text.isdigit() or int(text) > 240:
            raise ArendebestandFel(f"rad {nummer}, kolumn manader_med_stod: ska vara ett heltal 0–240, inte {text!r}")
        manader.append(int(text))
        for namn in personvarden:
            if namn == "alder" and not rad[namn].strip():
                raise ArendebestandFel(f"rad {nummer}, kolumn alder: saknas")
            personvarden[namn].append(_tolka(system, namn, rad[namn], nummer))
        for namn, per_hushall in hushallsvarden.items():
            if not rad[namn].strip():
                continue
            varde = _tolka(system, namn, rad[namn], nummer)
            if per_hushall.setdefault(h, varde) != varde:
                raise ArendebestandFel(f"rad {nummer}, kolumn {namn}: {varde} skiljer sig från {per_hushall[h]} "
                                       f"på en tidigare rad i hushållet {hid}")

    person_hushall_a = np.array(person_hushall)
    roll_a = np.array(roll)
    antal = len(hushall_index)
    vuxna_per_hushall = np.bincount(person_hushall_a[roll_a == "vuxen"], minlength=antal)
    ids = np.array(list(hushall_index))
    if (vuxna_per_hushall < 1).any() or (vuxna_per_hushall > 2).any():
        fel = ids[(vuxna_per_hushall < 1) | (vuxna_per_hushall > 2)][0]
        raise ArendebestandFel(f"hushållet {fel}: ska ha en eller två vuxna")
    barn_per_hushall = np.bincount(person_hushall_a[roll_a == "barn"], minlength=antal)
    harledd_typ = np.where(vuxna_per_hushall == 2, "sambor", "ensamstaende")
    harledd_typ = np.char.add(harledd_typ, np.where(barn_per_hushall > 0, "_med_barn", "_utan_barn"))
    return Arendebestand(
        period=period,
        hushall_id=ids,
        hushallstyp=np.array([typ.get(i, harledd_typ[i]) for i in range(antal)]),
        person_hushall=person_hushall_a,
        person_roll=roll_a,
        personvarden={k: np.array(v) for k, v in personvarden.items()},
        hushallsvarden={k: np.array([v.get(i, 0) for i in range(antal)]) for k, v in hushallsvarden.items()},
        manader_med_stod=np.array(manader) * (roll_a == "vuxen"),
    )
