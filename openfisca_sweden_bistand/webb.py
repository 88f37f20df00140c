"""The web API: OpenFisca's standard endpoints for this package, POST /beslut, and hardening.

``skapa_app()`` builds on ``openfisca_web_api.app.create_app`` (``/spec``, ``/parameters``,
``/parameter/…``, ``/variables``, ``/variable/…``, ``/entities``, ``/calculate``, ``/trace``) and:

- adds ``POST /beslut``: the case JSON of ``bistand beslut`` in, the same decision JSON out;
- documents ``/beslut`` in ``/spec``;
- adds each dated value's reference, konfidens and source to ``/parameter/…`` (``referenser``),
  which OpenFisca's own response drops;
- validates every request body before OpenFisca sees it, with the rules of the case reader
  (``arende.py``): a body that is not JSON, too large, too deep, has duplicate keys, unknown
  variables or periods, wrong types, negative or absurd amounts, computed variables given as
  input, inconsistent roles or too many persons gets a 4xx answer naming the field:

      {"error": "personer.anna.alder: får inte vara negativt (-3)",
       "falt": "personer.anna.alder", "meddelande": "får inte vara negativt (-3)", "status": 400}

  and nothing reaches the client as a traceback or a 5xx.

``bistand serve`` runs it under gunicorn (``server.py``).
"""

from __future__ import annotations

import logging
import os

from flask import jsonify, make_response, request
from openfisca_core.errors import PeriodMismatchError, SituationParsingError
from openfisca_web_api import handlers
from openfisca_web_api.app import create_app
from werkzeug.exceptions import HTTPException

from openfisca_sweden_bistand import exempel
from openfisca_sweden_bistand.arende import (
    ArendeFel,
    _forsta_felet,
    las_arende,
    las_json,
    las_situation,
    skattesystem,
)
from openfisca_sweden_bistand.beslut import UTFALLSTEXT, fatta_beslut
from openfisca_sweden_bistand.parametrar import parameter as hitta_parameter

logg = logging.getLogger("gunicorn.error")

STANDARD_MAX_BYTES = 256 * 1024  # a case is a few kilobytes; 256 KiB leaves room for a batch
STANDARD_MAX_PERSONER = 100
STANDARD_MAX_VARDEN = 5000  # values (variable × month) in one request: bounds the work asked for


def felsvar(status: int, falt: str, meddelande: str):
    text = f"{falt}: {meddelande}" if falt else meddelande
    return make_response(jsonify({"error": text, "falt": falt, "meddelande": meddelande, "status": status}), status)


def _antal_varden(situation: dict) -> int:
    return sum(
        len(varde) for grupp in situation.values() for entitet in grupp.values()
        for namn, varde in entitet.items() if isinstance(varde, dict)
    )


