"""The web API against a real running server (gunicorn, 2 workers, loopback)."""

import copy

import hjalpmedel
import pytest
from api_server import LivServer

from openfisca_sweden_bistand import exempel
from openfisca_sweden_bistand.arende.las import las_arende
from openfisca_sweden_bistand.forklaring.beslut import fatta_beslut

MAX_BYTES = 65536


@pytest.fixture(scope="module")
def server():
    s = LivServer("--max-bytes", str(MAX_BYTES), "--max-personer", "20")
    yield s
    s.stoppa()


def test_spec_dokumenterar_beslut(server):
    status, spec = server.anropa("GET", "/spec")
    assert status == 200
    assert "/beslut" in spec["paths"] and "post" in spec["paths"]["/beslut"]
    for namn in ("Arende", "Beslut", "Fel"):
        assert namn in spec["components"]["schemas"]
    assert {"/calculate", "/trace", "/parameters", "/variables", "/entities"} <= set(spec["paths"])


def test_spec_ar_giltig_openapi(server):
    from openapi_spec_validator import validate

    validate(server.anropa("GET", "/spec")[1])


@pytest.fixture(scope="module")
def spec(server):
    return server.anropa("GET", "/spec")[1]


def _nycklar(schema: dict) -> set[str]:
    return set(schema["properties"])


@pytest.mark.parametrize("namn", exempel.namn())
def test_beslut_har_exakt_de_dokumenterade_nycklarna(server, spec, namn):
    """Every key of a /beslut answer is documented in /spec, and every documented key is in the answer
    (``registrering`` only when the server records decisions)."""
    schemas = spec["components"]["schemas"]
    beslut = schemas["Beslut"]
    status, svar = server.anropa("POST", "/beslut", exempel.arende(namn))
    assert status == 200
    assert set(svar) == set(beslut["required"]) == _nycklar(beslut) - {"registrering", *ENDAST_ATERANSOKAN}
    _dokumenterade_delar(schemas, svar)


ENDAST_ATERANSOKAN = {"kontroller", "registersvar"}  # only in an answer of POST /ateransokan


def _dokumenterade_delar(schemas: dict, svar: dict) -> None:
    """Every key of the parts of a decision is documented in /spec."""
    egenskaper = schemas["Beslut"]["properties"]
    assert set(svar["delbelopp"]) == _nycklar(egenskaper["delbelopp"])
    assert set(svar["regelversion"]) == _nycklar(egenskaper["regelversion"])
    for rad in svar["rader"]:
        assert set(rad) == _nycklar(egenskaper["rader"]["items"])
        assert rad["kalla"] is None or set(rad["kalla"]) <= _nycklar(schemas["Kalla"])
    for uppgift in svar["uppgifter_utan_kontroll"]:
        assert set(uppgift) == _nycklar(egenskaper["uppgifter_utan_kontroll"]["items"])
    for skal in svar["skal_for_manuell_provning"]:
        assert set(skal) == _nycklar(egenskaper["skal_for_manuell_provning"]["items"])
        assert skal["skal"] in egenskaper["skal_for_manuell_provning"]["items"]["properties"]["skal"]["enum"]
    for varde in svar["provisoriska_varden"]:
        assert set(varde) == _nycklar(egenskaper["provisoriska_varden"]["items"])
    assert svar["utfall"] in egenskaper["utfall"]["enum"] and svar["forslag"] in egenskaper["forslag"]["enum"]


def test_ateransokan_har_exakt_de_dokumenterade_nycklarna(server, spec):
    """POST /ateransokan answers with every key of POST /beslut plus kontroller and registersvar, each documented,
    and the example in /spec is the embedded renewal with its answer."""
    schemas = spec["components"]["schemas"]
    exempelkropp = spec["paths"]["/ateransokan"]["post"]["requestBody"]["content"]["application/json"]["example"]
    assert exempelkropp["ansokan"] == exempel.arende("ateransokan_2026") and set(exempelkropp["ssbtek"]) == {"sara"}
    status, svar = server.anropa("POST", "/ateransokan", exempelkropp)
    assert status == 200, svar
    assert set(svar) == set(schemas["Beslut"]["required"]) | ENDAST_ATERANSOKAN
    _dokumenterade_delar(schemas, svar)
    egenskaper = schemas["Beslut"]["properties"]
    for kontroll in svar["kontroller"]:
        assert set(kontroll) == _nycklar(egenskaper["kontroller"]["items"])
        assert kontroll["resultat"] in egenskaper["kontroller"]["items"]["properties"]["resultat"]["enum"]
        assert kontroll["kalla"] in egenskaper["kontroller"]["items"]["properties"]["kalla"]["enum"]
    assert set(svar["registersvar"][0]) == _nycklar(egenskaper["registersvar"]["items"])
    assert svar["automatiserat"] and svar["utfall"] == "bifall"


