"""The JSON Schema of a case (the body of POST /beslut and of ``bistand beslut``), generated from the rules.

``arende_schema`` reads ``system.variables``: every variable a case may give (no formula, or one of
``INDATA_MED_FORMEL``; never one of ``SATTS_AV_BESLUTSFUNKTIONEN``) becomes a property of its entity, with
the type, range and enum values the case reader (``arende/las.py``, ``arende/validering.py``) checks, so
that the schema and the reader cannot drift apart. It is JSON Schema 2020-12. ``openapi_schema`` gives
the same schema as an OpenAPI 3.0 Schema Object for ``/spec`` (OpenAPI 3.0 has no ``patternProperties``:
there, month keys are only described), with the strict JSON Schema beside it under ``x-json-schema``.

A value the rules compute can be asked for with ``null`` in ``/calculate``; the schema leaves that out, as a
decision answers with no computed variable. Standard library only.
"""

from __future__ import annotations

import copy
import datetime
from typing import Any

from openfisca_core.indexed_enums import Enum

from openfisca_sweden_bistand import kommuner
from openfisca_sweden_bistand.arende.kallor import HOGSTA_TEXT
from openfisca_sweden_bistand.arende.las import INDATA_MED_FORMEL, SATTS_AV_BESLUTSFUNKTIONEN
from openfisca_sweden_bistand.arende.validering import (
    HOGSTA_ALDER,
    HOGSTA_ANTAL_PERSONER,
    HOGSTA_BELOPP,
    HOGSTA_TILLGANG,
    TILLGANGAR,
)

MANADSMONSTER = "^[0-9]{4}-[0-9]{2}$"
DAGSMONSTER = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
ENTITETER = {"person": "personer", "hushall": "hushallen"}
# Given at the top of a case, beside period, never on the household (the reader refuses it there).
ANGES_OVERST = ("beslutsdatum",)


def ar_indata(variabel: Any) -> bool:
    """Whether a case may give ``variabel``."""
    namn = variabel.name
    if namn in SATTS_AV_BESLUTSFUNKTIONEN or namn in ANGES_OVERST:
        return False
    return not variabel.formulas or namn in INDATA_MED_FORMEL


def _hogsta(variabel: Any) -> int | None:
    """The largest value the case reader takes (``validering._kontrollera_storlek``)."""
    if variabel.name in TILLGANGAR:
        return HOGSTA_TILLGANG
    if variabel.unit == "currency-SEK":
        return HOGSTA_BELOPP
    return {"alder": HOGSTA_ALDER, "personer_i_gemensamt_boende": HOGSTA_ANTAL_PERSONER}.get(variabel.name)


def varde_schema(variabel: Any) -> dict[str, Any]:
    """The schema of one value of ``variabel`` (for one month)."""
    typ = variabel.value_type
    if typ is bool:
        return {"type": "boolean"}
    if typ is datetime.date:
        return {"type": "string", "format": "date", "pattern": DAGSMONSTER}
    if typ is Enum:
        return {"type": "string", "enum": [post.name for post in variabel.possible_values]}
    schema: dict[str, Any] = {"type": "integer" if typ is int else "number", "minimum": 0}
    hogsta = _hogsta(variabel)
    if hogsta is not None:
        schema["maximum"] = hogsta
    return schema


def variabel_schema(variabel: Any) -> dict[str, Any]:
    """A plain value (for the case month) or values keyed by month."""
    varde = varde_schema(variabel)
    per_manad = {"type": "object", "minProperties": 1, "patternProperties": {MANADSMONSTER: varde},
                 "additionalProperties": False}
    return {"description": str(variabel.label or variabel.name), "oneOf": [varde, per_manad]}


def entitet_schema(system: Any, entitet: str) -> dict[str, Any]:
    """One person or household: its input variables (and, for a household, the roles)."""
    variabler = sorted((v for v in system.variables.values() if v.entity.key == entitet and ar_indata(v)),
                       key=lambda v: str(v.name))
    egenskaper = {v.name: variabel_schema(v) for v in variabler}
    schema: dict[str, Any] = {"type": "object", "properties": egenskaper, "additionalProperties": False}
    if entitet == "hushall":
        medlemmar = {"type": "array", "items": {"type": "string"}, "uniqueItems": True}
        egenskaper["vuxna"] = {**medlemmar, "minItems": 1, "maxItems": 2,
                               "description": "Den sökande och make, maka, registrerad partner eller sambo"}
        egenskaper["barnen"] = {**medlemmar, "description": "Barn som hör till hushållet"}
        schema["required"] = ["vuxna"]
    return schema


