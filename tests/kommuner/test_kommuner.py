"""Each municipality's guidelines as an OpenFisca extension over the national law (issue 21): chosen the same way
everywhere, cited where they decide a line, only the open terms, only from their dates. The amounts themselves are
the YAML legal tests in tests/yaml/kommuner/."""

import copy
import subprocess
import sys

import pytest
import yaml
from hjalpmedel import bekraftad

from openfisca_sweden_bistand import exempel, kommuner
from openfisca_sweden_bistand.arende.las import ArendeFel, las_arende
from openfisca_sweden_bistand.forklaring.beslut import fatta_beslut
from openfisca_sweden_bistand.kommuner import KommunFel, ladda
from openfisca_sweden_bistand.regelstod.riktlinjer import ar_oppen_term
from openfisca_sweden_bistand.system import skattesystem

FAMILJ = exempel.arende("familj_2026")  # two adults, two children, rent 8 900 kr


def i_kommun(data, kommun):
    data = copy.deepcopy(data)
    data["kommun"] = kommun
    return data


def boenderad(beslut):
    return next(r for r in beslut.berakning.rader if r.variabel == "skalig_boendekostnad")


def test_samma_hushall_olika_belopp_med_citerade_riktlinjer():
    """Högsby's ceiling for 1–2 adults and two children (6 965 kr) caps the rent; Malmö's (9 525 kr) does not."""
    nationellt = fatta_beslut(las_arende(FAMILJ))
    malmo = fatta_beslut(las_arende(i_kommun(FAMILJ, "malmo")))
    hogsby = fatta_beslut(las_arende(i_kommun(FAMILJ, "hogsby")))
    assert nationellt.belopp == malmo.belopp == 13980
    assert hogsby.belopp == 13980 - (8900 - 6965)
    rad = boenderad(hogsby)
    assert rad.belopp == 6965 and rad.parameter == "riktlinjer.boendekostnad_tak.barn_2"
    assert "Högsby kommun: Högsta godtagbara hyra, gäller från 2021-05-01" in rad.lagrum
    assert rad.konfidens == "reprint"  # read on the municipality's page, marked in the letter
    assert "riktlinjer" not in boenderad(malmo).lagrum  # Malmö's ceiling decided nothing here
    assert hogsby.kommun["namn"] == "Högsby kommun" and nationellt.kommun is None
    text = hogsby.som_text()
    assert "Kommun: Högsby kommun" in text and "Högsta godtagbara hyra" in text


def test_ett_tak_i_arendet_gar_fore_kommunens_tabell():
    data = i_kommun(FAMILJ, "hogsby")
    data["hushallen"]["hushallet"]["boendekostnad_tak"] = 8000
    beslut = fatta_beslut(las_arende(data))
    assert boenderad(beslut).belopp == 8000 and "riktlinjer" not in boenderad(beslut).lagrum


@pytest.mark.parametrize("namn", ["stockholm", "Malmo", "../malmo", "malmo\x00", 7, ""])
def test_okand_kommun_namnges_med_de_kanda(namn):
    with pytest.raises(ArendeFel) as fel:
        las_arende(i_kommun(FAMILJ, namn))
    assert fel.value.falt == "kommun" and "malmo" in fel.value.meddelande and "hogsby" in fel.value.meddelande


def test_en_kommun_far_bara_satta_oppna_termer(tmp_path):
    katalog = tmp_path / "fusk"
    (katalog / "parameters" / "riksnorm" / "vuxna").mkdir(parents=True)
    (katalog / "riktlinje.yaml").write_text("namn: Fusk\nnamnd: ''\nriktlinjer: []\n", encoding="utf-8")
    (katalog / "parameters" / "riksnorm" / "vuxna" / "ensamstaende.yaml").write_text(
        "values:\n  2026-01-01:\n    value: 1\n", encoding="utf-8")
    system = skattesystem().clone()
    with pytest.raises(KommunFel, match="inte en öppen term"):
        ladda(system, str(katalog))
    assert system.parameters.riksnorm.vuxna.ensamstaende("2026-03-01") == 3940
    assert ar_oppen_term("riktlinjer.boendekostnad_tak.barn_1") and not ar_oppen_term("riksnorm.vuxna.ensamstaende")


def test_kommunens_varde_galler_fran_sitt_datum():
    tak = skattesystem("hogsby").parameters.riktlinjer.boendekostnad_tak.vuxen_1
    assert (tak("2020-03-31"), tak("2020-04-01"), tak("2021-05-01")) == (0, 4132, 4202)
    assert skattesystem().parameters.riktlinjer.boendekostnad_tak.vuxen_1("2026-03-01") == 0  # national unchanged


