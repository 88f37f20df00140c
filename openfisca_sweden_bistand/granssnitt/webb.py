"""The web API: OpenFisca's standard endpoints for this package, POST /beslut, and hardening.

``skapa_app()`` builds on ``openfisca_web_api.app.create_app`` (``/spec``, ``/parameters``,
``/parameter/…``, ``/variables``, ``/variable/…``, ``/entities``, ``/calculate``, ``/trace``) and:

- adds ``POST /beslut``: the case JSON of ``bistand beslut`` in, the same decision JSON out; and
  ``POST /ateransokan``: a renewal and each adult's SSBTEK answer in, the decision of ``bistand ateransokan``
  out, every fact with its source and every check against the registers;
- documents ``/beslut`` in ``/spec`` (``openapi_beslut.yaml``, with the outcomes, the reasons and the
  example filled in from the rules);
- adds each dated value's reference, konfidens and source to ``/parameter/…`` (``referenser``),
  which OpenFisca's own response drops;
- adds the dated Swedish citations beside the URLs of ``/variable/…`` (``lagrum``, ``variabellagrum.py``);
- validates every request body before OpenFisca sees it, with the rules of the case reader
  (``arende/las.py``): a body that is not JSON, too large, too deep, has duplicate keys, unknown
  variables or periods, wrong types, negative or absurd amounts, computed variables given as
  input, inconsistent roles or too many persons gets a 4xx answer naming the field:

      {"error": "personer.anna.alder: får inte vara negativt (-3)",
       "falt": "personer.anna.alder", "meddelande": "får inte vara negativt (-3)", "status": 400}

  and nothing reaches the client as a traceback or a 5xx;
- reads a request body only as data: a body is parsed JSON, never a path, and is read by the app
  itself up to ``max_bytes`` (413 beyond it, whether the length is declared or the body is chunked);
- bounds what one request may compute: persons × requested values (variable-months) at most
  ``max_kostnad`` (422 naming the limit); estimates what every request to a costly endpoint will cost
  before it runs it (``ar_tung``), and runs one above a small cost (``LATT_*``, and every /trace) as heavy work
  (``tunga.py``): in a process of its own at the lowest CPU priority, in a bounded number of server-wide
  slots (429 when none is free in time) and by a deadline for the whole request (503), so that heavy
  clients cannot take the CPU, a worker or a thread from light ones;
- requires a bearer token on ``POST /beslut`` when it records decisions (``register_url``),
  compared in constant time, and answers 429 with ``Retry-After`` to an address that sent too many wrong
  keys (``strypning.py``, per worker process); the read-only endpoints stay open;
- answers no cross-origin request unless ``cors_origins`` names the origin, trusts
  ``X-Forwarded-*`` only with ``bakom_proxy``, and redirects a trailing slash only to a local path;
- masks any personnummer in an error answer;
- serves the web pages (``webbsida/``): the provberäkning at ``/`` and the test catalogue at ``/testfall``
  (``GET /`` with ``Accept: application/json`` still gets OpenFisca's welcome message).

``bistand serve`` runs it under gunicorn (``server.py``).
"""

from __future__ import annotations

import hmac
import io
import json
import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, cast
from urllib.parse import quote

import yaml
from flask import Flask, Response, jsonify, make_response, redirect, request
from flask_cors import CORS
from gunicorn.http.errors import NoMoreData, ParseException
from openfisca_core.errors import PeriodMismatchError, SituationParsingError
from openfisca_web_api import handlers
from openfisca_web_api.app import create_app
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge
from werkzeug.middleware.proxy_fix import ProxyFix

from openfisca_sweden_bistand import exempel
from openfisca_sweden_bistand.arende.las import (
    INDATA_MED_FORMEL,
    SATTS_AV_BESLUTSFUNKTIONEN,
    Arende,
    ArendeFel,
    forsta_felet,
    las_arende,
    las_json,
    las_situation,
)
from openfisca_sweden_bistand.forklaring.beslut import fatta_beslut
from openfisca_sweden_bistand.granssnitt import tunga, webbsida
from openfisca_sweden_bistand.granssnitt.anslutning import stang_anslutningen
from openfisca_sweden_bistand.granssnitt.granser import (  # the defaults, also read by the CLI's parser
    STANDARD_MAX_BYTES,
    STANDARD_MAX_KOSTNAD,
    STANDARD_MAX_PERSONER,
    STANDARD_MAX_VARDEN,
)
from openfisca_sweden_bistand.granssnitt.schema import openapi_schema
from openfisca_sweden_bistand.granssnitt.strypning import Strypning
from openfisca_sweden_bistand.granssnitt.variabellagrum import utoka_variabel
from openfisca_sweden_bistand.nyckelstyrka import MINSTA_ENTROPI, SKAPA_NYCKEL, for_svag
from openfisca_sweden_bistand.personnummer import (
    innehaller_personnummer,
    maskera,
)
from openfisca_sweden_bistand.regelstod.parametrar import parameter as hitta_parameter
from openfisca_sweden_bistand.regelstod.skal import SKAL
from openfisca_sweden_bistand.system import skattesystem