def test_spec_harleder_utfall_och_skal_ur_reglerna(spec):
    from openfisca_sweden_bistand.regelstod.skal import SKAL

    egenskaper = spec["components"]["schemas"]["Beslut"]["properties"]
    assert egenskaper["utfall"]["enum"] == ["bifall", "delvis_bifall", "avslag", "manuell_provning"]
    assert egenskaper["forslag"]["enum"] == ["bifall", "delvis_bifall", "avslag"]
    assert egenskaper["skal_for_manuell_provning"]["items"]["properties"]["skal"]["enum"] == [s.variabel for s in SKAL]
    exempelarende = spec["paths"]["/beslut"]["post"]["requestBody"]["content"]["application/json"]["example"]
    assert exempelarende == exempel.arende("ensamstaende_2026")
    arende = spec["components"]["schemas"]["Arende"]["properties"]
    assert set(arende) == {"period", "beslutsdatum", "kommun", "personer", "hushallen", "kallor"}
    assert arende["kommun"]["enum"] == ["engelholm", "hogsby", "lerum", "malmo", "sundsvall"]
    assert "uppgifter_kompletta" in spec["paths"]["/calculate"]["post"]["description"]


def test_parameter_har_referens_per_varde(server):
    status, data = server.anropa("GET", "/parameter/riksnorm.vuxna.ensamstaende")
    assert status == 200
    assert data["values"]["2021-01-01"] == 3160
    assert data["referenser"]["2021-01-01"]["konfidens"] == "official"
    assert "SFS 2020:1013" in data["referenser"]["2021-01-01"]["reference"]
    assert data["referenser"]["2024-01-01"]["konfidens"] == "reprint"
    assert data["referenser"]["2025-01-01"]["konfidens"] == "derived"  # SFS 2024:1016 not read
    assert data["referenser"]["2025-07-01"]["konfidens"] == "official"


def test_variabel_har_referenser(server):
    status, data = server.anropa("GET", "/variable/jobbstimulans_ej_raknad")
    assert status == 200
    assert data["references"] == ["https://lagen.nu/2001:453#K4P1b", "https://lagen.nu/2025:400#K12P8"]
    assert data["lagrum"][0] == "4 kap. 1 b § socialtjänstlagen (2001:453), 2013-07-01–2025-06-30"
    assert data["lagrum"][1].startswith("12 kap. 8 § socialtjänstlagen (2025:400), fr.o.m. 2025-07-01")


@pytest.mark.parametrize("namn", exempel.namn())
def test_beslut_via_api_lika_med_cli(server, namn):
    arende = exempel.arende(namn)
    forvantat = fatta_beslut(las_arende(copy.deepcopy(arende))).som_dict()
    status, svar = server.anropa("POST", "/beslut", arende)
    assert status == 200
    assert svar == forvantat


@pytest.mark.parametrize("namn", exempel.namn())
def test_calculate_ger_samma_beslut_som_cli(server, namn):
    arende = las_arende(exempel.arende(namn))
    forvantat = fatta_beslut(arende)
    situation = exempel.situation(namn)
    hushall = situation["hushallen"][arende.hushall_id]
    for namn_ in ("forsorjningsstod", "beslut", "utfall", "riksnorm", "manuell_provning_kravs"):
        hushall[namn_] = {arende.period: None}
    status, svar = server.anropa("POST", "/calculate", situation)
    assert status == 200, svar
    resultat = {k: v[arende.period] for k, v in svar["hushallen"][arende.hushall_id].items() if isinstance(v, dict)}
    assert resultat["forsorjningsstod"] == forvantat.berakning.forsorjningsstod
    assert resultat["riksnorm"] == forvantat.berakning.riksnorm
    # Completeness is checked only by the decision function: /calculate never decides automatically.
    assert resultat["beslut"] == "manuell_provning"


