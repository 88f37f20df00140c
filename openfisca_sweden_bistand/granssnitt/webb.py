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

  and nothing reaches the client as a traceback or a 5xx;
- reads a request body only as data: a body is parsed JSON, never a path, and is read by the app
  itself up to ``max_bytes`` (413 beyond it, whether the length is declared or the body is chunked);
- bounds what one request may compute: persons × requested values (variable-months) at most
  ``max_kostnad`` (422 naming the limit), and requests costing more than ``TUNG_KOSTNAD`` take turns
  in one server-wide slot (429 if it stays busy for ``TUNG_VANTETID`` s), so that heavy clients
  cannot take every worker from light ones;
- requires a bearer token on ``POST /beslut`` when it records decisions (``register_url``),
  compared in constant time; the read-only endpoints stay open;
- answers no cross-origin request unless ``cors_origins`` names the origin, trusts
  ``X-Forwarded-*`` only with ``bakom_proxy``, and redirects a trailing slash only to a local path;
- masks any personnummer in an error answer.

``bistand serve`` runs it under gunicorn (``server.py``).
"""

from __future__ import annotations

import atexit
import fcntl
import hmac
import logging
import os
import shutil
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from urllib.parse import quote

from flask import jsonify, make_response, redirect, request
from flask_cors import CORS
from gunicorn.http.errors import NoMoreData, ParseException
from openfisca_core.errors import PeriodMismatchError, SituationParsingError
from openfisca_web_api import handlers
from openfisca_web_api.app import create_app
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix

from openfisca_sweden_bistand import exempel
from openfisca_sweden_bistand.arende.las import (
    ArendeFel,
    _forsta_felet,
    las_arende,
    las_json,
    las_situation,
)
from openfisca_sweden_bistand.forklaring.beslut import UTFALLSTEXT, fatta_beslut
from openfisca_sweden_bistand.regelstod.parametrar import parameter as hitta_parameter
from openfisca_sweden_bistand.register.personnummer import (
    innehaller_personnummer,
    maskera,
)
from openfisca_sweden_bistand.system import skattesystem

logg = logging.getLogger("gunicorn.error")

STANDARD_MAX_BYTES = 256 * 1024  # a case is a few kilobytes; 256 KiB leaves room for a batch
STANDARD_MAX_PERSONER = 100
STANDARD_MAX_VARDEN = 5000  # values (variable × month) in one request: bounds the work asked for
# Persons × requested values (variable-months) in one /calculate or /trace: bounds what one request
# computes (a month of the decision for one household is about 10–15 ms; 200 is a few seconds at most).
STANDARD_MAX_KOSTNAD = 200
TUNG_KOSTNAD = 50  # above this a request waits for the one server-wide slot for heavy calculations
TUNG_VANTETID = 10.0  # seconds a heavy request may wait for the slot before it gets 429
MINSTA_NYCKELLANGD = 32


class KroppForStor(Exception):
    """A request body larger than the limit (raised while the body is read)."""

    def __init__(self, grans: int) -> None:
        super().__init__(grans)
        self.grans = grans


def felsvar(status: int, falt: str, meddelande: str, **extra):
    """An error answer naming the field; a personnummer in it (an id, a path) is masked."""
    falt, meddelande = maskera(falt), maskera(meddelande)
    text = f"{falt}: {meddelande}" if falt else meddelande
    return make_response(jsonify({"error": text, "falt": falt, "meddelande": meddelande, "status": status, **extra}),
                         status)


def kostnad(situation: dict) -> tuple[int, int]:
    """(persons, requested values) of a validated situation; what it costs to compute is their product."""
    efterfragade = sum(
        1 for grupp in situation.values() for entitet in grupp.values()
        for varde in entitet.values() if isinstance(varde, dict) for v in varde.values() if v is None
    )
    return len(situation["personer"]), efterfragade


def _lag_prioritet() -> None:
    """Lower this thread's CPU priority (Linux: a thread's own nice value); elsewhere a no-op."""
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)
    except (AttributeError, OSError):
        pass


class TungaBerakningar:
    """Heavy calculations: one server-wide slot, and run at the lowest CPU priority.

    The slot is shared by the worker processes through a lock file (``flock`` is released by the
    kernel when a process dies, so a killed worker never keeps it). The calculation itself runs on
    one thread per worker whose nice value is 19: it gets the CPU the light requests leave over.
    """

    def __init__(self, vantetid: float = TUNG_VANTETID) -> None:
        self.katalog = tempfile.mkdtemp(prefix="bistand-tunga-")
        self.fil = os.path.join(self.katalog, "plats")
        self.vantetid = vantetid
        self._las = threading.Lock()
        self._utforare: tuple[int, ThreadPoolExecutor] | None = None
        skapare = os.getpid()
        atexit.register(lambda: os.getpid() == skapare and shutil.rmtree(self.katalog, ignore_errors=True))

    @contextmanager
    def plats(self):
        slut = time.monotonic() + self.vantetid
        fd = os.open(self.fil, os.O_RDWR | os.O_CREAT, 0o600)  # one open file per request: flock is per file
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= slut:
                        raise _Fel(429, "", "servern räknar redan en tung förfrågan; försök igen om en stund") from None
                    time.sleep(0.02)
            yield
        finally:
            os.close(fd)  # releases the lock

    def kor(self, funktion, *args):
        """``funktion(*args)`` in the slot, on this worker's low-priority thread."""
        with self.plats():
            with self._las:
                if self._utforare is None or self._utforare[0] != os.getpid():  # one per worker, after the fork
                    self._utforare = (os.getpid(), ThreadPoolExecutor(
                        max_workers=1, thread_name_prefix="tung-berakning", initializer=_lag_prioritet))
                utforare = self._utforare[1]
            return utforare.submit(funktion, *args).result()