def test_openfisca_serve_med_kommunen_visar_dess_parametrar():
    """What `openfisca serve -c openfisca_sweden_bistand -e openfisca_sweden_bistand.kommuner.malmo` builds."""
    from openfisca_core.scripts import build_tax_benefit_system
    from openfisca_web_api.app import create_app

    system = build_tax_benefit_system("openfisca_sweden_bistand", ["openfisca_sweden_bistand.kommuner.malmo"], None)
    klient = create_app(system).test_client()
    data = klient.get("/parameter/riktlinjer.boendekostnad_tak.barn_1").get_json()
    assert data["values"]["2020-01-01"] == 7800 and data["values"]["2013-01-01"] == 0
    assert "FKFS 2019:13" in data["metadata"]["reference"]["2020-01-01"]["title"]


def test_api_beslut_med_kommun(app_klient):
    svar = app_klient.post("/beslut", json=i_kommun(bekraftad(FAMILJ), "hogsby"))
    assert svar.status_code == 200
    assert svar.get_json()["belopp"] == 12045 and svar.get_json()["kommun"]["id"] == "hogsby"
    svar = app_klient.post("/beslut", json=i_kommun(FAMILJ, "atlantis"))
    assert svar.status_code == 400 and "kommun" in svar.get_data(as_text=True)


def bistand(*args):
    return subprocess.run([sys.executable, "-m", "openfisca_sweden_bistand", *args], capture_output=True, text=True,
                          timeout=120)


def test_cli_kommun_och_kommuner():
    svar = bistand("beslut", "--exempel", "familj_2026", "--kommun", "hogsby", "--format", "json")
    assert svar.returncode == 0, svar.stderr
    assert yaml.safe_load(svar.stdout)["belopp"] == 12045
    fel = bistand("beslut", "--exempel", "familj_2026", "--kommun", "atlantis")
    assert fel.returncode == 2 and "kända: engelholm, hogsby, lerum, malmo, sundsvall" in fel.stderr
    lista = bistand("kommuner")
    assert lista.returncode == 0
    for kommun in kommuner.kanda().values():
        assert kommun.namn in lista.stdout
    assert "hogsby" in lista.stdout and "2021-05-01" in lista.stdout


def test_ny_kommun_pa_en_eftermiddag(tmp_path):
    svar = bistand("kommun", "ny", "vaxjo", "--namn", "Växjö kommun", "--katalog", str(tmp_path))
    assert svar.returncode == 0, svar.stderr
    katalog = tmp_path / "vaxjo"
    mall = (katalog / "oppna_termer.yaml").read_text(encoding="utf-8")
    for term in ("riktlinjer.boendekostnad_tak.barn_1", "riktlinjer.tillagg_per_barn", "kontroll.granser.tolerans",
                 "automatisering.granser.tillgangar", "del_av_manad.dagar_per_manad"):
        assert f"# {term}:" in mall
    assert yaml.safe_load(mall) is None  # comments only: the skeleton changes no calculation
    # the jurist writes one value, as oppna_termer.yaml shows, and the extension loads
    (katalog / "parameters" / "riktlinjer").mkdir(parents=True)
    (katalog / "parameters" / "riktlinjer" / "tillagg_per_barn.yaml").write_text(
        "values:\n  2026-01-01:\n    value: 50\n    metadata:\n      reference: Växjö, riktlinjer\n"
        "      konfidens: reprint\n      kalla: 'https://example.invalid/'\n", encoding="utf-8")
    system = skattesystem().clone()
    ladda(system, str(katalog))
    assert system.parameters.riktlinjer.tillagg_per_barn("2026-03-01") == 50
    assert system.parameters.riktlinjer.tillagg_per_barn("2025-12-01") == 0
    assert bistand("kommun", "ny", "vaxjo", "--katalog", str(tmp_path)).returncode == 2  # exists already


def test_varje_kommunvarde_har_kalla_och_konfidens():
    from openfisca_sweden_bistand.regelstod.parametrar import KONFIDENSNIVAER, lov

    for kommun in kommuner.kanda().values():
        system = skattesystem(kommun.id)
        kommunens = [v for p in lov(system.parameters) for v in p.values_list
                     if v.metadata.get("kommun") == kommun.id]
        assert kommunens, kommun.id
        for varde in kommunens:
            assert varde.metadata.get("konfidens") in KONFIDENSNIVAER, (kommun.id, varde.name)
            assert varde.metadata.get("kalla", "").startswith("https://"), (kommun.id, varde.name)
        assert all(r.url.startswith("https://") for r in kommun.riktlinjer)


def test_webbsidans_val_av_kommun(app_klient):
    from openfisca_sweden_bistand.granssnitt.webbsida import formular as f

    falt = f.som_falt(f.fran_arende(i_kommun(FAMILJ, "hogsby")))
    assert falt["kommun"] == "hogsby"
    html = app_klient.post("/", data={**falt, "atgard": "berakna"}).get_data(as_text=True)
    assert 'data-belopp="12045' in html and "Högsta godtagbara hyra" in html
    assert '<option value="hogsby" selected>Högsby kommun</option>' in html
    svar = app_klient.post("/", data={**falt, "kommun": "atlantis", "atgard": "berakna"})
    assert svar.status_code == 422 and 'id="fel-kommun"' in svar.get_data(as_text=True)