def skapa_app(system=None, max_bytes: int = STANDARD_MAX_BYTES, max_personer: int = STANDARD_MAX_PERSONER,
              max_varden: int = STANDARD_MAX_VARDEN, register_url: str | None = None, delegation=None):
    """The app. With ``register_url`` every decision from POST /beslut is recorded (register.py); each
    worker opens its own connection after the fork."""
    system = system or skattesystem()
    delegationer = None
    if register_url is not None:
        from openfisca_sweden_bistand.register import Register, las_delegationer

        delegationer = las_delegationer(delegation) if delegation else []
        Register(register_url)  # create the tables once, before the workers fork
    register_per_process: dict[int, object] = {}
    app = create_app(system, welcome_message=(
        "Ekonomiskt bistånd (försörjningsstöd) som lag-som-kod: OpenFisca web API. "
        "Specifikation: GET /spec. Beslut: POST /beslut."
    ))
    app.config["MAX_CONTENT_LENGTH"] = max_bytes
    app.json.ensure_ascii = False  # Swedish in the answers, not \u escapes
    app.json.sort_keys = False  # keep the decision JSON in its documented order

    def las_kropp():
        if not request.is_json:
            raise _Fel(415, "Content-Type", "skicka JSON med Content-Type: application/json")
        try:
            text = request.get_data(cache=False).decode("utf-8")
        except UnicodeDecodeError:
            raise _Fel(400, "", "förfrågan är inte UTF-8-kodad") from None
        return las_json(text, "förfrågan")

    def situation_fran_kropp():
        situation = las_situation(las_kropp(), system, max_personer)
        if _antal_varden(situation) > max_varden:
            raise _Fel(413, "", f"för många värden i förfrågan (högst {max_varden} variabel-månader)")
        return situation

    def kor_openfisca(hanterare):
        try:
            return jsonify(hanterare(system, situation_fran_kropp()))
        except (SituationParsingError, PeriodMismatchError) as fel:
            falt, meddelande = _forsta_felet(fel.error)
            return felsvar(400, falt, meddelande)

    app.view_functions["calculate"] = lambda: kor_openfisca(handlers.calculate)
    app.view_functions["trace"] = lambda: kor_openfisca(handlers.trace)

    @app.route("/beslut", methods=["POST"])
    def beslut():
        arende = las_arende(las_kropp(), system)
        if register_url is None:
            return jsonify(fatta_beslut(arende, system).som_dict())
        from openfisca_sweden_bistand.register import Register

        register = register_per_process.get(os.getpid())
        if register is None:  # one connection pool per worker process, opened after the fork
            register = register_per_process[os.getpid()] = Register(register_url)
        referens = request.headers.get("X-Arende-Referens")
        beslutet, rad = register.registrera_beslut(arende, delegationer, referens)
        return jsonify(beslutet.som_dict() | {
            "registrering": {"lopnummer": rad["lopnummer"], "kontrollsumma": rad["kontrollsumma"]}})

    ursprunglig_parameter = app.view_functions["get_parameter"]

    def get_parameter(parameter_id):
        svar = ursprunglig_parameter(parameter_id)
        data = svar.get_json()
        try:
            lov = hitta_parameter(system.parameters, data["id"])
        except KeyError:
            return svar
        if hasattr(lov, "values_list"):
            data["referenser"] = {
                varde.instant_str: {
                    nyckel: varde.metadata[nyckel]
                    for nyckel in ("reference", "konfidens", "kalla", "anmarkning") if nyckel in varde.metadata
                }
                for varde in lov.values_list
            }
        return jsonify(data)

    app.view_functions["get_parameter"] = get_parameter

    ursprunglig_spec = app.view_functions["get_spec"]
    tillagg = _spec_for_beslut()

    def get_spec():
        spec = ursprunglig_spec().get_json()
        spec["paths"]["/beslut"] = tillagg["path"]
        spec["components"]["schemas"].update(tillagg["schemas"])
        spec["paths"]["/calculate"]["post"]["description"] = (
            spec["paths"]["/calculate"]["post"].get("description", "") + _CALCULATE_ANMARKNING
        )
        return jsonify(spec)

    app.view_functions["get_spec"] = get_spec

    @app.errorhandler(ArendeFel)
    def arendefel(fel: ArendeFel):
        return felsvar(400, fel.falt, fel.meddelande)

    from openfisca_sweden_bistand.register import RegisterFel, RegisterOtillgangligt

    @app.errorhandler(RegisterFel)
    def registerfel(fel: RegisterFel):
        # Bad input (a personnummer in the case reference) is the caller's; an unreachable register is not.
        return felsvar(503 if isinstance(fel, RegisterOtillgangligt) else 400, "", str(fel))

    @app.errorhandler(_Fel)
    def eget_fel(fel: _Fel):
        return felsvar(fel.status, fel.falt, fel.meddelande)

    @app.errorhandler(HTTPException)
    def http_fel(fel: HTTPException):
        if fel.code == 413:
            return felsvar(413, "", f"förfrågan är för stor (högst {max_bytes} byte)")
        if fel.response is not None and fel.response.is_json:  # OpenFisca's own JSON answers
            return fel.response
        return felsvar(fel.code or 500, "", fel.description or fel.name)

    @app.errorhandler(Exception)
    def ovantat_fel(fel: Exception):
        logg.exception("Oväntat fel vid %s %s", request.method, request.path)
        return felsvar(500, "", "internt fel; felet är loggat på servern")

    return app


class _Fel(Exception):
    def __init__(self, status: int, falt: str, meddelande: str) -> None:
        super().__init__(meddelande)
        self.status, self.falt, self.meddelande = status, falt, meddelande


