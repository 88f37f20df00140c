"""The riksnorm parameters for 2025 and 2026 against the official tables, typed here independently.

The tables below were typed from the text of socialtjänstförordning (2025:468) 12 kap. 2 §
(SFS 2025:468, https://svenskforfattningssamling.se/sites/default/files/sfs/2025-05/SFS2025-468.pdf),
in its original wording (the 2025 table) and in the wording of SFS 2025:1046 (the 2026 table, in force
2026-01-01; the consolidated text at https://github.com/se-lex/sfs-processor/blob/c949bd5284378eb5033605779349c30aa008a8b9/data/md-markers/2025/sfs-2025-468-markers.md);
they are not read from parameters/. The 2025 table also applies from 2025-01-01 (SoF 2001:937 2 kap. 1 § in the
wording of SFS 2024:1016, +2,8 %), but that text was not read: those values are derived.
"""

import datetime
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

import pytest

from openfisca_sweden_bistand.regelstod.parametrar import lov, parameter, varde_i_kraft

BARN = ["under_1_ar", "ar_1_2", "ar_3", "ar_4_6", "ar_7_10", "ar_11_14", "ar_15_18", "ar_19_20"]
GEMENSAMMA = [f"personer_{n}" for n in range(1, 8)]


def tabell(barn, utan_lunch, ensamstaende, sambor, gemensamma):
    rader = {f"riksnorm.barn.{k}": v for k, v in zip(BARN, barn, strict=True)}
    rader |= {f"riksnorm.barn_lunch_utanfor_hemmet.{k}": v for k, v in zip(BARN[:4], utan_lunch, strict=True)}
    rader |= {"riksnorm.vuxna.ensamstaende": ensamstaende, "riksnorm.vuxna.sambor": sambor}
    rader |= {f"riksnorm.gemensamma_hushallskostnader.{k}": v for k, v in zip(GEMENSAMMA, gemensamma, strict=True)}
    return rader


# 12 kap. 2 § SoF (2025:468), ursprunglig lydelse.
TABELL_2025 = tabell(
    barn=[2720, 3030, 2700, 3030, 3790, 4350, 4920, 4960],
    utan_lunch=[2540, 2780, 2480, 2700],
    ensamstaende=3910,
    sambor=7050,
    gemensamma=[1270, 1400, 1770, 2010, 2310, 2620, 2810],
)
# 12 kap. 2 § SoF (2025:468) i lydelse enligt SFS 2025:1046.
TABELL_2026 = tabell(
    barn=[2740, 3060, 2720, 3060, 3820, 4390, 4960, 5000],
    utan_lunch=[2560, 2800, 2500, 2720],
    ensamstaende=3940,
    sambor=7100,
    gemensamma=[1280, 1410, 1790, 2030, 2330, 2640, 2830],
)
# regeringen.se 2025-11 "Riksnorm för 2026 fastställd": 5 220 kr (ensamstående), 8 510 kr (sammanboende).
TOTAL_2026 = {"ensamstaende": 5220, "sambor": 8510}

# The table in force and its konfidens. January–June 2025: SFS 2024:1016 was not read, so its cells are the ones
# SoF (2025:468) gives for 2025, marked derived (a decision for those months goes to a caseworker).
DAGAR = {
    datetime.date(2025, 1, 1): (TABELL_2025, "derived"),
    datetime.date(2025, 6, 30): (TABELL_2025, "derived"),
    datetime.date(2025, 7, 1): (TABELL_2025, "official"),
    datetime.date(2025, 12, 31): (TABELL_2025, "official"),
    datetime.date(2026, 1, 1): (TABELL_2026, "official"),
    datetime.date(2026, 12, 31): (TABELL_2026, "official"),
}


def tiotal(belopp, avrundning=ROUND_HALF_UP):
    return int((Decimal(str(belopp)) / 10).quantize(Decimal(1), rounding=avrundning)) * 10


def riksnormlov(system):
    return [p for p in lov(system.parameters.riksnorm) if not p.name.startswith("riksnorm.officiella_totalbelopp")]


def test_tabellerna_tacker_varje_riksnormparameter(system):
    namn = {p.name for p in riksnormlov(system)}
    assert namn == set(TABELL_2025) == set(TABELL_2026)


@pytest.mark.parametrize("dag", sorted(DAGAR), ids=str)
def test_varje_belopp_har_sin_konfidens_och_ar_lika_med_forordningens_tabell(system, dag):
    tabell_, konfidens = DAGAR[dag]
    fel = []
    for lov_ in riksnormlov(system):
        varde = varde_i_kraft(lov_, dag)
        if varde is None or varde.metadata.get("konfidens") != konfidens or varde.value != tabell_[lov_.name]:
            fel.append((lov_.name, None if varde is None else (varde.value, varde.metadata.get("konfidens"))))
    assert fel == []


