"""The caseload (calibration, CSV) and the scenario runner."""

import csv
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from openfisca_core import periods

from openfisca_sweden_bistand.analys.arendebestand import (
    MAL,
    ArendebestandFel,
    bygg_simulering,
    generera,
    las_csv,
)
from openfisca_sweden_bistand.analys.scenario import Scenario, Variant, berakna, rita_diagram, skriv
from openfisca_sweden_bistand.arende.las import las_arende
from openfisca_sweden_bistand.forklaring.beslut import fatta_beslut
from openfisca_sweden_bistand.reforms.bidragstak import bidragstak

ROT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def kalibrering():
    period = MAL["belopp_per_hushallsmanad"]["period"]
    bestand = generera(30_000, period, seed=7)
    belopp = bygg_simulering(bestand).calculate("forsorjningsstod", period)
    return bestand, belopp


def test_hushallstyper_som_statistiken(kalibrering):
    bestand, _ = kalibrering
    mal = MAL["andel_hushallstyp"]
    for typ, andel in mal["varde"].items():
        assert abs((bestand.hushallstyp == typ).mean() - andel) <= mal["tolerans"], typ


def test_barn_per_hushall_som_statistiken(kalibrering):
    bestand, _ = kalibrering
    barn = (bestand.person_roll == "barn").sum() / bestand.antal_hushall
    mal = MAL["barn_per_hushall"]
    assert abs(barn / mal["varde"] - 1) <= mal["tolerans"]


def test_andel_langvarigt_som_statistiken(kalibrering):
    bestand, _ = kalibrering
    manader = np.zeros(bestand.antal_hushall)
    np.maximum.at(manader, bestand.person_hushall, bestand.manader_med_stod)
    mal = MAL["andel_langvarigt"]
    assert abs((manader >= 10).mean() - mal["varde"]) <= mal["tolerans"]


def test_medelbelopp_som_statistiken(kalibrering):
    _, belopp = kalibrering
    mal = MAL["belopp_per_hushallsmanad"]
    assert abs(belopp.mean() / mal["varde"] - 1) <= mal["tolerans"]


def test_generering_ar_reproducerbar():
    a, b = generera(500, "2026-03", seed=3), generera(500, "2026-03", seed=3)
    assert (a.hushallstyp == b.hushallstyp).all()
    assert all((a.personvarden[k] == b.personvarden[k]).all() for k in a.personvarden)
    assert not (generera(500, "2026-03", seed=4).hushallstyp == a.hushallstyp).all()


def test_vektoriserad_simulering_lika_med_enskilda_arenden():
    """The whole-caseload simulation gives each household the amount its own case gives."""
    bestand = generera(60, "2026-03", seed=11)
    simulering = bygg_simulering(bestand)
    belopp = simulering.calculate("forsorjningsstod", "2026-03")
    assert simulering.calculate("jobbstimulans_ej_raknad", "2026-03").any()  # the history matters in this sample
    for h in range(bestand.antal_hushall):
        personer = np.flatnonzero(bestand.person_hushall == h)
        data = {"period": "2026-03", "personer": {}, "hushallen": {"h": {"vuxna": [], "barnen": []}}}
        for p in personer:
            varden = {k: v[p].item() for k, v in bestand.personvarden.items()}
            if bestand.manader_med_stod[p]:
                varden["mottog_forsorjningsstod"] = {
                    str(periods.period("2026-03").offset(-k)): True for k in range(1, bestand.manader_med_stod[p] + 1)
                }
            data["personer"][f"p{p}"] = varden
            data["hushallen"]["h"]["vuxna" if bestand.person_roll[p] == "vuxen" else "barnen"].append(f"p{p}")
        data["hushallen"]["h"].update({k: v[h].item() for k, v in bestand.hushallsvarden.items()})
        assert fatta_beslut(las_arende(data)).belopp == belopp[h], h


