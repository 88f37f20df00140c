"""Running a YAML legal test case assertion by assertion (testfall/kor.py), against OpenFisca's own runner."""

import copy
from pathlib import Path

import pytest
import yaml

from openfisca_sweden_bistand.testfall.kor import HOGSTA_ANTAL_PERSONER, Fallresultat, kor_fall

YAML = Path(__file__).resolve().parents[1] / "yaml"


def _alla_fall():
    for fil in sorted(YAML.rglob("*.yaml")):
        for nummer, fall in enumerate(yaml.safe_load(fil.read_text(encoding="utf-8"))):
            yield f"{fil.relative_to(YAML)}#{nummer}", fall


ALLA = list(_alla_fall())


def _fall(namn_borjar):
    return copy.deepcopy(next(fall for _, fall in ALLA if fall["name"].startswith(namn_borjar)))


def _utfall_for(resultat: Fallresultat, variabel: str):
    return [p for p in resultat.pastaenden if p.variabel == variabel]


def test_varje_fall_i_tests_yaml_godkanns_som_av_openfiscas_korare(system):
    """Every case passes the OpenFisca runner (tests/yaml under pytest): kor_fall passes each, and compares
    every expected value (one assertion at least per expected output)."""
    assert len(ALLA) > 150
    underkanda = {}
    for namn, fall in ALLA:
        resultat = kor_fall(fall, system)
        if not resultat.godkant:
            underkanda[namn] = resultat.fel or [p for p in resultat.pastaenden if not p.godkant]
        assert len(resultat.pastaenden) >= len(fall["output"]), namn
    assert underkanda == {}


def test_ett_andrat_forvantat_varde_underkanns_med_det_beraknade_vardet(system):
    fall = _fall("Grundfall: automatiskt bifall")
    assert kor_fall(fall, system).godkant
    fall["output"]["forsorjningsstod"] = 6821
    resultat = kor_fall(fall, system)
    assert not resultat.godkant and resultat.fel is None
    underkanda = [p for p in resultat.pastaenden if not p.godkant]
    assert len(underkanda) == 1
    (p,) = underkanda
    assert (p.variabel, p.entitet, p.period, p.forvantat, p.beraknat) == ("forsorjningsstod", None, "2026-03", 6821,
                                                                          6820.0)
    assert len(resultat.pastaenden) == len(fall["output"])


def test_enum_jamfors_med_namn_och_bool_som_bool(system):
    fall = _fall("Grundfall: automatiskt bifall")
    fall["output"] = {"utfall": "avslag", "beslut": "bifall", "skal_forsta_ansokan": True, "skal_tillgangar": False}
    resultat = kor_fall(fall, system)
    assert [(p.variabel, p.beraknat, p.godkant) for p in resultat.pastaenden] == [
        ("utfall", "bifall", False), ("beslut", "bifall", True),
        ("skal_forsta_ansokan", False, False), ("skal_tillgangar", False, True),
    ]


def test_datum_jamfors_som_dag(system):
    fall = next(copy.deepcopy(f) for _, f in ALLA if "beslutsdatum" in f["output"])
    dag = fall["output"]["beslutsdatum"]
    (p,) = _utfall_for(kor_fall(fall, system), "beslutsdatum")
    assert p.godkant and p.beraknat == dag
    fall["output"]["beslutsdatum"] = "2001-01-01"
    (p,) = _utfall_for(kor_fall(fall, system), "beslutsdatum")
    assert not p.godkant and p.beraknat == dag


def test_per_person_per_id_lista_och_period(system):
    fall = _fall("Ensamstående förälder 2019 med jobbstimulans")
    fall["output"] = {
        "personer": {"leo": {"alder": 5}, "maja": {"alder": 8}},
        "alder": [34, 5, 9],
        "person": {"lunch_utanfor_hemmet": False},
        "forsorjningsstod": {"2019-10": 5384},
    }
    resultat = kor_fall(fall, system)
    assert resultat.fel is None
    utfall = [(p.variabel, p.entitet, p.period, p.forvantat, p.beraknat, p.godkant) for p in resultat.pastaenden]
    assert utfall == [
        ("alder", "leo", "2019-10", 5, 5, True),
        ("alder", "maja", "2019-10", 8, 9, False),
        ("alder", "sara", "2019-10", 34, 34, True),
        ("alder", "leo", "2019-10", 5, 5, True),
        ("alder", "maja", "2019-10", 9, 9, True),
        ("lunch_utanfor_hemmet", "sara", "2019-10", False, False, True),
        ("lunch_utanfor_hemmet", "leo", "2019-10", False, True, False),
        ("lunch_utanfor_hemmet", "maja", "2019-10", False, False, True),
        ("forsorjningsstod", None, "2019-10", 5384, 5384.0, True),
    ]


def test_felmarginaler_per_variabel_och_standard(system):
    fall = _fall("Grundfall: automatiskt bifall")
    fall["output"] = {"forsorjningsstod": 6830, "riksnorm": 5230}
    fall["absolute_error_margin"] = {"default": 0, "forsorjningsstod": 10}
    assert [p.godkant for p in kor_fall(fall, system).pastaenden] == [True, False]
    fall["absolute_error_margin"] = 10
    assert kor_fall(fall, system).godkant
    del fall["absolute_error_margin"]
    fall["relative_error_margin"] = 0.001  # 0,1 % of 6 830 is 6,83 < 10; of 5 230 is 5,23 < 10
    assert [p.godkant for p in kor_fall(fall, system).pastaenden] == [False, False]
    fall["relative_error_margin"] = 0.002
    assert kor_fall(fall, system).godkant