logg = logging.getLogger("gunicorn.error")

# What a light request may hold (``ar_tung``); anything above runs as heavy work (tunga.py): in a process of its
# own, at the lowest priority, in a bounded number of server-wide slots, by a deadline. The bounds are the largest
# embedded example's (its SSBTEK answers included), a few milliseconds of work: a client looping just below them
# costs what a large good request does and takes its share of the CPU, as any other client; above them, less.
# Every /trace is heavy: its explanation of every step costs some 20 ms for a single value, 50 for five.
LATT_BYTES = 32 * 1024  # a body larger than this (an example's renewal with its answers is 4–16 kB)
LATT_EFTERFRAGADE = 1  # requested values (variable-months, a person's for each person) of a /calculate
LATT_PERSONER = 5  # persons in a situation, a case of /beslut or /ateransokan, or the provberäkning × alternatives
LATT_VARDEN = 70  # given values (variable-months) in a request (an example's situation: 28–66)
MINSTA_NYCKELLANGD = 32


class KroppForStor(Exception):
    """A request body larger than the limit (raised while the body is read)."""

    def __init__(self, grans: int) -> None:
        super().__init__(grans)
        self.grans = grans


class _Fel(Exception):
    """An error answer: status, field and Swedish message."""

    def __init__(self, status: int, falt: str, meddelande: str) -> None:
        super().__init__(meddelande)
        self.status, self.falt, self.meddelande = status, falt, meddelande


def felsvar(status: int, falt: str, meddelande: str, **extra: Any) -> Response:
    """An error answer naming the field; a personnummer in it (an id, a path) is masked."""
    falt, meddelande = maskera(falt), maskera(meddelande)
    text = f"{falt}: {meddelande}" if falt else meddelande
    return make_response(jsonify({"error": text, "falt": falt, "meddelande": meddelande, "status": status, **extra}),
                         status)


def raknade_varden(data: dict[str, Any]) -> tuple[int, int, int]:
    """(persons, given values, requested values: variable-months, a requested one given as null) of a case or a
    situation, validated or read as plain JSON (the estimate of ``ar_tung``: anything not in the shape is skipped)."""
    personer = data.get("personer")
    antal_personer = len(personer) if isinstance(personer, dict) else 0
    givna = efterfragade = 0
    for grupp in data.values():
        if not isinstance(grupp, dict):
            continue
        for entitet in grupp.values():
            if not isinstance(entitet, dict):
                continue
            for varde in entitet.values():
                if isinstance(varde, dict):
                    givna += len(varde)
                    efterfragade += sum(1 for v in varde.values() if v is None)
    return antal_personer, givna, efterfragade


def kostnad(situation: dict[str, Any]) -> tuple[int, int]:
    """(persons, requested values) of a validated situation; what it costs to compute is their product."""
    personer, _, efterfragade = raknade_varden(situation)
    return personer, efterfragade


def las_api_nyckel(fil: str | os.PathLike[str] | None = None) -> str | None:
    """The API key: from ``fil``, else the file named by $BISTAND_API_NYCKEL_FIL, else $BISTAND_API_NYCKEL."""
    nyckelfil = fil or os.environ.get("BISTAND_API_NYCKEL_FIL")
    nyckel: str | None
    if nyckelfil:
        try:
            nyckel = Path(nyckelfil).read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError) as fel:
            orsak = getattr(fel, "strerror", None) or fel
            raise ArendeFel("--nyckelfil", f"kan inte läsa nyckelfilen: {orsak}") from None
    else:
        nyckel = os.environ.get("BISTAND_API_NYCKEL", "").strip() or None
    if nyckel is not None:
        kontrollera_api_nyckel(nyckel)
    return nyckel