def arende_schema(system: Any) -> dict[str, Any]:
    """The JSON Schema (2020-12) of a case: ``period``, optionally ``beslutsdatum`` and ``kommun``, ``personer``,
    ``hushallen``."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Arende",  # ASCII: generated clients make class names of titles
        "description": "Ett ärende om försörjningsstöd: ett hushåll och en månad. Generated from the rules.",
        "type": "object",
        "required": ["period", "personer", "hushallen"],
        "additionalProperties": False,
        "properties": {
            "period": {"type": "string", "pattern": MANADSMONSTER, "description": "Ärendets månad (ÅÅÅÅ-MM)"},
            "beslutsdatum": {
                "type": "string", "format": "date", "pattern": DAGSMONSTER,
                "description": "Beslutsdagen (ÅÅÅÅ-MM-DD, 2013-01-01–2100-12-31); utan den fattas beslutet i dag",
            },
            "kommun": {
                "type": "string", "enum": list(kommuner.kanda()),
                "description": "Kommunen vars riktlinjer gäller där lagen lämnar utrymme (openfisca_sweden_bistand/"
                               "kommuner/); utan den gäller de nationella standardvärdena",
            },
            "personer": {"type": "object", "minProperties": 1, "maxProperties": HOGSTA_ANTAL_PERSONER,
                         "additionalProperties": entitet_schema(system, "person")},
            "hushallen": {"type": "object", "minProperties": 1, "maxProperties": 1,
                          "additionalProperties": entitet_schema(system, "hushall")},
            "kallor": KALLOR_SCHEMA,
        },
    }


# A case's ``kallor`` (arende/kallor.py): a source per fact the case gives for its month, keyed by the field.
KALLOR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": ("Källan till en uppgift, per fält (personer.<id>.<variabel>, hushallen.<id>.<variabel>); utan "
                    "angiven källa är uppgiften sökandens. register och beslutsregister sätts av beslutsfunktionen."),
    "additionalProperties": {
        "oneOf": [
            {"type": "object", "required": ["typ"], "additionalProperties": False,
             "properties": {"typ": {"type": "string", "enum": ["sokande"]}}},
            {"type": "object", "required": ["typ", "av", "datum"], "additionalProperties": False,
             "properties": {
                 "typ": {"type": "string", "enum": ["handlaggare"]},
                 "av": {"type": "string", "minLength": 1, "maxLength": HOGSTA_TEXT,
                        "description": "Handläggarens namn eller användar-id (inget personnummer)"},
                 "datum": {"type": "string", "format": "date", "pattern": DAGSMONSTER},
                 "anmarkning": {"type": "string", "maxLength": HOGSTA_TEXT, "description": "Vad som kontrollerades"},
             }},
        ],
    },
}


def _som_openapi30(schema: Any) -> Any:
    """OpenAPI 3.0 has no ``$schema`` and no ``patternProperties``: month keys become ``additionalProperties``."""
    if isinstance(schema, list):
        return [_som_openapi30(del_) for del_ in schema]
    if not isinstance(schema, dict):
        return schema
    ut = {nyckel: _som_openapi30(varde) for nyckel, varde in schema.items() if nyckel != "$schema"}
    if "patternProperties" in ut:
        ((monster, varde),) = ut.pop("patternProperties").items()
        ut["additionalProperties"] = varde
        ut["description"] = f"Värden per månad; nycklarna matchar {monster}"
    return ut


def openapi_schema(system: Any) -> dict[str, Any]:
    """The case schema for ``/spec`` (``#/components/schemas/Arende``), with the strict one under ``x-json-schema``."""
    strikt = arende_schema(system)
    schema: dict[str, Any] = _som_openapi30(strikt)
    schema["x-json-schema"] = copy.deepcopy(strikt)
    return schema