_CALCULATE_ANMARKNING = (
    "\n\nIn this package every value is keyed by month (YYYY-MM, from 2013-01); a value the rules compute can "
    "only be asked for (null), not given, except barnbidrag, jobbstimulans_tillampas and "
    "arbetsinkomst_tidigare_under_aret. The decision variables (beslut, skal_*) treat a case as incomplete "
    "unless the caller sets uppgifter_kompletta; POST /beslut checks completeness itself."
)


def _spec_for_beslut() -> dict:
    exempelarende = exempel.arende("ensamstaende_2026")
    fel = {"$ref": "#/components/schemas/Fel"}
    svar_fel = {"content": {"application/json": {"schema": fel}}}
    return {
        "path": {
            "post": {
                "summary": "Beslut eller förslag till beslut om försörjningsstöd för ett hushåll och en månad",
                "description": (
                    "Takes the case JSON of `bistand beslut` (the /calculate situation for one household, values for "
                    "the case month given plainly or keyed by month, plus a top-level `period`) and returns the same "
                    "decision JSON: the outcome, the amount, every line with the provision applied, the reasons for "
                    "manual review, the missing facts, appeal information and the rule version."
                ),
                "operationId": "beslut",
                "tags": ["Beslut"],
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {
                        "schema": {"$ref": "#/components/schemas/Arende"}, "example": exempelarende,
                    }},
                },
                "responses": {
                    "200": {"description": "Beslutet", "content": {"application/json": {
                        "schema": {"$ref": "#/components/schemas/Beslut"}}}},
                    "400": {"description": "Fel i ärendet; fältet namnges", **svar_fel},
                    "413": {"description": "För stor förfrågan", **svar_fel},
                    "415": {"description": "Inte JSON", **svar_fel},
                },
            },
        },
        "schemas": {
            "Arende": {
                "type": "object",
                "required": ["period", "personer", "hushallen"],
                "additionalProperties": False,
                "properties": {
                    "period": {"type": "string", "pattern": r"^\d{4}-\d{2}$", "example": "2026-03"},
                    "personer": {"type": "object", "additionalProperties": {"type": "object"}},
                    "hushallen": {"type": "object", "maxProperties": 1, "minProperties": 1,
                                  "additionalProperties": {"type": "object"}},
                },
            },
            "Beslut": {
                "type": "object",
                "required": ["utfall", "belopp", "period", "rader", "skal_for_manuell_provning", "regelversion"],
                "properties": {
                    "period": {"type": "string"},
                    "hushall": {"type": "string"},
                    "utfall": {"type": "string", "enum": list(UTFALLSTEXT)},
                    "forslag": {"type": "string", "enum": ["bifall", "delvis_bifall", "avslag"]},
                    "belopp": {"type": "number"},
                    "automatiserat": {"type": "boolean"},
                    "delbelopp": {"type": "object", "additionalProperties": {"type": "number"}},
                    "rader": {"type": "array", "items": {
                        "type": "object", "required": ["post", "belopp", "lagrum"],
                        "properties": {"post": {"type": "string"}, "belopp": {"type": "number"},
                                       "lagrum": {"type": "string"}, "del": {"type": "string"},
                                       "variabel": {"type": "string"}, "person": {"type": "string", "nullable": True},
                                       "parameter": {"type": "string", "nullable": True},
                                       "konfidens": {"type": "string", "nullable": True}}}},
                    "skal_for_manuell_provning": {"type": "array", "items": {
                        "type": "object", "properties": {"skal": {"type": "string"}, "text": {"type": "string"},
                                                         "grund": {"type": "string"}, "policy": {"type": "string"}}}},
                    "saknade_uppgifter": {"type": "array", "items": {"type": "string"}},
                    "riksnorm_provisorisk": {"type": "boolean"},
                    "provisoriska_varden": {"type": "array", "items": {"type": "object"}},
                    "overklagande": {"type": "string", "nullable": True},
                    "lagrum": {"type": "array", "items": {"type": "string"}},
                    "regelversion": {"type": "object", "properties": {
                        "paket": {"type": "string"}, "git": {"type": "string", "nullable": True},
                        "parametrar_sha256": {"type": "string"}, "variabler_sha256": {"type": "string"}}},
                },
            },
            "Fel": {
                "type": "object",
                "required": ["error", "falt", "meddelande", "status"],
                "properties": {"error": {"type": "string"}, "falt": {"type": "string"},
                               "meddelande": {"type": "string"}, "status": {"type": "integer"}},
            },
        },
    }