def kontrollera_api_nyckel(nyckel: str) -> None:
    """Refuse an API key shorter than ``MINSTA_NYCKELLANGD`` printable ASCII characters, or one whose estimated
    entropy is below ``MINSTA_ENTROPI`` bits (``aaaa…``, a word repeated; nyckelstyrka.py). Never quotes it."""
    if len(nyckel) < MINSTA_NYCKELLANGD or not nyckel.isascii() or not nyckel.isprintable():
        raise ArendeFel("--nyckelfil", f"API-nyckeln ska vara minst {MINSTA_NYCKELLANGD} tecken ASCII, skapa den "
                                       f"t.ex. med {SKAPA_NYCKEL}")
    if (bitar := for_svag(nyckel)) is not None:
        raise ArendeFel("--nyckelfil", f"API-nyckeln är för lätt att gissa (uppskattat {bitar} bitar, minst "
                                       f"{MINSTA_ENTROPI}: upprepade tecken eller ett mönster); skapa en slumpad "
                                       f"nyckel med {SKAPA_NYCKEL}")


@dataclass
class _Installningar:
    """What the app's views need to know: the rules, the limits and the register."""

    system: Any
    max_bytes: int
    max_personer: int
    max_varden: int
    max_kostnad: int
    register_url: str | None
    delegationer: list[Any] | None
    api_nyckel: str | None
    tunga: tunga.TungaBerakningar
    strypning: Strypning = field(default_factory=Strypning)  # wrong keys per client address, in this process


def _for_stor(max_bytes: int) -> _Fel:
    stang_anslutningen()
    return _Fel(413, "", f"förfrågan är för stor (högst {max_bytes} byte)")


def _las_ratt_kropp(max_bytes: int) -> bytes:
    """The request body as bytes, read by the app itself and never beyond ``max_bytes``."""
    langd = request.content_length
    if langd is not None and langd > max_bytes:
        raise _for_stor(max_bytes)
    strom, delar, storlek = request.environ["wsgi.input"], [], 0
    try:
        while bit := strom.read(65536):
            storlek += len(bit)
            if storlek > max_bytes:
                raise KroppForStor(max_bytes)
            delar.append(bit)
    except KroppForStor:
        raise _for_stor(max_bytes) from None
    except (OSError, ValueError, ParseException, NoMoreData):  # ValueError: e.g. an empty chunk size
        stang_anslutningen()
        raise _Fel(400, "", "förfrågans kropp kom inte fram hel i tid: den är kortare än sin Content-Length "
                            "eller felaktigt chunked-kodad") from None
    return b"".join(delar)


def _las_kropp(max_bytes: int) -> Any:
    """The request body as parsed JSON, strictly (``arende.las.las_json``)."""
    if not request.is_json:
        raise _Fel(415, "Content-Type", "skicka JSON med Content-Type: application/json")
    try:
        text = _las_ratt_kropp(max_bytes).decode("utf-8")
    except UnicodeDecodeError:
        raise _Fel(400, "", "förfrågan är inte UTF-8-kodad") from None
    return las_json(text, "förfrågan")


def _situation_fran_kropp(inst: _Installningar) -> dict[str, Any]:
    situation = las_situation(_las_kropp(inst.max_bytes), inst.system, inst.max_personer)
    if raknade_varden(situation)[1] > inst.max_varden:
        raise _Fel(413, "", f"för många värden i förfrågan (högst {inst.max_varden} variabel-månader)")
    return situation


def _kor_openfisca(inst: _Installningar, hanterare: Callable[[Any, dict[str, Any]], Any]) -> Response:
    """An OpenFisca handler (calculate, trace) on a validated situation, within the cost limits."""
    situation = _situation_fran_kropp(inst)
    personer, efterfragade = kostnad(situation)
    if personer * efterfragade > inst.max_kostnad:
        return felsvar(
            422, "kostnad",
            f"förfrågan ber om för mycket: {personer} personer × {efterfragade} efterfrågade värden "
            f"(variabel-månader) = {personer * efterfragade}, högst {inst.max_kostnad} per förfrågan; dela upp den",
            kostnad=personer * efterfragade, grans=inst.max_kostnad)
    try:
        return jsonify(hanterare(inst.system, situation))
    except (SituationParsingError, PeriodMismatchError) as fel:
        falt, meddelande = forsta_felet(fel.error)
        return felsvar(400, falt, meddelande)