def test_scenario_skriver_rapport_csv_och_diagram(tmp_path):
    bestand = generera(300, "2027-03", seed=1)
    varianter = [Variant("baslinje", "Bas"), Variant("tak", "Tak", bidragstak())]
    scenario = Scenario("test", "Test", "- antagande", varianter)
    resultat = berakna(scenario, bestand, framsteg=False)
    skriv(resultat, tmp_path)
    for fil in ("report.md", "results.csv", "kostnad_per_hushallstyp.png", "forandring_per_hushallstyp.png",
                "forandring_per_manad.png", "automatisering_per_variant.png"):
        assert (tmp_path / fil).stat().st_size > 0, fil
    rader = list(csv.DictReader((tmp_path / "results.csv").open(encoding="utf-8")))
    assert len(rader) == 300
    forandring = np.array([int(r["forandring_tak"]) for r in rader])
    assert (forandring <= 0).all()  # the cap never raises support
    stora = [r for r in rader if int(r["antal_barn"]) >= 4 and r["hushallstyp"].endswith("med_barn")]
    assert all(int(r["forandring_tak"]) < 0 for r in stora if int(r["forsorjningsstod_baslinje"]) > 2000)
    assert sum(int(r["forsorjningsstod_baslinje"]) for r in rader) == int(resultat.belopp["Bas"].sum())
    rapport = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "## Antaganden" in rapport and "| Tak |" in rapport
    assert "(forandring_per_hushallstyp.png)" in rapport


def test_forandringsdiagrammet_har_data_nar_varianten_andrar(tmp_path):
    bestand = generera(300, "2027-03", seed=1)
    scenario = Scenario("test", "Test", "-", [Variant("baslinje", "Bas"), Variant("tak", "Tak", bidragstak())])
    anteckningar = rita_diagram(berakna(scenario, bestand, framsteg=False), tmp_path)
    assert (tmp_path / "forandring_per_hushallstyp.png").stat().st_size > 0
    assert anteckningar["forandring_per_hushallstyp.png"] == []
    assert anteckningar["kostnad_per_hushallstyp.png"] == []


def test_diagram_utan_innehall_far_en_synlig_anteckning(tmp_path):
    """Variants equal to the baseline: the change charts say in the chart that there is nothing to show."""
    bestand = generera(200, "2026-03", seed=2)
    scenario = Scenario("lika", "Lika", "-", [Variant("baslinje", "Bas"), Variant("samma", "Samma")])
    resultat = berakna(scenario, bestand, framsteg=False)
    anteckningar = rita_diagram(resultat, tmp_path)
    for fil in ("forandring_per_hushallstyp.png", "forandring_per_manad.png"):
        assert (tmp_path / fil).stat().st_size > 0
        assert len(anteckningar[fil]) == 1 and anteckningar[fil][0].startswith("Inget att visa: "), fil
    assert anteckningar["kostnad_per_hushallstyp.png"] == []
    automatiskt = any(r["automatiseringsgrad"] > 0 for r in resultat.sammanfattning())
    assert bool(anteckningar["automatisering_per_variant.png"]) is not automatiskt


def test_bootstrapintervall_kring_punktskattningen():
    bestand = generera(400, "2026-03", seed=5)
    scenario = Scenario("bs", "Bs", "-", [Variant("baslinje", "Bas"), Variant("tak", "Tak", bidragstak())])
    resultat = berakna(scenario, bestand, seed=5, framsteg=False)
    for rad in resultat.sammanfattning():
        lag, punkt, hog = (rad[f"kostnad_per_ar_riket_mdkr{s}"] for s in ("_lag", "", "_hog"))
        assert lag < punkt < hog
        assert 0.01 < (hog - lag) / punkt < 0.5  # a real sampling spread, not a degenerate interval
    igen = berakna(scenario, bestand, seed=5, framsteg=False)
    assert resultat.kostnadsintervall("Bas") == igen.kostnadsintervall("Bas")  # the scenario's seed: reproducible


def test_rapporten_i_svenskt_talformat(tmp_path):
    bestand = generera(300, "2027-03", seed=1)
    scenario = Scenario("test", "Test", "-", [Variant("baslinje", "Bas"), Variant("tak", "Tak", bidragstak())])
    skriv(berakna(scenario, bestand, framsteg=False), tmp_path)
    rapport = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "95\u00a0% intervall" in rapport and "\u00a0mdkr" in rapport and "\u2013" in rapport
    assert "\u2212" in rapport  # the cap's losers: a real minus
    tabell = rapport.split("## Sammanfattning")[1].split("## Per hushållstyp")[0]
    assert " kr" not in tabell and "-1" not in tabell and "-2" not in tabell


