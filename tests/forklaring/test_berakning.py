"""The line-by-line calculation adds up, cites the law in force, and flags provisional figures."""

import json
from dataclasses import asdict

import pytest

from openfisca_sweden_bistand import exempel
from openfisca_sweden_bistand.arende.las import las_arende
from openfisca_sweden_bistand.forklaring.berakning import (
    EJ_RAKNADE,
    INKOMSTER,
    RIKSNORM,
    SKALIGA,
    berakna,
)


def summa(b, del_):
    return sum(rad.belopp for rad in b.rader if rad.del_ == del_)


@pytest.mark.parametrize("namn", exempel.namn())
def test_raderna_summerar_till_beloppen(namn):
    b = berakna(las_arende(exempel.sokvag(namn)))
    assert summa(b, RIKSNORM) == b.riksnorm
    assert summa(b, SKALIGA) == b.skaliga_kostnader
    assert summa(b, INKOMSTER) - summa(b, EJ_RAKNADE) == b.raknade_inkomster
    assert b.forsorjningsstod == max(0, round(b.riksnorm + b.skaliga_kostnader - b.raknade_inkomster))
    assert all(rad.lagrum for rad in b.rader)
    assert bool(b.provisoriska_varden) == b.riksnorm_provisorisk


def test_ensamstaende_forelder_2026():
    b = berakna(las_arende(exempel.sokvag("ensamstaende_forelder")))
    # Official 2026 table (SoF (2025:468) 12 kap. 2 §, SFS 2025:1046): ensamstående 3 940, 4–6 år med lunch
    # utanför hemmet 2 720, 7–10 år 3 820, 3 personer 1 790: 12 270; 7 400 + 350 + 140 + 450 + 200 = 8 540;
    # 6 000 − 1 500 + 2 100 + 2 650 + 3 400 = 12 650; 12 270 + 8 540 − 12 650 = 8 160
    assert (b.riksnorm, b.skaliga_kostnader, b.raknade_inkomster, b.forsorjningsstod) == (12270, 8540, 12650, 8160)
    jobbstimulans = [r for r in b.rader if r.variabel == "jobbstimulans_ej_raknad"]
    assert [(r.person, r.belopp, r.lagrum) for r in jobbstimulans] == [
        ("sara", 1500, "12 kap. 8 § socialtjänstlagen (2025:400)")
    ]
    assert not b.riksnorm_provisorisk and b.provisoriska_varden == []
    assert {r.konfidens for r in b.rader if r.del_ == RIKSNORM} == {"official"}


def test_provisoriskt_belopp_namnges_med_kalla():
    data = exempel.arende("ensamstaende_forelder")
    data["period"], data["beslutsdatum"] = "2024-03", "2024-02-25"
    b = berakna(las_arende(data))
    assert b.riksnorm_provisorisk
    provisoriska = {p.parameter: p.konfidens for p in b.provisoriska_varden}
    # 2024: the "utan lunch" values are estimates, the rest reprints (SFS 2023:630 not read)
    assert provisoriska["riksnorm.barn_lunch_utanfor_hemmet.ar_4_6"] == "provisional"
    assert provisoriska["riksnorm.vuxna.ensamstaende"] == "reprint"
    assert "OBS: Riksnormen" in b.som_text()
    # the JSON: every provisional value as an object of its fields, as dataclasses.asdict gives the whole calculation
    data = b.som_dict()
    assert data["provisoriska_varden"] and data["provisoriska_varden"] == asdict(b)["provisoriska_varden"]
    assert json.loads(json.dumps(data)) == data
    assert list(data) == list(asdict(b)) and data["rader"] == [
        {("del" if k == "del_" else k): v for k, v in asdict(rad).items()} for rad in b.rader]


def test_officiellt_ar_har_inga_provisoriska_varden():
    b = berakna(las_arende(exempel.sokvag("ensamstaende")))
    assert not b.riksnorm_provisorisk
    assert b.provisoriska_varden == []
    assert {r.konfidens for r in b.rader if r.del_ == RIKSNORM} == {"official"}
    assert "OBS" not in b.som_text()


@pytest.mark.parametrize(
    ("period", "lag"),
    [("2025-06", "socialtjänstlagen (2001:453)"), ("2025-07", "socialtjänstlagen (2025:400)")],
)
def test_lagrum_for_manaden(period, lag):
    b = berakna(las_arende({
        "period": period,
        "personer": {"a": {"alder": 30, "inkomst_av_anstallning": 1000, "jobbstimulans_tillampas": True}},
        "hushallen": {"h": {"vuxna": ["a"], "boendekostnad": 5000}},
    }))
    assert all(lag in rad.lagrum for rad in b.rader if rad.del_ != RIKSNORM or "socialtjänstlagen" in rad.lagrum)
    assert lag in b.lagrum


def test_stort_hushall_och_tak_syns_i_raderna():
    b = berakna(las_arende({
        "period": "2021-04",
        "personer": {"a": {"alder": 40}, **{f"b{i}": {"alder": 2 + i} for i in range(8)}},
        "hushallen": {"h": {"vuxna": ["a"], "barnen": [f"b{i}" for i in range(8)],
                            "boendekostnad": 14000, "boendekostnad_tak": 12000}},
    }))
    gemensamma = next(r for r in b.rader if r.variabel == "riksnorm_gemensamma_hushallskostnader")
    assert gemensamma.belopp == 2270 + 2 * (2270 - 2100)  # 9 persons in 2021
    assert "9 personer" in gemensamma.post
    boende = next(r for r in b.rader if r.variabel == "skalig_boendekostnad")
    assert boende.belopp == 12000 and "begränsad till kommunens tak" in boende.post