# --- what a request costs, and heavy work in its own process (tunga.py) -----------------------------------------

JSON_SLUTPUNKTER = {"calculate", "trace", "beslut", "ateransokan"}


def ar_tung(slutpunkt: str, kropp: bytes, formular: Any = None) -> bool:
    """Whether a request to ``slutpunkt`` with this body is heavy work (above the ``LATT_*`` bounds).

    An estimate, made before anything is validated or computed: a body read as plain JSON (a body that is not
    JSON, or not an object, is light: the strict reader refuses it at once), or the provberäkning's form.
    """
    if len(kropp) > LATT_BYTES or slutpunkt == "trace":
        return True
    if slutpunkt == "provberakning":
        i_formularet = {namn.split("-", 2)[1] for namn in (formular or {}) if namn.startswith("personer-")}
        alternativ = 1 + sum(1 for namn in ("reform", "regim") if (formular or {}).get(namn))
        return len(i_formularet) * alternativ > LATT_PERSONER
    try:
        data = json.loads(kropp)
    except (ValueError, RecursionError):
        return False
    if slutpunkt == "ateransokan" and isinstance(data, dict):
        data = data.get("ansokan")
    if not isinstance(data, dict):
        return False
    personer, givna, efterfragade = raknade_varden(data)
    return efterfragade > LATT_EFTERFRAGADE or personer > LATT_PERSONER or givna > LATT_VARDEN


def _hela_svaret(app: Flask) -> tuple[int, list[tuple[str, str]], bytes]:
    """The request answered as the app would (its views and error handlers), as data that can be pickled."""
    try:
        svar = app.preprocess_request()
        if svar is None:
            svar = app.dispatch_request()
    except Exception as fel:  # noqa: BLE001 - answered by the app's own error handlers, as in the worker
        svar = app.handle_user_exception(fel)
    ut = app.make_response(svar)
    return ut.status_code, list(ut.headers.items()), ut.get_data()


def _tungt_i_egen_process(app: Flask, inst: _Installningar) -> None:
    """Every request to a costly endpoint is estimated before it runs (``ar_tung``); a heavy one is answered in
    a process of its own (``tunga.TungaBerakningar``), the body read here first (within ``max_bytes``)."""

    def fordela() -> Response | None:
        slutpunkt = request.endpoint or ""
        if tunga.I_BARNPROCESS or request.method != "POST" or (
                slutpunkt not in JSON_SLUTPUNKTER and slutpunkt != "provberakning"):
            return None
        start = time.monotonic()
        try:
            kropp = _las_ratt_kropp(inst.max_bytes)
            request.environ["wsgi.input"] = io.BytesIO(kropp)  # read again by the view, here or in its process
            request.environ["CONTENT_LENGTH"] = str(len(kropp))
            request.environ.pop("HTTP_TRANSFER_ENCODING", None)
            request.environ.pop("wsgi.input_terminated", None)
            formular = request.form if slutpunkt == "provberakning" and len(kropp) <= LATT_BYTES else None
        except (_Fel, RequestEntityTooLarge) as fel:
            if slutpunkt == "provberakning" and getattr(fel, "status", 413) == 413:
                return webbsida.for_stor(inst.max_bytes)  # the form's own page, as the view would answer
            raise
        if not ar_tung(slutpunkt, kropp, formular):
            return None
        try:
            status, huvuden, data = inst.tunga.kor(_hela_svaret, app, start=start)
        except tunga.TungtFel as fel:
            svar = felsvar(fel.status, "", fel.meddelande)
            svar.headers["Retry-After"] = str(fel.vanta)
            return svar
        return Response(data, status, huvuden)

    app.before_request_funcs.setdefault(None, []).insert(0, fordela)


def _validera_kroppar(app: Flask, inst: _Installningar) -> None:
    """/calculate and /trace: every body validated by the case reader's rules, and bounded, before OpenFisca."""
    app.view_functions["calculate"] = lambda: _kor_openfisca(inst, handlers.calculate)
    app.view_functions["trace"] = lambda: _kor_openfisca(inst, handlers.trace)