def test_2025_och_2026_citerar_sin_forfattning(system):
    for lov_ in riksnormlov(system):
        assert "2025:468" in varde_i_kraft(lov_, datetime.date(2025, 7, 1)).metadata["reference"], lov_.name
        assert "2024:1016" in varde_i_kraft(lov_, datetime.date(2025, 6, 30)).metadata["reference"], lov_.name
        assert "2025:1046" in varde_i_kraft(lov_, datetime.date(2026, 1, 1)).metadata["reference"], lov_.name


def test_2026_ger_regeringens_totalbelopp(system):
    """(a) ensamstående + 1 person and sambor + 2 personer equal the published totals, in the parameters too."""
    p = system.parameters("2026-01-01").riksnorm
    assert p.vuxna.ensamstaende + p.gemensamma_hushallskostnader.personer_1 == TOTAL_2026["ensamstaende"]
    assert p.vuxna.sambor + p.gemensamma_hushallskostnader.personer_2 == TOTAL_2026["sambor"]
    for nyckel, total in TOTAL_2026.items():
        assert getattr(p.officiella_totalbelopp, nyckel) == total
    # and in the independent table
    gemensamma = "riksnorm.gemensamma_hushallskostnader"
    assert TABELL_2026["riksnorm.vuxna.ensamstaende"] + TABELL_2026[f"{gemensamma}.personer_1"] == 5220
    assert TABELL_2026["riksnorm.vuxna.sambor"] + TABELL_2026[f"{gemensamma}.personer_2"] == 8510


@pytest.mark.parametrize("namn", sorted(TABELL_2026))
def test_2026_ar_2025_plus_0_7_procent_per_delpost(namn):
    """(c) +0,7 % on every delpost, each rounded separately: 0 to +10 kr above 2025 × 1,007 rounded to ten."""
    assert 0 <= TABELL_2026[namn] - tiotal(TABELL_2025[namn] * 1.007) <= 10
    # Every cell is in fact 2025 × 1,007 rounded up to the next ten.
    assert TABELL_2026[namn] == tiotal(TABELL_2025[namn] * 1.007, ROUND_CEILING)


@pytest.mark.parametrize("namn", sorted(n for n in TABELL_2025 if "lunch" not in n))
def test_2025_ar_2024_plus_2_8_procent(system, namn):
    """(d) The 2024 reprint (lunch at home) raised by 2,8 % gives the official 2025 cell.

    Rounded to the nearest ten the product falls 0–10 kr short in 12 of the 17 cells (each delpost is raised and
    rounded separately); rounded up to the next ten it gives every 2025 cell exactly.
    """
    ar_2024 = varde_i_kraft(parameter(system.parameters, namn), datetime.date(2024, 1, 1)).value
    assert 0 <= TABELL_2025[namn] - tiotal(ar_2024 * 1.028) <= 10
    assert TABELL_2025[namn] == tiotal(ar_2024 * 1.028, ROUND_CEILING)


def test_fler_an_sju_personer_190_kr_per_person():
    """12 kap. 3 § första stycket: each further person = 7 persons − 6 persons."""
    for tabell_ in (TABELL_2025, TABELL_2026):
        g = "riksnorm.gemensamma_hushallskostnader."
        assert tabell_[g + "personer_7"] - tabell_[g + "personer_6"] == 190


@pytest.mark.parametrize("storlek", range(1, 13))
def test_fler_an_sju_personer_stated_once(storlek):
    """gemensamma_vikter is the one statement of SoF 12 kap. 3 § första stycket: the amount it gives equals the
    table's row for 1–7 persons and 7 + n × (7 − 6) beyond, and the rows it reads are the ones the letter cites."""
    from openfisca_sweden_bistand.regelstod.riksnormgrupper import gemensamma_stigar, gemensamma_vikter

    g = "riksnorm.gemensamma_hushallskostnader."
    rader = {n: TABELL_2026[f"{g}personer_{n}"] for n in range(1, 8)}
    vikter = gemensamma_vikter(storlek)
    belopp = sum(int(v) * rader[int(rad.removeprefix("personer_"))] for rad, v in vikter.items())
    forvantat = rader[storlek] if storlek <= 7 else rader[7] + (storlek - 7) * (rader[7] - rader[6])
    assert belopp == forvantat
    assert gemensamma_stigar(storlek) == ((g + f"personer_{storlek}",) if storlek <= 7
                                         else (g + "personer_7", g + "personer_6"))
