"""An MCP server for assistants (``bistand mcp``): ask the rules instead of guessing.

Assistants built on language models, which caseworkers already use, get four tools over stdio (the Model Context
Protocol, the ``mcp`` package), each generated from the rules' own metadata:

- ``hitta_regel``: the rules on a topic (a variable's label, its file, the dated paragraphs it implements and the
  addresses where they can be read), found in the labels, names and citations;
- ``berakna``: a case computed line by line, every amount with its paragraph and, for a figure, the parameter and
  its konfidens;
- ``beslutsforslag``: the decision proposal for a case, with its reasons and their provisions. Always a proposal to a
  caseworker: the assistant never decides, and the tool says so;
- ``forklara_rad``: one line of a case's calculation, with its provision, the figure it was read from and the rule
  (the variable's documentation).

A case is the JSON of ``bistand beslut`` (``Arende`` in the JSON Schema that the rules generate,
``granssnitt/schema.py``, given as each tool's input schema). A case that lacks a fact a decision needs is refused with
the missing facts named in the law's words: the tools never take a missing fact as 0. Nothing a tool receives is
logged; an error names the field, never a value.
"""

from __future__ import annotations

import json
import re
from typing import Any

from openfisca_sweden_bistand import kommuner
from openfisca_sweden_bistand.arende.las import ArendeFel, las_arende
from openfisca_sweden_bistand.arende.underlag import saknade_uppgifter
from openfisca_sweden_bistand.forklaring.berakning import berakna
from openfisca_sweden_bistand.forklaring.beslut import fatta_beslut
from openfisca_sweden_bistand.forklaring.falt import etikett
from openfisca_sweden_bistand.granssnitt.schema import arende_schema
from openfisca_sweden_bistand.regelstod.lagrum import citat_for_variabel
from openfisca_sweden_bistand.system import regelfil, skattesystem

NAMN = "openfisca-sweden-bistand"
HOGSTA_TRAFFAR = 10
FORSLAG = ("Förslag till beslut för en handläggare, inte ett beslut: nämnden (eller dess automatiserade "
           "beslutsfunktion enligt delegation) beslutar.")


class Vagrat(ValueError):
    """A request the tools refuse, with the reason in Swedish (never a value of the case)."""


def _regelfil(variabel: Any) -> str:
    return f"variables/{regelfil(variabel)}.py"


def hitta_regel(amne: str) -> list[dict[str, Any]]:
    """The variables whose name, label or citations mention every word of ``amne`` (at most HOGSTA_TRAFFAR)."""
    ord_ = [o for o in re.split(r"\s+", str(amne).lower().strip())[:8] if o]
    if not ord_:
        raise Vagrat("ange ett ämne, t.ex. 'boendekostnad' eller 'jobbstimulans'")
    system = skattesystem()
    traffar = []
    for namn, variabel in sorted(system.variables.items()):
        citat = citat_for_variabel(variabel)
        text = " ".join([namn, str(variabel.label or ""), *citat]).lower()
        if all(o in text for o in ord_):
            traffar.append({"variabel": namn, "etikett": str(variabel.label), "fil": _regelfil(variabel),
                            "lagrum": citat, "adresser": list(variabel.reference or [])})
    return traffar[:HOGSTA_TRAFFAR]


def _las(arende: Any) -> Any:
    """The case read and checked; refused with the missing facts named when a decision would need more."""
    if not isinstance(arende, dict):
        raise Vagrat("arende ska vara ett ärende som JSON-objekt (period, personer, hushallen)")
    try:
        las = las_arende(arende)
    except ArendeFel as fel:
        raise Vagrat(f"fel i ärendet: {fel.falt}: {fel.meddelande}") from None
    saknas = saknade_uppgifter(las)
    if saknas:
        raise Vagrat("uppgifter saknas, och ingen uppgift antas vara 0: " + "; ".join(
            f"{etikett(falt)} ({falt})" for falt in saknas))
    return las


def berakna_arende(arende: Any) -> dict[str, Any]:
    """The case's calculation, every line with its paragraph."""
    return berakna(_las(arende)).som_dict()


def beslutsforslag(arende: Any) -> dict[str, Any]:
    """The decision proposal, with its reasons and provisions, marked as a proposal."""
    beslut = fatta_beslut(_las(arende))
    svar = beslut.som_dict()
    return {"obs": FORSLAG, "forslag": svar["forslag"], "belopp": svar["belopp"],
            "skal_for_manuell_provning": svar["skal_for_manuell_provning"], "lagrum": svar["lagrum"],
            "rader": svar["rader"], "kommun": svar["kommun"], "regelversion": svar["regelversion"]}