def _kontrollera_nyckel(api_nyckel: str, strypning: Strypning) -> Response | None:
    """None if the request carries ``Authorization: Bearer <api_nyckel>`` (compared in constant time), else 401;
    429 with Retry-After, the key not even compared, for an address that sent too many wrong keys (strypning.py)."""
    adress = request.remote_addr or ""
    if (vanta := strypning.vanta(adress)) is not None:
        return for_manga_forsok(vanta, "Authorization")
    schema, _, token = request.headers.get("Authorization", "").partition(" ")
    if schema.lower() == "bearer" and hmac.compare_digest(
            token.strip().encode("utf-8", "replace"), api_nyckel.encode("utf-8")):
        strypning.lyckat(adress)
        return None
    if (vanta := strypning.misslyckat(adress)) is not None:
        logg.warning("för många felaktiga API-nycklar från en klient: spärrad i %d s", vanta)  # no address logged
        return for_manga_forsok(vanta, "Authorization")
    stang_anslutningen()
    svar = felsvar(401, "Authorization", "POST /beslut för in beslutet i beslutsregistret och kräver "
                                         "Authorization: Bearer <API-nyckel>")
    svar.headers["WWW-Authenticate"] = 'Bearer realm="bistand"' + (', error="invalid_token"' if token else "")
    return svar


def for_manga_forsok(vanta: int, falt: str) -> Response:
    """429: too many wrong keys from this address; try again after ``vanta`` seconds."""
    stang_anslutningen()
    svar = felsvar(429, falt, f"för många felaktiga nycklar från den här adressen; försök igen om {vanta} s")
    svar.headers["Retry-After"] = str(vanta)
    return svar


def _arende_referens() -> str | None:
    """X-Arende-Referens as the client wrote it. A header is bytes, which the server reads as Latin-1: a
    client's UTF-8 (an en dash, full-width digits, å) is read as UTF-8, so that the register's personnummer
    check sees the text the client meant (as Latin-1, "851224–1238" was "851224â\x80\x931238", no personnummer
    to the check, and was recorded) and the same reference from the command line and the API is the same."""
    varde = request.headers.get("X-Arende-Referens")
    if varde is None:
        return None
    try:
        return varde.encode("latin-1").decode("utf-8")
    except UnicodeError:  # not UTF-8: Latin-1 as read
        return varde


def _beslut_vy(app: Flask, inst: _Installningar) -> None:
    """POST /beslut: the case JSON in, the decision JSON out; POST /ateransokan: a renewal and each adult's SSBTEK
    answer in, the decision checked against them out. Recorded in the register when there is one."""
    register_per_process: dict[int, Any] = {}

    def besluta(arende: Arende, ssbtek: dict[str, Any] | None = None) -> Response:
        if inst.register_url is None:
            return jsonify(fatta_beslut(arende, inst.system, ssbtek=ssbtek).som_dict())
        from openfisca_sweden_bistand.register.lagring import Register

        register = register_per_process.get(os.getpid())
        if register is None:  # one connection pool per worker process, opened after the fork
            register = register_per_process[os.getpid()] = Register(inst.register_url)
        referens = _arende_referens()
        beslutet, rad = register.registrera_beslut(arende, inst.delegationer, referens, ssbtek=ssbtek)
        return jsonify(beslutet.som_dict() | {
            "registrering": {"lopnummer": rad["lopnummer"], "kontrollsumma": rad["kontrollsumma"]}})

    def beslut() -> Response:
        if inst.register_url is not None and (
                nekad := _kontrollera_nyckel(inst.api_nyckel or "", inst.strypning)) is not None:
            return nekad
        return besluta(las_arende(_las_kropp(inst.max_bytes), inst.system))

    def ateransokan() -> Response:
        if inst.register_url is not None and (
                nekad := _kontrollera_nyckel(inst.api_nyckel or "", inst.strypning)) is not None:
            return nekad
        arende, svar = las_ateransokan(_las_kropp(inst.max_bytes), inst.system)
        return besluta(arende, svar)

    app.add_url_rule("/beslut", "beslut", beslut, methods=["POST"])
    app.add_url_rule("/ateransokan", "ateransokan", ateransokan, methods=["POST"])