def test_json_har_heltal_for_hela_kronor():
    data = berakna(las_arende(exempel.sokvag("par_med_tre_barn"))).som_dict()
    # 2025 official table: 7 050 + 2 720 + 4 350 + 4 920 + 2 310 (5 pers.) = 21 350; + 11 080 − 14 080 = 18 350
    assert data["forsorjningsstod"] == 18350 and isinstance(data["forsorjningsstod"], int)
    assert {rad["del"] for rad in data["rader"]} == {RIKSNORM, SKALIGA, INKOMSTER, EJ_RAKNADE}


def _arende_med_tak(**hushall):
    return las_arende({
        "period": "2026-03",
        "personer": {"a": {"alder": 40}},
        "hushallen": {"h": {"vuxna": ["a"], "boendekostnad": 9000, "boendekostnad_tak": 7000, **hushall}},
    })


@pytest.mark.parametrize(("hushall", "begransad", "radrum", "belopp", "text"), [
    ({}, True, False, 7000, " (faktisk 9000 kr, begränsad till kommunens tak 7000 kr)"),
    ({"boendekostnad_radrum": True}, False, True, 9000, " (över kommunens tak 7000 kr, godtas under skäligt rådrum)"),
    ({"boendekostnad_tak": 9500}, False, False, 9000, ""),
    ({"boendekostnad_tak": 0}, False, False, 9000, ""),
])
def test_taket_och_radrummet_ar_variabler(hushall, begransad, radrum, belopp, text):
    from openfisca_sweden_bistand.forklaring.simulering import bygg_simulering

    arende = _arende_med_tak(**hushall)
    simulering = bygg_simulering(arende)
    assert bool(simulering.calculate("boendekostnad_begransad_av_tak", "2026-03")[0]) is begransad
    assert bool(simulering.calculate("boendekostnad_radrum_tillampas", "2026-03")[0]) is radrum
    boende = next(r for r in berakna(arende).rader if r.variabel == "skalig_boendekostnad")
    assert (boende.post, boende.belopp) == ("Boendekostnad" + text, belopp)


@pytest.mark.parametrize(("barn", "utover"), [(5, 0), (6, 0), (8, 2)])
def test_personer_utover_sju(barn, utover):
    b = berakna(las_arende({
        "period": "2026-03",
        "personer": {"a": {"alder": 40}, **{f"b{i}": {"alder": 2 + i} for i in range(barn)}},
        "hushallen": {"h": {"vuxna": ["a"], "barnen": [f"b{i}" for i in range(barn)], "boendekostnad": 8000}},
    }))
    gemensamma = next(r for r in b.rader if r.variabel == "riksnorm_gemensamma_hushallskostnader")
    assert ("skillnaden mellan 7 och 6 personer" in gemensamma.post) == (utover > 0)
    assert f"{barn + 1} personer" in gemensamma.post
    assert gemensamma.parameter == f"riksnorm.gemensamma_hushallskostnader.personer_{min(barn + 1, 7)}"


@pytest.mark.parametrize("namn", exempel.namn())
def test_varje_belopp_ar_en_variabels_varde(namn):
    """The explanation computes nothing: every line's amount is the value of the variable it names."""
    from openfisca_sweden_bistand.forklaring.simulering import bygg_simulering

    arende = las_arende(exempel.sokvag(namn))
    simulering = bygg_simulering(arende)
    personer = list(simulering.persons.ids)
    b = berakna(arende, simulering=simulering)
    for rad in b.rader:
        varden = simulering.calculate(rad.variabel, arende.period)
        varde = varden[personer.index(rad.person)] if rad.person else varden[0]
        assert rad.belopp == pytest.approx(float(varde), abs=0.005), rad
    for falt in ("forsorjningsstod", "riksnorm", "skaliga_kostnader", "raknade_inkomster", "ej_raknade_inkomster"):
        assert getattr(b, falt) == pytest.approx(float(simulering.calculate(falt, arende.period)[0]), abs=0.005)


def test_postertabellen_summeras_av_formlerna():
    """Each part's items (regelstod/poster.py) are variables of the right entity, and the sums count them."""
    from openfisca_sweden_bistand.regelstod.poster import DELAR, HUSHALL, PERSON
    from openfisca_sweden_bistand.system import skattesystem

    system = skattesystem()
    for poster in DELAR.values():
        for post in poster:
            variabel = system.variables[post.variabel]
            assert variabel.entity.key == {PERSON: "person", HUSHALL: "hushall"}[post.entitet], post
            assert variabel.unit == "currency-SEK", post
    data = exempel.arende("ensamstaende_forelder")
    data["hushallen"][next(iter(data["hushallen"]))]["barnomsorgsavgift"] = 300  # a line of livsföring i övrigt
    b = berakna(las_arende(data))
    assert {r.del_ for r in b.rader} == set(DELAR)


def test_svensk_formatering():
    from openfisca_sweden_bistand import text

    assert text.kr(12230) == "12\u00a0230\u00a0kr"
    assert text.kr(450.5) == "450,50\u00a0kr"
    assert text.kr(-1500) == "\u22121\u00a0500\u00a0kr"
    assert text.kr(1234567) == "1\u00a0234\u00a0567\u00a0kr"
    assert text.heltal(98765.4) == "98\u00a0765"
    assert text.decimal(-0.001) == "0,00"
    assert text.procent(0.333) == "33,3\u00a0%" and text.procent(None) == "–"
    assert text.procentenheter(-0.6667) == "\u221266,7 procentenheter"
    assert text.procentenheter(0.05) == "+5,0 procentenheter"
    assert text.forandring(-0.989) == "\u221298,9\u00a0%"
    assert text.manad("2026-03") == "mars 2026" and text.datum(__import__("datetime").date(2026, 2, 25)) == "2026-02-25"
    assert text.tal(9000) == "9000" and text.tal(9000.5) == "9000,50"