def test_reform_i_paketet_tillampas(system):
    fall = next(copy.deepcopy(f) for _, f in ALLA if "Bidragstak2027" in str(f.get("reforms")))
    assert kor_fall(fall, system).godkant
    utan = {k: v for k, v in fall.items() if k != "reforms"}
    assert not kor_fall(utan, system).godkant  # the reform changes the outcome the case expects


@pytest.mark.parametrize("reform", [
    "os.system",
    "openfisca_sweden_bistand.system.skattesystem",
    "openfisca_sweden_bistand.reforms._verktyg.Reform",
    "openfisca_sweden_bistand.reforms.bidragstak.Reform",
    "openfisca_sweden_bistand.reforms.bidragstak.Finnsinte",
    "openfisca_sweden_bistand.reforms.finnsinte.Bidragstak2027",
    "openfisca_sweden_bistand.reforms..bidragstak.Bidragstak2027",
    ["openfisca_sweden_bistand.reforms.bidragstak.Bidragstak2027", "json.loads"],
    42,
])
def test_bara_paketets_reformer_far_anges(system, reform):
    fall = _fall("Grundfall: automatiskt bifall")
    fall["reforms"] = reform
    resultat = kor_fall(fall, system)
    assert not resultat.godkant and "reform" in resultat.fel and resultat.pastaenden == []


@pytest.mark.parametrize(("andring", "i_felet"), [
    ({"extensions": ["openfisca_extension"]}, "extensions"),
    ({"parameters": {"riksnorm": 1}}, "parameters"),
    ({"okand": 1}, "okänd nyckel"),
    ({"period": "2026-13"}, "ogiltig period"),
    ({"period": None}, "period"),
    ({"input": {"personer": {"a": {"aldr": 1}}, "hushallen": {"h": {"vuxna": ["a"]}}}}, "input.personer.a.aldr"),
    ({"input": {"personer": {"a": {"alder": "40 + 1"}}, "hushallen": {"h": {"vuxna": ["a"]}}}}, "inte som text"),
    ({"input": {"personer": {"a": {"alder": 40}}, "hushallen": {"h": {"vuxna": ["b"]}}}}, "input"),
    ({"input": {"alder": list(range(HOGSTA_ANTAL_PERSONER + 1))}}, "för många"),
    ({"input": {"personer": {str(i): {"alder": 40} for i in range(HOGSTA_ANTAL_PERSONER + 1)}}}, "för många personer"),
    ({"input": {"axes": [[{"count": 10**9, "name": "alder", "min": 0, "max": 100}]]}}, "axes"),
    ({"output": {"forsorjningsstodd": 1}}, "okänd variabel 'forsorjningsstodd'"),
    ({"output": {"forsorjningsstod": {"2026": 1}}}, "beräknas per månad"),
    ({"output": {"forsorjningsstod": {"ett år": 1}}}, "ogiltig period"),
    ({"output": {"personer": {"okand": {"alder": 1}}}}, "finns inte bland personer"),
    ({"output": {"alder": [1, 2]}}, "2 förväntade värden för 1"),
    ({"output": None}, "output saknas"),
    ({"absolute_error_margin": "noll"}, "absolute_error_margin"),
    ({"absolute_error_margin": 10**400}, "absolute_error_margin"),
])
def test_fel_blir_en_rad_aldrig_ett_undantag(system, andring, i_felet):
    fall = _fall("Grundfall: automatiskt bifall")
    fall.update(andring)
    resultat = kor_fall(fall, system)
    assert not resultat.godkant
    assert i_felet in resultat.fel and "\n" not in resultat.fel


def test_inget_fall_alls():
    for fall in (None, [], "text", {"name": ["lista"]}):
        resultat = kor_fall(fall)
        assert not resultat.godkant and resultat.fel


def test_text_som_forvantat_tal_raknas_aldrig_som_kod(system):
    fall = _fall("Grundfall: automatiskt bifall")
    fall["output"] = {"forsorjningsstod": "6000 + 820"}
    assert kor_fall(fall, system).godkant
    for uttryck in ('__import__("os").system("false")', "riksnorm", "6820 if 1 else 0", "9" * 200):
        fall["output"] = {"forsorjningsstod": uttryck}
        resultat = kor_fall(fall, system)
        assert [p.godkant for p in resultat.pastaenden] == [False] and resultat.pastaenden[0].beraknat == 6820.0


def test_orimliga_forvantade_tal_underkanns(system):
    fall = _fall("Grundfall: automatiskt bifall")
    for varde in (10**400, float("inf"), float("nan"), "1e400", [6820]):
        fall["output"] = {"forsorjningsstod": varde}
        resultat = kor_fall(fall, system)
        assert resultat.fel is None and [p.godkant for p in resultat.pastaenden] == [varde == [6820]]