def test_som_tabell_ger_raderna_i_results_csv(tmp_path):
    pandas = pytest.importorskip("pandas")
    bestand = generera(250, "2027-03", seed=3)
    scenario = Scenario("test", "Test", "-", [Variant("baslinje", "Bas"), Variant("tak", "Tak", bidragstak())])
    resultat = berakna(scenario, bestand, framsteg=False)
    skriv(resultat, tmp_path)
    tabell = resultat.som_tabell()
    assert isinstance(tabell, pandas.DataFrame)
    rader = list(csv.reader((tmp_path / "results.csv").open(encoding="utf-8")))
    assert list(tabell.columns) == rader[0] and len(tabell) == len(rader) - 1 == 250
    assert tabell.astype(str).values.tolist() == rader[1:]
    assert tabell["forandring_tak"].sum() == (resultat.belopp["Tak"] - resultat.belopp["Bas"]).astype(int).sum()


def test_som_tabell_utan_pandas_namner_tillagget(monkeypatch):
    import sys

    bestand = generera(20, "2026-03", seed=1)
    resultat = berakna(Scenario("t", "T", "-", [Variant("baslinje", "Bas")]), bestand, framsteg=False)
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ModuleNotFoundError, match=r"openfisca-sweden-bistand\[analys\]") as fel:
        resultat.som_tabell()
    assert fel.value.name == "pandas"


CSV_GILTIG = """hushall_id;roll;alder;inkomst_av_anstallning;boendekostnad;manader_med_stod;tillgangar_sparande
a;vuxen;34;6000;7400;8;0
a;barn;5;0;7400;0;0
b;vuxen;50;0;6200;2;0
"""


def test_csv_laddas(tmp_path):
    fil = tmp_path / "bestand.csv"
    fil.write_text(CSV_GILTIG, encoding="utf-8")
    bestand = las_csv(fil, "2026-03")
    assert list(bestand.hushall_id) == ["a", "b"] and bestand.antal_personer == 3
    belopp = bygg_simulering(bestand).calculate("forsorjningsstod", "2026-03")
    # b: 5 220 + 6 200 = 11 420; a: riksnorm 3 940 + 3 060 + 1 410 (2 pers.) + 7 400 − (6 000 − 1 500 jobbstimulans)
    #    − barnbidrag 1 250 (computed); the child of 5 eats at home: 4–6 år 3 060 (SoF (2025:468) 12 kap. 2 §, 2026)
    assert belopp[1] == 11420
    assert belopp[0] == 3940 + 3060 + 1410 + 7400 - 4500 - 1250


@pytest.mark.parametrize(
    ("innehall", "text"),
    [
        (CSV_GILTIG.replace("tillgangar_sparande", "lon"), "kolumn 'lon' är okänd"),
        (CSV_GILTIG.replace("alder;", "").replace(";34;", ";").replace(";5;", ";").replace(";50;", ";"),
         "'alder' saknas"),
        (CSV_GILTIG.replace(";34;", ";trettio;"), "rad 2, kolumn alder: ska vara ett tal"),
        (CSV_GILTIG.replace(";6000;", ";-6000;"), "rad 2, kolumn inkomst_av_anstallning: får inte vara negativt"),
        (CSV_GILTIG.replace("a;barn", "a;hund"), "rad 3, kolumn roll"),
        (CSV_GILTIG.replace("a;barn;5;0;7400", "a;barn;5;0;7500"), "rad 3, kolumn boendekostnad: 7500.0 skiljer sig"),
        (CSV_GILTIG + "b;vuxen;40;0;6200;2;0\nb;vuxen;41;0;6200;2;0\n", "hushållet b: ska ha en eller två vuxna"),
        (CSV_GILTIG.replace(";8;", ";x;"), "rad 2, kolumn manader_med_stod"),
        (CSV_GILTIG + "c;vuxen\n", "rad 5: fel antal fält"),
    ],
)
def test_csv_fel_ger_tydligt_meddelande(tmp_path, innehall, text):
    fil = tmp_path / "bestand.csv"
    fil.write_text(innehall, encoding="utf-8")
    with pytest.raises(ArendebestandFel, match=text):
        las_csv(fil, "2026-03")