def test_calculate_kan_inte_ange_att_uppgifterna_ar_kompletta(server):
    situation = exempel.situation("ensamstaende_2026")
    situation["hushallen"]["hushallet"]["uppgifter_kompletta"] = {"2026-03": True}
    status, svar = server.anropa("POST", "/calculate", situation)
    assert status == 400 and svar["falt"] == "hushallen.hushallet.uppgifter_kompletta"


def test_calculate_utan_kontrollerade_uppgifter_ger_manuell_provning(server):
    situation = exempel.situation("ensamstaende_2026")
    situation["hushallen"]["hushallet"]["beslut"] = {"2026-03": None}
    status, svar = server.anropa("POST", "/calculate", situation)
    assert status == 200
    assert svar["hushallen"]["hushallet"]["beslut"]["2026-03"] == "manuell_provning"


def test_trace_fungerar(server):
    situation = exempel.situation("ensamstaende_2026")
    situation["hushallen"]["hushallet"]["forsorjningsstod"] = {"2026-03": None}
    status, svar = server.anropa("POST", "/trace", situation)
    assert status == 200 and "forsorjningsstod<2026-03>" in svar["trace"]


GILTIG = exempel.situation("ensamstaende_2026")


def andrad(**andringar):
    return hjalpmedel.andrad(GILTIG, **andringar)


@pytest.mark.parametrize(
    ("sokvag", "kropp", "status", "falt"),
    [
        ("/calculate", b"{inte json", 400, ""),
        ("/calculate", b"\xff\xfe", 400, ""),
        ("/calculate", b"[" * 50_000 + b"]" * 50_000, 413, ""),  # larger than --max-bytes
        ("/calculate", b"[" * 20_000 + b"]" * 20_000, 400, ""),  # deep nesting within the size limit
        ("/calculate", [1, 2, 3], 400, ""),
        ("/calculate", andrad(personer__johan__lon={"2026-03": 1}), 400, "personer.johan.lon"),
        ("/calculate", andrad(personer__johan__alder={"2026-13": 40}), 400, "personer.johan.alder.2026-13"),
        ("/calculate", andrad(personer__johan__alder={"2026": 40}), 400, "personer.johan.alder.2026"),
        ("/calculate", andrad(personer__johan__alder={"2026-03": "fyrtio"}), 400, "personer.johan.alder.2026-03"),
        ("/calculate", andrad(personer__johan__alder=52), 400, "personer.johan.alder"),
        ("/calculate", andrad(hushallen__hushallet__boendekostnad={"2026-03": -100}), 400,
         "hushallen.hushallet.boendekostnad.2026-03"),
        ("/calculate", andrad(hushallen__hushallet__boendekostnad={"2026-03": 1e15}), 400,
         "hushallen.hushallet.boendekostnad.2026-03"),
        ("/calculate", andrad(hushallen__hushallet__riksnorm={"2026-03": 1}), 400, "hushallen.hushallet.riksnorm"),
        ("/calculate", andrad(hushallen__hushallet__vuxna=["johan", "okand"]), 400, "hushallen.hushallet.vuxna"),
        ("/calculate", andrad(personer={f"p{i}": {} for i in range(30)}), 400, "personer"),
        ("/beslut", {"period": "2026-03"}, 400, "personer"),
        ("/beslut", andrad(), 400, "period"),
    ],
)
def test_felaktig_indata_ger_4xx_med_falt(server, sokvag, kropp, status, falt):
    svarsstatus, svar = server.anropa("POST", sokvag, kropp)
    assert svarsstatus == status, svar
    assert isinstance(svar, dict) and svar["falt"] == falt and svar["status"] == status and svar["error"]


def test_fel_innehallstyp_metod_och_sokvag(server):
    assert server.anropa("POST", "/beslut", b"{}", typ="text/plain")[0] == 415
    assert server.anropa("GET", "/beslut")[0] == 405
    status, svar = server.anropa("GET", "/finns-inte")
    assert status == 404 and svar["status"] == 404
    assert server.anropa("GET", "/parameter/finns.inte")[0] == 404