def las_ateransokan(kropp: Any, system: Any) -> tuple[Arende, dict[str, Any]]:
    """The body of POST /ateransokan: ``{"ansokan": <the case, as for /beslut>, "ssbtek": {"<person id>": "<the
    SSBTEK answer as text>"}}``, each part read by its own reader; an error names the part (``ansokan.…``,
    ``ssbtek.<person>.…``)."""
    from openfisca_sweden_bistand.kontroll.jamforelse import kontrollera_personer
    from openfisca_sweden_bistand.kontroll.ssbtek import las_svar, person_i_falt

    if not isinstance(kropp, dict):
        raise ArendeFel("", "en återansökan är ett JSON-objekt med nycklarna ansokan och ssbtek")
    if okanda := sorted(set(kropp) - {"ansokan", "ssbtek"}):
        raise ArendeFel(okanda[0], "okänd nyckel; en återansökan har ansokan och ssbtek")
    for nyckel in ("ansokan", "ssbtek"):
        if nyckel not in kropp:
            raise ArendeFel(nyckel, "saknas")
    try:
        arende = las_arende(kropp["ansokan"], system)
    except ArendeFel as fel:
        raise ArendeFel(f"ansokan.{fel.falt}".rstrip("."), fel.meddelande) from None
    ssbtek = kropp["ssbtek"]
    if not isinstance(ssbtek, dict) or not ssbtek:
        raise ArendeFel("ssbtek", "ett objekt med varje vuxens SSBTEK-svar (XML som text), nycklat med personens id")
    kontrollera_personer(arende, ssbtek)  # before any answer is read
    svar = {}
    for person, xml in ssbtek.items():
        if not isinstance(xml, str):
            raise ArendeFel(f"ssbtek.{person_i_falt(person)}", "ska vara svaret som text (XML)")
        svar[person] = las_svar(xml, person)
    return arende, svar


def _referenser(lov: Any) -> dict[str, dict[str, Any]]:
    """Each dated value's reference, konfidens, source and remark, by date."""
    return {
        varde.instant_str: {
            nyckel: varde.metadata[nyckel]
            for nyckel in ("reference", "konfidens", "kalla", "anmarkning") if nyckel in varde.metadata
        }
        for varde in lov.values_list
    }


def _utoka_parameter(app: Flask, system: Any) -> None:
    """GET /parameter/…: OpenFisca's answer, and ``referenser`` (which it drops)."""
    ursprunglig = app.view_functions["get_parameter"]

    def get_parameter(parameter_id: str) -> Response:
        svar = cast(Response, ursprunglig(parameter_id))
        data = svar.get_json()
        try:
            lov = hitta_parameter(system.parameters, data["id"])
        except KeyError:
            return svar
        if hasattr(lov, "values_list"):
            data["referenser"] = _referenser(lov)
        return jsonify(data)

    app.view_functions["get_parameter"] = get_parameter


def _namn_i_enum(system: Any, variabel: str) -> list[str]:
    return [post.name for post in system.variables[variabel].possible_values]


def spec_for_beslut(system: Any) -> dict[str, Any]:
    """What GET /spec adds to OpenFisca's document (``openapi_beslut.yaml``), with the case schema, the enums,
    the reasons and the example filled in from the rules and the examples."""
    fil = resources.files("openfisca_sweden_bistand.granssnitt").joinpath("openapi_beslut.yaml")
    tillagg: dict[str, Any] = yaml.safe_load(fil.read_text(encoding="utf-8"))
    schemas = tillagg["components"]["schemas"]
    egenskaper = schemas["Beslut"]["properties"]
    egenskaper["utfall"]["enum"] = _namn_i_enum(system, "beslut")
    egenskaper["forslag"]["enum"] = _namn_i_enum(system, "utfall")
    egenskaper["skal_for_manuell_provning"]["items"]["properties"]["skal"]["enum"] = [s.variabel for s in SKAL]
    schemas["Arende"] = openapi_schema(system)  # the case body, generated from the variables (schema.py)
    innehall = tillagg["paths"]["/beslut"]["post"]["requestBody"]["content"]["application/json"]
    innehall["example"] = exempel.arende("ensamstaende_2026")
    aterinnehall = tillagg["paths"]["/ateransokan"]["post"]["requestBody"]["content"]["application/json"]
    aterinnehall["example"] = {"ansokan": exempel.arende("ateransokan_2026"), "ssbtek": {
        person: fil.read_text(encoding="utf-8") for person, fil in exempel.ssbtek("ateransokan_2026").items()}}
    tillagg["calculate_anmarkning"] = tillagg["calculate_anmarkning"].format(
        indata_med_formel=", ".join(INDATA_MED_FORMEL),
        satts_av_beslutsfunktionen=", ".join(SATTS_AV_BESLUTSFUNKTIONEN))
    return tillagg