def test_skript_med_felaktig_csv_skriver_inget(tmp_path):
    fil = tmp_path / "bestand.csv"
    fil.write_text(CSV_GILTIG.replace(";34;", ";trettio;"), encoding="utf-8")
    ut = tmp_path / "ut"
    resultat = subprocess.run(["bistand", "scenario", "jobbstimulans", "--csv", str(fil),
                               "--out", str(ut)], capture_output=True, text=True, timeout=300)
    assert resultat.returncode == 2
    assert "rad 2, kolumn alder" in resultat.stderr and "Traceback" not in resultat.stderr
    assert not ut.exists()


@pytest.mark.parametrize("skript", ["bidragstak_2027", "riksnorm_upprakning", "jobbstimulans",
                                    "automatiserade_beslut", "aktivitetskrav", "kommuner"])
def test_skripten_kor(tmp_path, skript):
    resultat = subprocess.run(["bistand", "scenario", skript, "--households", "400",
                               "--out", str(tmp_path)], capture_output=True, text=True, timeout=300)
    assert resultat.returncode == 0, resultat.stderr
    assert (tmp_path / "report.md").exists() and (tmp_path / "results.csv").exists()
    assert len(list(tmp_path.glob("*.png"))) == 4



def test_tre_kommuner_sida_vid_sida(tmp_path):
    """One caseload through three municipalities' guidelines: Högsby's low housing ceilings cost least, the
    national defaults (no ceiling) most; under the 2027 proposal Sundsvall's supplement per child ends."""
    resultat = subprocess.run(["bistand", "scenario", "kommuner", "--households", "1500", "--kommun", "malmo",
                               "--kommun", "hogsby", "--kommun", "engelholm", "--out", str(tmp_path)],
                              capture_output=True, text=True, timeout=300)
    assert resultat.returncode == 0, resultat.stderr
    with open(tmp_path / "results.csv", encoding="utf-8") as fil:
        rader = list(csv.DictReader(fil))
    rapport = (tmp_path / "report.md").read_text(encoding="utf-8")
    for namn in ("Malmö stad", "Högsby kommun", "Engelholms kommun", "Nationella standardvärden"):
        assert namn in rapport
    summor = {v: sum(float(r[f"forsorjningsstod_{v}"]) for r in rader) for v in ("nationellt", "malmo", "hogsby")}
    assert summor["hogsby"] < summor["malmo"] < summor["nationellt"]
    tak = subprocess.run(["bistand", "scenario", "kommuner", "--households", "600", "--period", "2027-03",
                          "--kommun", "sundsvall", "--bidragstak", "--out", str(tmp_path / "tak")],
                         capture_output=True, text=True, timeout=300)
    assert tak.returncode == 0, tak.stderr
    with open(tmp_path / "tak" / "results.csv", encoding="utf-8") as fil:
        rader = list(csv.DictReader(fil))
    barnfamiljer = [r for r in rader if int(r["antal_barn"]) > 0]
    assert barnfamiljer and all(
        float(r["forsorjningsstod_sundsvall_bidragstak"]) < float(r["forsorjningsstod_sundsvall"]) for r in barnfamiljer
        if float(r["forsorjningsstod_sundsvall"]) > 1000 and int(r["antal_barn"]) < 4)