def las_api_nyckel(fil: str | os.PathLike | None = None) -> str | None:
    """The API key: from ``fil``, else the file named by $BISTAND_API_NYCKEL_FIL, else $BISTAND_API_NYCKEL."""
    from pathlib import Path

    fil = fil or os.environ.get("BISTAND_API_NYCKEL_FIL")
    if fil:
        try:
            nyckel = Path(fil).read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError) as fel:
            raise ArendeFel("--nyckelfil", f"kan inte läsa nyckelfilen: {getattr(fel, 'strerror', None) or fel}") from None
    else:
        nyckel = os.environ.get("BISTAND_API_NYCKEL", "").strip() or None
    if nyckel is not None and (len(nyckel) < MINSTA_NYCKELLANGD or not nyckel.isascii() or not nyckel.isprintable()):
        raise ArendeFel("--nyckelfil", f"API-nyckeln ska vara minst {MINSTA_NYCKELLANGD} tecken ASCII, t.ex. från "
                                       "python -c 'import secrets; print(secrets.token_urlsafe(32))'")
    return nyckel


def _antal_varden(situation: dict) -> int:
    return sum(
        len(varde) for grupp in situation.values() for entitet in grupp.values()
        for namn, varde in entitet.items() if isinstance(varde, dict)
    )


