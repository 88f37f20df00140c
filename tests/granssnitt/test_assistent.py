"""The MCP server for assistants (`bistand mcp`), tested with the `mcp` client library against the real server over
stdio: the tools are listed with the case's generated schema, a complete case gets a cited decision proposal, and a
case that lacks facts is refused with the facts named, never computed with 0."""

import copy
import json
import sys

import anyio
import pytest
from hjalpmedel import bekraftad
from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client

from openfisca_sweden_bistand import exempel

SERVER = StdioServerParameters(command=sys.executable, args=["-m", "openfisca_sweden_bistand", "mcp"])
KOMPLETT = bekraftad(exempel.arende("ensamstaende_2026"))


def sessionen(arbete):
    """Run ``arbete(session)`` against a fresh server process; its result."""
    async def kor():
        async with stdio_client(SERVER) as (las, skriv), ClientSession(las, skriv) as session:
            await session.initialize()
            return await arbete(session)
    return anyio.run(kor)


def svaret(resultat):
    assert not resultat.isError, resultat.content[0].text
    return json.loads(resultat.content[0].text)


@pytest.fixture(scope="module")
def svar():
    async def arbete(session):
        utan_hyra = copy.deepcopy(KOMPLETT)
        del utan_hyra["hushallen"]["hushallet"]["boendekostnad"]
        utan_hyra["kallor"].pop("hushallen.hushallet.boendekostnad", None)
        return {
            "verktyg": await session.list_tools(),
            "forslag": await session.call_tool("beslutsforslag", {"arende": KOMPLETT}),
            "vagrat": await session.call_tool("beslutsforslag", {"arende": utan_hyra}),
            "regel": await session.call_tool("hitta_regel", {"amne": "jobbstimulans"}),
            "rad": await session.call_tool("forklara_rad", {"arende": KOMPLETT,
                                                            "variabel": "riksnorm_personliga_kostnader"}),
            "fel": await session.call_tool("berakna", {"arende": {**KOMPLETT, "period": "2026-13"}}),
        }
    return sessionen(arbete)


def test_verktygen_listas_med_arendets_schema(svar):
    verktyg = {v.name: v for v in svar["verktyg"].tools}
    assert set(verktyg) == {"hitta_regel", "berakna", "beslutsforslag", "forklara_rad", "kommuner"}
    arende = verktyg["beslutsforslag"].inputSchema["properties"]["arende"]
    assert "boendekostnad" in json.dumps(arende) and "kommun" in arende["properties"]  # generated from the rules


def test_beslutsforslag_med_lagrum(svar):
    forslag = svaret(svar["forslag"])
    assert forslag["obs"].startswith("Förslag till beslut") and forslag["forslag"] == "bifall"
    assert forslag["belopp"] == 7380
    assert any("12 kap. 7 §" in lagrum for lagrum in forslag["lagrum"])
    assert all(rad["lagrum"] for rad in forslag["rader"])  # every figure with its paragraph


def test_saknade_uppgifter_vagras_och_namnges(svar):
    vagrat = svar["vagrat"]
    assert vagrat.isError
    text = vagrat.content[0].text
    assert "hushallen.hushallet.boendekostnad" in text and "Faktisk boendekostnad" in text
    assert "antas vara 0" in text


def test_hitta_regel_och_forklara_rad(svar):
    regler = svaret(svar["regel"])
    assert any(r["variabel"] == "jobbstimulans_ej_raknad" and r["fil"].endswith("inkomster/jobbstimulans.py")
               and any("12 kap. 8 §" in c for c in r["lagrum"]) for r in regler)
    rad = svaret(svar["rad"])
    assert rad["belopp"] == 3940 and rad["parameter"] == "riksnorm.vuxna.ensamstaende"
    assert rad["konfidens"] == "official" and "12 kap. 2 §" in rad["lagrum"] + " ".join(rad["regel"]["lagrum"])


def test_fel_i_arendet_namnger_faltet(svar):
    assert svar["fel"].isError and "period" in svar["fel"].content[0].text