@pytest.mark.parametrize(("entitet", "falt", "varde"), [
    ("personer", "alder", 131),
    ("personer", "inkomst_av_anstallning", 20_000_000.0),  # the CSV reader reads an amount as a float
    ("hushallen", "boendekostnad", -1.5),
])
def test_csv_och_arende_vagrar_samma_varde_med_samma_meddelande(tmp_path, entitet, falt, varde):
    """The caseload CSV and a case check a value with the same function (arende/validering.py)."""
    from openfisca_sweden_bistand.arende.las import ArendeFel

    arende = {"period": "2026-03", "personer": {"p": {"alder": 40}}, "hushallen": {"h": {"vuxna": ["p"]}}}
    (arende["personer"]["p"] if entitet == "personer" else arende["hushallen"]["h"])[falt] = varde
    with pytest.raises(ArendeFel) as fel_i_arende:
        las_arende(arende)
    fil = tmp_path / "bestand.csv"
    kolumner = {"hushall_id": "h", "roll": "vuxen", "alder": 40, falt: varde}
    fil.write_text(";".join(kolumner) + "\n" + ";".join(map(str, kolumner.values())) + "\n", encoding="utf-8")
    with pytest.raises(ArendebestandFel) as fel_i_csv:
        las_csv(fil, "2026-03")
    assert str(fel_i_csv.value) == f"rad 2, kolumn {falt}: {fel_i_arende.value.meddelande}"


# --- automatiserade_beslut with register checks (SSBTEK) ----------------------------------------------------

ANDELAR = [0.0, 0.05, 0.1, 0.3, 1.0]


@pytest.fixture(scope="module")
def registerresultat():
    """Each regime that automates, with a share of registers that disagree (and, apart, that do not answer)."""
    from openfisca_sweden_bistand.analys.scenarier import automatiserade_beslut as ab

    varianter = [Variant(*regim) for regim in ab.REGIMER]
    for regim in ab.REGIMER_MED_AUTOMATIK:
        varianter += [ab.registervariant(regim, a, 0.0, seed=4) for a in ANDELAR]
        varianter += [ab.registervariant(regim, 0.0, n, seed=4) for n in ANDELAR[1:]]
    scenario = Scenario("register", "Register", "-", varianter)
    return berakna(scenario, generera(1500, "2026-06", seed=4), seed=4, framsteg=False)


def _grad(resultat, regim, avviker, nere):
    from openfisca_sweden_bistand.analys.scenarier import automatiserade_beslut as ab

    namn = ab.registervariant(regim, avviker, nere, seed=4).namn
    return next(r["automatiseringsgrad"] for r in resultat.sammanfattning() if r["variant"] == namn)


@pytest.mark.parametrize("regim", ["bifall", "alla"])
def test_registerkontroll_andel_noll_ger_samma_automatiseringsgrad(registerresultat, regim):
    from openfisca_sweden_bistand.analys.scenarier import automatiserade_beslut as ab

    regimnamn = next(r[1] for r in ab.REGIMER if r[0] == regim)
    fore = next(r["automatiseringsgrad"] for r in registerresultat.sammanfattning() if r["variant"] == regimnamn)
    assert fore > 0.2  # the regime decides many cases itself: the test below means something
    assert _grad(registerresultat, regim, 0.0, 0.0) == fore
    noll = ab.registervariant(regim, 0.0, 0.0, seed=4).namn
    assert (registerresultat.beslut[noll] == registerresultat.beslut[regimnamn]).all()


@pytest.mark.parametrize("regim", ["bifall", "alla"])
def test_registerkontroll_andel_ett_ger_inga_automatiska_beslut(registerresultat, regim):
    assert _grad(registerresultat, regim, 1.0, 0.0) == 0.0
    assert _grad(registerresultat, regim, 0.0, 1.0) == 0.0


@pytest.mark.parametrize("regim", ["bifall", "alla"])
def test_automatiseringsgraden_faller_monotont_med_andelen(registerresultat, regim):
    for avviker in (True, False):
        grader = [_grad(registerresultat, regim, a if avviker else 0.0, 0.0 if avviker else a) for a in ANDELAR]
        assert all(senare <= tidigare for tidigare, senare in zip(grader, grader[1:], strict=False)), grader
        assert grader[0] > grader[2] > grader[3] > grader[4] == 0.0, grader


