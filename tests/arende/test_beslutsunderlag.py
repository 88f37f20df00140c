"""Safe to decide: properties of the decision that hold for every household (hypothesis).

- removing any single required fact never yields an automated decision;
- a higher cost never lowers the support;
- an automated amount never exceeds ansokt_belopp;
- /calculate never yields an automated outcome, whatever the caller sends.
"""

import copy
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openfisca_core import periods

from openfisca_sweden_bistand.arende.las import las_arende
from openfisca_sweden_bistand.arende.underlag import UPPGIFTER, saknade_uppgifter
from openfisca_sweden_bistand.forklaring.beslut import fatta_beslut
from openfisca_sweden_bistand.regelstod.poster import (
    HUSHALLSINKOMSTER,
    PERSONINKOMSTER,
)

INSTALLNINGAR = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
belopp = st.integers(min_value=0, max_value=20_000)
BARNINKOMSTER = [u.namn for u in UPPGIFTER if u.vem == "barn" and u.angiven == "manaden"]


@st.composite
def komplett_arende(draw):
    """A case stating every fact a decision needs (random amounts, mostly small incomes)."""
    period = draw(st.sampled_from(["2025-09", "2026-03", "2026-07"]))
    ar, manad = int(period[:4]), int(period[5:])
    forra = f"{ar}-{manad - 1:02d}"
    antal_vuxna = draw(st.integers(1, 2))
    personer, vuxna, barnen = {}, [], []
    for i in range(antal_vuxna):
        person = {"alder": draw(st.integers(20, 64)), "aktiv_arbetsmarknadsplanering": True,
                  "mottog_forsorjningsstod": {forra: True}}
        for namn in PERSONINKOMSTER:
            person[namn] = draw(st.sampled_from([0, 0, 0, draw(st.integers(0, 4000))]))
        person["inkomst_av_naringsverksamhet"] = 0
        for namn in ("arbetsresor", "avgift_fackforening", "avgift_arbetsloshetskassa"):
            person[namn] = draw(st.integers(0, 400))
        personer[f"v{i}"] = person
        vuxna.append(f"v{i}")
    for i in range(draw(st.integers(0, 3))):
        barn = {"alder": draw(st.integers(0, 17)), "lunch_utanfor_hemmet": draw(st.booleans())}
        for namn in BARNINKOMSTER:
            barn[namn] = 0
        personer[f"b{i}"] = barn
        barnen.append(f"b{i}")
    hushall = {"vuxna": vuxna, "barnen": barnen, "boendekostnad": draw(st.integers(3000, 12_000)),
               "hushallsel": draw(st.integers(0, 800)), "hemforsakring": draw(st.integers(0, 300)),
               "personer_i_gemensamt_boende": 0, "tillgangar_sparande": 0, "tillgangar_ovriga": 0,
               "antal_personer_foregaende_manad": len(personer)}
    for namn in HUSHALLSINKOMSTER:
        hushall[namn] = draw(st.sampled_from([0, draw(st.integers(0, 3000))]))
    data = {"period": period, "beslutsdatum": f"{period}-01", "personer": personer, "hushallen": {"h": hushall}}
    # last month's amount: this month's, so that no change reason fires
    belopp = fatta_beslut(las_arende(data)).berakning.forsorjningsstod
    data["hushallen"]["h"]["forsorjningsstod_foregaende_manad"] = max(1, belopp)
    return data


def utan(data, falt):
    data = copy.deepcopy(data)
    grupp, entitet_id, namn = falt.split(".")
    del data[grupp][entitet_id][namn]
    return data


@INSTALLNINGAR
@given(komplett_arende(), st.data())
def test_en_saknad_uppgift_ger_aldrig_ett_automatiserat_beslut(data, val):
    arende = las_arende(data)
    assert saknade_uppgifter(arende) == []
    givna = [f"{'hushallen' if g == 'hushallen' else 'personer'}.{e}.{n}"
             for g in ("hushallen", "personer") for e, ent in data[g].items() for n in ent
             if n not in ("vuxna", "barnen", "alder", "lunch_utanfor_hemmet", "aktiv_arbetsmarknadsplanering",
                          "beslutsdatum")]
    kravda = [f for f in givna if f in saknade_uppgifter(las_arende(utan(data, f)))]
    assert kravda, "a complete case names required facts"
    falt = val.draw(st.sampled_from(kravda))
    beslut = fatta_beslut(las_arende(utan(data, falt)))
    assert not beslut.automatiserat and falt in beslut.saknade_uppgifter