def forklara_rad(arende: Any, variabel: str, person: str | None = None) -> dict[str, Any]:
    """One line of the case's calculation: its amount, provision, figure and the rule's own documentation."""
    berakning = berakna(_las(arende))
    rad = next((r for r in berakning.rader if r.variabel == variabel and (person is None or r.person == person)), None)
    if rad is None:
        finns = sorted({r.variabel for r in berakning.rader})
        raise Vagrat(f"ingen rad för {str(variabel)[:60]!r}" + (f" och {str(person)[:40]!r}" if person else "")
                     + f"; raderna: {', '.join(finns)}")
    definition = skattesystem().variables[variabel]
    return {**rad.som_dict(), "regel": {"etikett": str(definition.label), "fil": _regelfil(definition),
                                        "dokumentation": (definition.documentation or "").strip(),
                                        "lagrum": citat_for_variabel(definition)}}


def verktyg() -> list[dict[str, Any]]:
    """The tools: name, description and input schema (the case's schema generated from the rules)."""
    arende = arende_schema(skattesystem())
    arende.pop("$schema", None)
    return [
        {"name": "hitta_regel", "description": "Hitta reglerna om ett ämne (svenska ord): variabel, fil, lagrum "
         "(daterade) och adresser där paragraferna kan läsas.",
         "inputSchema": {"type": "object", "required": ["amne"], "additionalProperties": False,
                         "properties": {"amne": {"type": "string", "maxLength": 200}}}},
        {"name": "berakna", "description": "Beräkna ett ärende rad för rad, varje rad med lagrum. Vägrar ett ärende "
         "där en uppgift saknas och namnger uppgifterna; antar aldrig 0.",
         "inputSchema": {"type": "object", "required": ["arende"], "additionalProperties": False,
                         "properties": {"arende": arende}}},
        {"name": "beslutsforslag", "description": "Förslag till beslut (aldrig ett beslut) med skäl och lagrum. "
         "Vägrar ett ärende där en uppgift saknas och namnger uppgifterna.",
         "inputSchema": {"type": "object", "required": ["arende"], "additionalProperties": False,
                         "properties": {"arende": arende}}},
        {"name": "forklara_rad", "description": "Förklara en rad i ett ärendes beräkning: belopp, lagrum, "
         "parametern och dess konfidens, och regelns dokumentation.",
         "inputSchema": {"type": "object", "required": ["arende", "variabel"], "additionalProperties": False,
                         "properties": {"arende": arende, "variabel": {"type": "string", "maxLength": 80},
                                        "person": {"type": "string", "maxLength": 200}}}},
        {"name": "kommuner", "description": "Kommunerna vars riktlinjer finns, med riktlinjernas datum och adresser.",
         "inputSchema": {"type": "object", "additionalProperties": False, "properties": {}}},
    ]


def anropa(namn: str, argument: dict[str, Any]) -> Any:
    """Run the tool ``namn``; a refusal raises Vagrat with its reason."""
    argument = argument or {}
    if namn == "hitta_regel":
        return hitta_regel(argument.get("amne", ""))
    if namn == "berakna":
        return berakna_arende(argument.get("arende"))
    if namn == "beslutsforslag":
        return beslutsforslag(argument.get("arende"))
    if namn == "forklara_rad":
        return forklara_rad(argument.get("arende"), str(argument.get("variabel", "")), argument.get("person"))
    if namn == "kommuner":
        return [{"id": k.id, "namn": k.namn, "riktlinjer": [{"titel": r.citat(), "url": r.url} for r in k.riktlinjer]}
                for k in kommuner.kanda().values()]
    raise Vagrat(f"inget verktyg {str(namn)[:40]!r}")


async def kor() -> None:
    """Serve the tools over stdio until the client closes the connection."""
    import mcp.types as types
    from mcp.server.lowlevel import Server
    from mcp.server.stdio import stdio_server

    server: Server = Server(NAMN)

    @server.list_tools()  # type: ignore[untyped-decorator, no-untyped-call]
    async def lista() -> list[types.Tool]:
        return [types.Tool(**v) for v in verktyg()]

    @server.call_tool()  # type: ignore[untyped-decorator]
    async def kalla(namn: str, argument: dict[str, Any]) -> list[types.TextContent]:
        try:
            svar = anropa(namn, argument)
        except Vagrat as fel:
            raise ValueError(str(fel)) from None  # the client gets an error result with the reason
        return [types.TextContent(type="text", text=json.dumps(svar, ensure_ascii=False, indent=1))]

    async with stdio_server() as (las, skriv):
        await server.run(las, skriv, server.create_initialization_options())