def test_alla_utfall_automatiserar_avslag_vid_ateransokan(registerresultat):
    """The regime automates what its name says: an avslag at a renewal too (the change rule no longer holds it
    back), while the default regime decides no avslag automatically (the review, December 2026, L3 (e))."""
    from openfisca_sweden_bistand.analys.scenarier import automatiserade_beslut as ab

    namn = {r[0]: r[1] for r in ab.REGIMER}
    assert (registerresultat.beslut[namn["alla"]] == "avslag").any()
    assert not (registerresultat.beslut[namn["bifall"]] == "avslag").any()
    # every automated avslag is an avslag by the rules, and none is automated without the regime
    automatiska = registerresultat.beslut[namn["alla"]] == "avslag"
    assert (registerresultat.utfall[namn["alla"]][automatiska] == "avslag").all()


def test_registerlottningen_ar_gemensam_och_reproducerbar():
    """A household whose register disagrees at 5 % also does at 10 % (the same draw), from the scenario's seed."""
    from openfisca_sweden_bistand.analys.scenarier import automatiserade_beslut as ab

    bestand = generera(2000, "2026-06", seed=1)
    rng = np.random.default_rng(0)
    fem = ab.registerutfall(0.05, 0.02, seed=3)(bestand, rng)
    tio = ab.registerutfall(0.10, 0.02, seed=3)(bestand, rng)
    assert not (fem["registeruppgift_avviker"] & ~tio["registeruppgift_avviker"]).any()
    assert (fem["registeruppgift_okontrollerad"] == tio["registeruppgift_okontrollerad"]).all()
    assert 0.03 < fem["registeruppgift_avviker"].mean() < 0.07 and 0.07 < tio["registeruppgift_avviker"].mean() < 0.13
    assert (ab.slumptal(bestand, 3) == ab.slumptal(bestand, 3)).all()
    assert not (ab.slumptal(bestand, 3) == ab.slumptal(bestand, 4)).all()


def test_automatiserade_beslut_rapporterar_registerkontrollen(tmp_path):
    from openfisca_sweden_bistand.analys.scenarier import automatiserade_beslut as ab

    assert ab.main(["--households", "300", "--out", str(tmp_path), "--andel-avviker", "0", "0.1",
                    "--andel-nere", "0", "0.05"]) == 0
    rapport = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "## Automatiseringsgrad med registerkontroll" in rapport
    assert "## Vad som beslutas automatiskt" in rapport and "| Alla utfall automatiskt |" in rapport
    assert "Andelarna är syntetiska antaganden, inte mätningar" in rapport
    assert "modellerar inte var uppgifterna kommer ifrån" in rapport  # the caseload's sources are not modelled
    assert "Sundsvallskommun/api-service-operaton@c53d244:" in rapport and "SsbtekAvailability.java" in rapport
    assert "| 10\u00a0% |" in rapport and "| Avviker \\ obesvarade | 0\u00a0% | 5\u00a0% |" in rapport
    rader = list(csv.DictReader((tmp_path / "results.csv").open(encoding="utf-8")))
    assert {"beslut_bifall_avviker10_nere5", "beslut_alla_avviker0_nere5"} <= set(rader[0])


def test_automatiserade_beslut_vagrar_andel_utanfor_0_till_1(capsys):
    from openfisca_sweden_bistand.analys.scenarier import automatiserade_beslut as ab

    with pytest.raises(SystemExit) as fel:
        ab.main(["--andel-avviker", "1.5"])
    assert fel.value.code == 2 and "mellan 0 och 1" in capsys.readouterr().err


def test_scenario_hjalp_listar_scenarierna_pa_svenska():
    from openfisca_sweden_bistand.analys.scenarier import NAMN

    for argv in (["scenario", "--help"], ["scenario"]):
        svar = subprocess.run(["bistand", *argv], capture_output=True, text=True, timeout=120)
        assert svar.returncode == 0 and svar.stdout.startswith("användning: bistand scenario NAMN")
        for namn in NAMN:
            assert f"  {namn} " in svar.stdout
    assert "Bidragstak 2027 mot dagens regler" in svar.stdout
    okant = subprocess.run(["bistand", "scenario", "finns_inte"], capture_output=True, text=True, timeout=120)
    assert okant.returncode == 2 and "inget scenario 'finns_inte'" in okant.stderr
    assert "fel i ärendet" not in okant.stderr
    eget = subprocess.run(["bistand", "scenario", "bidragstak_2027", "--help"], capture_output=True, text=True,
                          timeout=120)
    assert eget.returncode == 0 and eget.stdout.startswith("användning: bistand scenario bidragstak_2027")
    assert "visa den här hjälpen" in eget.stdout