def _utoka_spec(app: Flask, system: Any) -> None:
    """GET /spec: OpenFisca's document with POST /beslut, its schemas and a note on /calculate."""
    ursprunglig = app.view_functions["get_spec"]
    tillagg = spec_for_beslut(system)

    def get_spec() -> Response:
        spec = cast(Response, ursprunglig()).get_json()
        spec["paths"].update(tillagg["paths"])
        for del_, innehall in tillagg["components"].items():
            spec["components"].setdefault(del_, {}).update(innehall)
        calculate = spec["paths"]["/calculate"]["post"]
        calculate["description"] = calculate.get("description", "") + tillagg["calculate_anmarkning"]
        return jsonify(spec)

    app.view_functions["get_spec"] = get_spec


def _felhanterare(app: Flask, max_bytes: int) -> None:
    """Every error as a JSON answer naming the field, never a traceback; no personnummer in any error answer."""
    from openfisca_sweden_bistand.register.fel import RegisterFel, RegisterOtillgangligt

    def arendefel(fel: ArendeFel) -> Response:
        return felsvar(400, fel.falt, fel.meddelande)

    def registerfel(fel: RegisterFel) -> Response:
        # Bad input (a personnummer in the case reference) is the caller's; an unreachable register is not.
        return felsvar(503 if isinstance(fel, RegisterOtillgangligt) else 400, "", str(fel))

    def eget_fel(fel: _Fel) -> Response:
        return felsvar(fel.status, fel.falt, fel.meddelande)

    def http_fel(fel: HTTPException) -> Response:
        if fel.code == 413:  # Werkzeug's: a form's body, text part or parts over the limits (webbsida/vyer.py)
            stang_anslutningen()  # the rest of the body is not read
            return felsvar(413, "", f"förfrågan är för stor (högst {max_bytes} byte)")
        if fel.response is not None and fel.response.is_json:  # OpenFisca's own JSON answers
            return fel.response  # type: ignore[return-value]
        return felsvar(fel.code or 500, "", fel.description or fel.name)

    def ovantat_fel(fel: Exception) -> Response:
        logg.exception("Oväntat fel vid %s %s", request.method, request.path)  # masked by server.MaskeradLogg
        return felsvar(500, "", "internt fel; felet är loggat på servern")

    for undantag, hanterare in ((ArendeFel, arendefel), (RegisterFel, registerfel), (_Fel, eget_fel),
                                (HTTPException, http_fel), (Exception, ovantat_fel)):
        app.register_error_handler(undantag, hanterare)
    app.after_request(_utan_personnummer_i_fel)


def _utan_personnummer_i_fel(svar: Response) -> Response:
    """No personnummer in any error answer, JSON or an error page of the web pages, OpenFisca's own included
    (a 404 names the path)."""
    if svar.status_code >= 400 and not svar.direct_passthrough and (svar.is_json or svar.mimetype == "text/html"):
        text = svar.get_data(as_text=True)
        if innehaller_personnummer(text):
            svar.set_data(maskera(text))
    return svar


def _snedstreck_pa_slutet() -> Response | None:
    """``/variables/`` → ``/variables``, to a local path only: never ``//host`` or a header with a newline."""
    sokvag = request.path
    if sokvag != "/" and sokvag.endswith("/"):
        return redirect("/" + quote(sokvag.strip("/"), safe="/"), code=302)  # type: ignore[return-value]
    return None


def _harda(app: Flask, cors_origins: list[str] | None, bakom_proxy: bool) -> None:
    """CORS only for the origins named, X-Forwarded-* only behind our own proxy, redirects only to a local path."""
    _utan_openfiscas_cors_proxy_och_omdirigering(app)
    if bakom_proxy:  # one proxy in front, on this machine (gunicorn is told the same, server.py)
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1, x_port=1)  # type: ignore[method-assign]
    if cors_origins:
        CORS(app, origins=list(cors_origins), methods=["GET", "POST", "OPTIONS"],
             allow_headers=["Content-Type", "Authorization", "X-Arende-Referens"], supports_credentials=False)
    app.before_request(_snedstreck_pa_slutet)