KOSTNADER = ["boendekostnad", "hushallsel", "hemforsakring", "arbetsresor", "avgift_fackforening",
             "avgift_arbetsloshetskassa"]


@INSTALLNINGAR
@given(komplett_arende(), st.sampled_from(KOSTNADER), st.integers(1, 10_000))
def test_en_hogre_kostnad_sanker_aldrig_stodet(data, kostnad, okning):
    fore = fatta_beslut(las_arende(data)).berakning.forsorjningsstod
    hogre = copy.deepcopy(data)
    entitet = hogre["hushallen"]["h"] if kostnad in hogre["hushallen"]["h"] else hogre["personer"]["v0"]
    entitet[kostnad] += okning
    assert fatta_beslut(las_arende(hogre)).berakning.forsorjningsstod >= fore


@INSTALLNINGAR
@given(komplett_arende(), st.integers(1, 30_000))
def test_automatiserat_belopp_overstiger_aldrig_ansokt_belopp(data, ansokt):
    data["hushallen"]["h"]["ansokt_belopp"] = ansokt
    beslut = fatta_beslut(las_arende(data))
    assert beslut.belopp <= ansokt
    if beslut.automatiserat:
        assert beslut.belopp <= ansokt and beslut.berakning.forsorjningsstod <= ansokt


@st.composite
def situation(draw):
    """A /calculate body: a random household, any facts, the decision asked for."""
    period = draw(st.sampled_from(["2023-05", "2025-09", "2026-03"]))
    data = draw(komplett_arende())
    data = {k: v for k, v in data.items() if k not in ("period", "beslutsdatum")}
    for grupp in ("personer", "hushallen"):
        for entitet in data[grupp].values():
            for namn in list(entitet):
                if namn in ("vuxna", "barnen"):
                    continue
                if draw(st.integers(0, 4)) == 0:
                    del entitet[namn]
                elif not isinstance(entitet[namn], dict):
                    entitet[namn] = {period: entitet[namn]}
    data["hushallen"]["h"]["beslut"] = {period: None}
    data["hushallen"]["h"]["beslutsdatum"] = {period: f"{period}-01"}
    return data, period


@INSTALLNINGAR
@given(situation())
def test_calculate_ger_aldrig_ett_automatiserat_utfall(app_klient, fall):
    data, period = fall
    svar = app_klient.post("/calculate", data=json.dumps(data), content_type="application/json")
    assert svar.status_code == 200, svar.get_json()
    assert svar.get_json()["hushallen"]["h"]["beslut"][period] == "manuell_provning"


def test_readme_namnger_varje_uppgift_i_listan():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert "openfisca_sweden_bistand/arende/underlag.py" in readme
    assert [u.namn for u in UPPGIFTER if f"`{u.namn}`" not in readme] == []


@INSTALLNINGAR
@given(komplett_arende(), st.lists(st.integers(0, 40), min_size=2, max_size=2))
def test_historiken_som_antal_ger_samma_beslut(data, antal):
    """manader_i_folj_med_stod: m gives the decision that mottog_forsorjningsstod for the m months before gives
    (jobbstimulans, a first application, the facts needed), to the krona and reason by reason."""
    som_manader, som_antal = copy.deepcopy(data), copy.deepcopy(data)
    for i, (vuxen, m) in enumerate(zip(data["hushallen"]["h"]["vuxna"], antal, strict=False)):
        # m months with support, and none in the month before them
        manad = periods.period(data["period"])
        som_manader["personer"][vuxen]["mottog_forsorjningsstod"] = {
            str(manad.offset(-k)): k <= m for k in range(1, m + 2)}
        del som_antal["personer"][vuxen]["mottog_forsorjningsstod"]
        som_antal["personer"][vuxen]["manader_i_folj_med_stod"] = m
        if i == 0:
            som_manader["personer"][vuxen]["inkomst_av_anstallning"] = 6000  # so that jobbstimulans can matter
            som_antal["personer"][vuxen]["inkomst_av_anstallning"] = 6000
    a, b = (fatta_beslut(las_arende(d)) for d in (som_manader, som_antal))
    assert (a.belopp, a.utfall, a.skal_for_manuell_provning, a.saknade_uppgifter) == (
        b.belopp, b.utfall, b.skal_for_manuell_provning, b.saknade_uppgifter)
    assert a.berakning == b.berakning