def test_rapporten_sager_varfor_inget_beslutades_automatiskt(tmp_path):
    """2027 has no norm entered: every case goes to a caseworker, and the report says why (the review's N2)."""
    svar = subprocess.run(["bistand", "scenario", "bidragstak_2027", "--households", "800", "--out", str(tmp_path)],
                          capture_output=True, text=True, timeout=300)
    assert svar.returncode == 0, svar.stderr
    rapport = (tmp_path / "report.md").read_text(encoding="utf-8")
    avsnitt = rapport[rapport.index("## Varför ärenden prövas av handläggare"):rapport.index("## Per hushållstyp")]
    assert "**Dagens regler**: inget ärende beslutas automatiskt" in avsnitt
    assert "100,0\u00a0% av hushållen: Riksnormen för månaden bygger på belopp som inte lästs" in avsnitt


def test_scenarierna_ligger_overst_i_repot_och_kors_som_skript(tmp_path):
    """scenarios/ at the top: the script an analyst opens and runs is the one `bistand scenario` runs (one copy)."""
    from openfisca_sweden_bistand import SCENARIOKATALOG
    from openfisca_sweden_bistand.analys.scenarier import NAMN, bidragstak_2027

    rot = Path(__file__).resolve().parents[2]
    assert Path(SCENARIOKATALOG).resolve() == (rot / "scenarios").resolve()
    assert Path(bidragstak_2027.__file__).resolve() == (rot / "scenarios" / "bidragstak_2027.py").resolve()
    assert {p.stem for p in (rot / "scenarios").glob("*.py")} == set(NAMN)
    assert not list((rot / "openfisca_sweden_bistand" / "analys" / "scenarier").glob("[!_]*.py"))
    svar = subprocess.run([sys.executable, str(rot / "scenarios" / "bidragstak_2027.py"), "--households", "300",
                           "--out", str(tmp_path)], capture_output=True, text=True, timeout=300)
    assert svar.returncode == 0, svar.stderr
    assert (tmp_path / "report.md").exists()


def test_analytikerns_vy_viktad_med_band_och_uppdelningar(tmp_path):
    """The PolicyEngine-like view: a weight per row, winners and losers in bands, the change by household type ×
    children and by months on support, Swedish labels, and a reform given as parameter values."""
    svar = subprocess.run(["bistand", "scenario", "riksnorm_upprakning", "--households", "1500", "--period", "2026-03",
                           "--parameter", "riksnorm.vuxna.ensamstaende=4200", "--out", str(tmp_path)],
                          capture_output=True, text=True, timeout=300)
    assert svar.returncode == 0, svar.stderr
    with open(tmp_path / "results.csv", encoding="utf-8") as fil:
        rader = list(csv.DictReader(fil))
    vikt = float(rader[0]["vikt"])
    assert vikt > 1 and all(float(r["vikt"]) == vikt for r in rader) and "manader_med_stod" in rader[0]
    rapport = (tmp_path / "report.md").read_text(encoding="utf-8")
    for rubrik in ("## Vinnare och förlorare", "## Förändring per hushållstyp och antal barn",
                   "## Förändring efter månader i följd med stöd", "Ensamstående kvinna med barn"):
        assert rubrik in rapport
    # the parameter variant: an adult alone gains 4 200 − 3 940 = 260 kr, counted in the country
    egna = [r for r in rader if r["hushallstyp"].startswith("ensamstaende") and r["antal_barn"] == "0"
            and float(r["forsorjningsstod_baslinje"]) > 300]
    assert egna and all(float(r["forandring_parametrar"]) == 260 for r in egna)
    fel = subprocess.run(["bistand", "scenario", "riksnorm_upprakning", "--households", "50", "--parameter",
                          "riksnorm.vuxna=1", "--out", str(tmp_path / "fel")], capture_output=True, text=True,
                         timeout=300)
    assert fel.returncode == 2 and "grupp av parametrar" in fel.stderr