def skapa_app(system=None, max_bytes: int = STANDARD_MAX_BYTES, max_personer: int = STANDARD_MAX_PERSONER,
              max_varden: int = STANDARD_MAX_VARDEN, register_url: str | None = None, delegation=None, *,
              max_kostnad: int | None = None, cors_origins: list[str] | None = None, bakom_proxy: bool = False,
              api_nyckel: str | None = None):
    """The app. With ``register_url`` every decision from POST /beslut is recorded (register.py), and the
    request must carry ``Authorization: Bearer <api_nyckel>``; each worker opens its own connection
    after the fork."""
    system = system or skattesystem()
    max_kostnad = STANDARD_MAX_KOSTNAD if max_kostnad is None else max_kostnad
    if register_url is not None and not api_nyckel:
        raise ArendeFel("--nyckelfil", "ett API som för in beslut i registret kräver en API-nyckel "
                                       "(--nyckelfil, BISTAND_API_NYCKEL_FIL eller BISTAND_API_NYCKEL)")
    tunga = TungaBerakningar()
    delegationer = None
    if register_url is not None:
        from openfisca_sweden_bistand.register.lagring import Register, las_delegationer

        delegationer = las_delegationer(delegation) if delegation else []
        Register(register_url)  # create the tables once, before the workers fork
    register_per_process: dict[int, object] = {}
    app = create_app(system, welcome_message=(
        "Ekonomiskt bistånd (försörjningsstöd) som lag-som-kod: OpenFisca web API. "
        "Specifikation: GET /spec. Beslut: POST /beslut."
    ))
    app.config["MAX_CONTENT_LENGTH"] = max_bytes
    _utan_openfiscas_cors_proxy_och_omdirigering(app)
    if bakom_proxy:  # one proxy in front, on this machine (gunicorn is told the same, server.py)
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1, x_port=1)
    if cors_origins:
        CORS(app, origins=list(cors_origins), methods=["GET", "POST", "OPTIONS"],
             allow_headers=["Content-Type", "Authorization", "X-Arende-Referens"], supports_credentials=False)

    @app.before_request
    def snedstreck_pa_slutet():
        """``/variables/`` → ``/variables``, to a local path only: never ``//host`` or a header with a newline."""
        sokvag = request.path
        if sokvag != "/" and sokvag.endswith("/"):
            return redirect("/" + quote(sokvag.strip("/"), safe="/"), code=302)
        return None

    def stang_anslutningen():
        """Ask the server (server.py) to close the connection after this answer: the body is not read to its end."""
        sock = request.environ.get("gunicorn.socket")
        if sock is not None and hasattr(sock, "stang"):
            sock.stang = True

    def las_ratt_kropp() -> bytes:
        langd = request.content_length
        if langd is not None and langd > max_bytes:
            stang_anslutningen()
            raise _Fel(413, "", f"förfrågan är för stor (högst {max_bytes} byte)")
        strom, delar, storlek = request.environ["wsgi.input"], [], 0
        try:
            while bit := strom.read(65536):
                storlek += len(bit)
                if storlek > max_bytes:
                    raise KroppForStor(max_bytes)
                delar.append(bit)
        except KroppForStor:
            stang_anslutningen()
            raise _Fel(413, "", f"förfrågan är för stor (högst {max_bytes} byte)") from None
        except (OSError, ValueError, ParseException, NoMoreData):  # ValueError: e.g. an empty chunk size
            stang_anslutningen()
            raise _Fel(400, "", "förfrågans kropp kom inte fram hel i tid: den är kortare än sin Content-Length "
                                "eller felaktigt chunked-kodad") from None
        return b"".join(delar)
    app.json.ensure_ascii = False  # Swedish in the answers, not \u escapes
    app.json.sort_keys = False  # keep the decision JSON in its documented order

    def las_kropp():
        if not request.is_json:
            raise _Fel(415, "Content-Type", "skicka JSON med Content-Type: application/json")
        try:
            text = las_ratt_kropp().decode("utf-8")
        except UnicodeDecodeError:
            raise _Fel(400, "", "förfrågan är inte UTF-8-kodad") from None
        return las_json(text, "förfrågan")

    def situation_fran_kropp():
        situation = las_situation(las_kropp(), system, max_personer)
        if _antal_varden(situation) > max_varden:
            raise _Fel(413, "", f"för många värden i förfrågan (högst {max_varden} variabel-månader)")
        return situation

    def kor_openfisca(hanterare):
        situation = situation_fran_kropp()
        personer, efterfragade = kostnad(situation)
        if personer * efterfragade > max_kostnad:
            return felsvar(
                422, "kostnad",
                f"förfrågan ber om för mycket: {personer} personer × {efterfragade} efterfrågade värden "
                f"(variabel-månader) = {personer * efterfragade}, högst {max_kostnad} per förfrågan; dela upp den",
                kostnad=personer * efterfragade, grans=max_kostnad)
        try:
            if personer * efterfragade > TUNG_KOSTNAD:
                return jsonify(tunga.kor(hanterare, system, situation))
            return jsonify(hanterare(system, situation))
        except (SituationParsingError, PeriodMismatchError) as fel:
            falt, meddelande = _forsta_felet(fel.error)
            return felsvar(400, falt, meddelande)

    app.view_functions["calculate"] = lambda: kor_openfisca(handlers.calculate)
    app.view_functions["trace"] = lambda: kor_openfisca(handlers.trace)

    def kontrollera_nyckel():
        schema, _, token = request.headers.get("Authorization", "").partition(" ")
        if schema.lower() != "bearer" or not hmac.compare_digest(
                token.strip().encode("utf-8", "replace"), api_nyckel.encode("utf-8")):
            stang_anslutningen()
            svar = felsvar(401, "Authorization", "POST /beslut för in beslutet i beslutsregistret och kräver "
                                                 "Authorization: Bearer <API-nyckel>")
            svar.headers["WWW-Authenticate"] = 'Bearer realm="bistand"' + (
                ', error="invalid_token"' if token else "")
            return svar
        return None

    @app.route("/beslut", methods=["POST"])
    def beslut():
        if register_url is not None and (nekad := kontrollera_nyckel()) is not None:
            return nekad
        arende = las_arende(las_kropp(), system)
        if register_url is None:
            return jsonify(fatta_beslut(arende, system).som_dict())
        from openfisca_sweden_bistand.register.lagring import Register

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

    from openfisca_sweden_bistand.register.lagring import (
        RegisterFel,
        RegisterOtillgangligt,
    )

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
        logg.exception("Oväntat fel vid %s %s", request.method, request.path)  # masked by server.MaskeradLogg
        return felsvar(500, "", "internt fel; felet är loggat på servern")

    @app.after_request
    def utan_personnummer_i_fel(svar):
        """No personnummer in any error answer, OpenFisca's own included (a 404 names the path)."""
        if svar.status_code >= 400 and not svar.direct_passthrough and svar.is_json:
            text = svar.get_data(as_text=True)
            if innehaller_personnummer(text):
                svar.set_data(maskera(text))
        return svar

    return app


def _utan_openfiscas_cors_proxy_och_omdirigering(app) -> None:
    """Undo three things ``openfisca_web_api.app.create_app`` does: CORS for every origin, trusting
    X-Forwarded-For/-Host from anyone (ProxyFix), and redirecting a trailing slash to whatever the path
    says (``/%09/evil.example/`` → ``//evil.example``, and a header with a newline)."""
    app.after_request_funcs[None] = [f for f in app.after_request_funcs.get(None, [])
                                     if f.__name__ != "cors_after_request"]
    for namn in ("handle_exception", "handle_user_exception"):  # flask_cors wraps these on the instance
        app.__dict__.pop(namn, None)
    if isinstance(app.wsgi_app, ProxyFix):
        app.wsgi_app = app.wsgi_app.app
    app.before_request_funcs[None] = [f for f in app.before_request_funcs.get(None, [])
                                      if f.__name__ != "before_request"]


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