def _installningar(system: Any, max_bytes: int, max_personer: int, max_varden: int, max_kostnad: int | None,
                   register_url: str | None, delegation: Any, api_nyckel: str | None,
                   tunga_berakningar: tunga.TungaBerakningar) -> _Installningar:
    """The settings, checked; with a register, its tables are created once, before the workers fork."""
    if register_url is not None and not api_nyckel:
        raise ArendeFel("--nyckelfil", "ett API som för in beslut i registret kräver en API-nyckel "
                                       "(--nyckelfil, BISTAND_API_NYCKEL_FIL eller BISTAND_API_NYCKEL)")
    if api_nyckel is not None:
        kontrollera_api_nyckel(api_nyckel)
    delegationer = None
    if register_url is not None:
        from openfisca_sweden_bistand.register.delegation import las_delegationer
        from openfisca_sweden_bistand.register.lagring import Register

        delegationer = las_delegationer(delegation) if delegation else []
        Register(register_url)
    return _Installningar(
        system=system or skattesystem(), max_bytes=max_bytes, max_personer=max_personer, max_varden=max_varden,
        max_kostnad=STANDARD_MAX_KOSTNAD if max_kostnad is None else max_kostnad, register_url=register_url,
        delegationer=delegationer, api_nyckel=api_nyckel, tunga=tunga_berakningar)


def skapa_app(system: Any = None, max_bytes: int = STANDARD_MAX_BYTES, max_personer: int = STANDARD_MAX_PERSONER,
              max_varden: int = STANDARD_MAX_VARDEN, register_url: str | None = None, delegation: Any = None, *,
              max_kostnad: int | None = None, cors_origins: list[str] | None = None, bakom_proxy: bool = False,
              api_nyckel: str | None = None, testkatalog: Path | None = None, granskare: Path | None = None,
              tunga_platser: int = tunga.TUNGA_PLATSER, tung_frist: float = tunga.TUNG_FRIST,
              tung_andel: float = tunga.TUNG_ANDEL) -> Flask:
    """The app. With ``register_url`` every decision from POST /beslut is recorded (register.py), and the
    request must carry ``Authorization: Bearer <api_nyckel>``; each worker opens its own connection
    after the fork. The web pages (``webbsida/``) are at ``/``; ``testkatalog`` is the directory of YAML
    legal tests that ``/testfall`` shows (none: the catalogue says the server has none), their sign-offs checked
    against the reviewers' public keys in ``granskare`` (none: the packaged ``granskare.yaml``). A sign-off is a
    reviewer's signature: the API key is never asked for it."""
    inst = _installningar(system, max_bytes, max_personer, max_varden, max_kostnad, register_url, delegation,
                          api_nyckel, tunga.TungaBerakningar(tunga_platser, frist=tung_frist, andel=tung_andel))
    app: Flask = create_app(inst.system, welcome_message=(
        "Ekonomiskt bistånd (försörjningsstöd) som lag-som-kod: OpenFisca web API. "
        "Specifikation: GET /spec. Beslut: POST /beslut. Återansökan mot registren: POST /ateransokan."
    ))
    app.config["MAX_CONTENT_LENGTH"] = max_bytes
    _harda(app, cors_origins, bakom_proxy)
    app.json.ensure_ascii = False  # type: ignore[attr-defined]  # Swedish in the answers, not \u escapes
    app.json.sort_keys = False  # type: ignore[attr-defined]  # keep the decision JSON in its documented order
    _validera_kroppar(app, inst)
    _beslut_vy(app, inst)
    _utoka_parameter(app, inst.system)
    utoka_variabel(app, inst.system)
    _utoka_spec(app, inst.system)
    webbsida.registrera(app, inst, testkatalog, granskare)
    _felhanterare(app, max_bytes)
    _tungt_i_egen_process(app, inst)
    return app


def _utan_openfiscas_cors_proxy_och_omdirigering(app: Flask) -> None:
    """Undo three things ``openfisca_web_api.app.create_app`` does: CORS for every origin, trusting
    X-Forwarded-For/-Host from anyone (ProxyFix), and redirecting a trailing slash to whatever the path
    says (``/%09/evil.example/`` → ``//evil.example``, and a header with a newline)."""
    app.after_request_funcs[None] = [f for f in app.after_request_funcs.get(None, [])
                                     if f.__name__ != "cors_after_request"]
    for namn in ("handle_exception", "handle_user_exception"):  # flask_cors wraps these on the instance
        app.__dict__.pop(namn, None)
    if isinstance(app.wsgi_app, ProxyFix):
        app.wsgi_app = app.wsgi_app.app  # type: ignore[assignment]
    app.before_request_funcs[None] = [f for f in app.before_request_funcs.get(None, [])
                                      if f.__name__ != "before_request"]
