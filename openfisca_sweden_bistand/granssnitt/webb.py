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
  ``max_kostnad`` (422 naming the limit), and requests costing more than ``TUNG_KOSTNAD`` take turns
  in one server-wide slot (429 if it stays busy for ``TUNG_VANTETID`` s), so that heavy clients
  cannot take every worker from light ones; so does the reading of a POST /ateransokan body larger than
  ``TUNG_STORLEK`` (a server whose ``max_bytes`` allows it);
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

import atexit
import fcntl
import hmac
import logging
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, suppress
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
from werkzeug.exceptions import HTTPException
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
from openfisca_sweden_bistand.granssnitt import webbsida
from openfisca_sweden_bistand.granssnitt.anslutning import stang_anslutningen
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

STANDARD_MAX_BYTES = 256 * 1024  # a case is a few kilobytes; 256 KiB leaves room for a batch
STANDARD_MAX_PERSONER = 100
STANDARD_MAX_VARDEN = 5000  # values (variable × month) in one request: bounds the work asked for
# Persons × requested values (variable-months) in one /calculate or /trace: bounds what one request
# computes (a month of the decision for one household is about 10–15 ms; 200 is a few seconds at most).
STANDARD_MAX_KOSTNAD = 200
TUNG_KOSTNAD = 50  # above this a request waits for the one server-wide slot for heavy calculations
TUNG_VANTETID = 10.0  # seconds a heavy request may wait for the slot before it gets 429
# A POST /ateransokan body larger than this has its SSBTEK answers read in the heavy slot: reading is about a
# second per 4 MiB answer (the reader's bound), a body within the default limit a few tenths of a second at most.
TUNG_STORLEK = STANDARD_MAX_BYTES
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


def kostnad(situation: dict[str, Any]) -> tuple[int, int]:
    """(persons, requested values) of a validated situation; what it costs to compute is their product."""
    efterfragade = sum(
        1 for grupp in situation.values() for entitet in grupp.values()
        for varde in entitet.values() if isinstance(varde, dict) for v in varde.values() if v is None
    )
    return len(situation["personer"]), efterfragade


def _lag_prioritet() -> None:
    """Lower this thread's CPU priority (Linux: a thread's own nice value); elsewhere a no-op."""
    with suppress(AttributeError, OSError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)


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

        def stada() -> None:  # the process that made the directory removes it, not a forked worker
            if os.getpid() == skapare:
                shutil.rmtree(self.katalog, ignore_errors=True)

        atexit.register(stada)

    @contextmanager
    def plats(self) -> Iterator[None]:
        """Hold the server-wide slot (429 if it stays busy for ``vantetid`` s)."""
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

    def kor(self, funktion: Callable[..., Any], *args: Any) -> Any:
        """``funktion(*args)`` in the slot, on this worker's low-priority thread."""
        with self.plats():
            with self._las:
                if self._utforare is None or self._utforare[0] != os.getpid():  # one per worker, after the fork
                    self._utforare = (os.getpid(), ThreadPoolExecutor(
                        max_workers=1, thread_name_prefix="tung-berakning", initializer=_lag_prioritet))
                utforare = self._utforare[1]
            return utforare.submit(funktion, *args).result()


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
    tunga: TungaBerakningar
    strypning: Strypning = field(default_factory=Strypning)  # wrong keys per client address, in this process


def _antal_varden(situation: dict[str, Any]) -> int:
    return sum(
        len(varde) for grupp in situation.values() for entitet in grupp.values()
        for namn, varde in entitet.items() if isinstance(varde, dict)
    )


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
    return _las_kropp_och_storlek(max_bytes)[0]


def _las_kropp_och_storlek(max_bytes: int) -> tuple[Any, int]:
    """(the request body as parsed JSON, its size in bytes as received, whether declared or chunked)."""
    if not request.is_json:
        raise _Fel(415, "Content-Type", "skicka JSON med Content-Type: application/json")
    data = _las_ratt_kropp(max_bytes)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise _Fel(400, "", "förfrågan är inte UTF-8-kodad") from None
    return las_json(text, "förfrågan"), len(data)


def _situation_fran_kropp(inst: _Installningar) -> dict[str, Any]:
    situation = las_situation(_las_kropp(inst.max_bytes), inst.system, inst.max_personer)
    if _antal_varden(situation) > inst.max_varden:
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
        if personer * efterfragade > TUNG_KOSTNAD:
            return jsonify(inst.tunga.kor(hanterare, inst.system, situation))
        return jsonify(hanterare(inst.system, situation))
    except (SituationParsingError, PeriodMismatchError) as fel:
        falt, meddelande = forsta_felet(fel.error)
        return felsvar(400, falt, meddelande)


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
        kropp, storlek = _las_kropp_och_storlek(inst.max_bytes)
        if storlek > TUNG_STORLEK:  # a server whose --max-bytes allows large answers
            arende, svar = inst.tunga.kor(las_ateransokan, kropp, inst.system)
        else:
            arende, svar = las_ateransokan(kropp, inst.system)
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
                   register_url: str | None, delegation: Any, api_nyckel: str | None) -> _Installningar:
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
        delegationer=delegationer, api_nyckel=api_nyckel, tunga=TungaBerakningar())


def skapa_app(system: Any = None, max_bytes: int = STANDARD_MAX_BYTES, max_personer: int = STANDARD_MAX_PERSONER,
              max_varden: int = STANDARD_MAX_VARDEN, register_url: str | None = None, delegation: Any = None, *,
              max_kostnad: int | None = None, cors_origins: list[str] | None = None, bakom_proxy: bool = False,
              api_nyckel: str | None = None, testkatalog: Path | None = None) -> Flask:
    """The app. With ``register_url`` every decision from POST /beslut is recorded (register.py), and the
    request must carry ``Authorization: Bearer <api_nyckel>``; each worker opens its own connection
    after the fork. The web pages (``webbsida/``) are at ``/``; ``testkatalog`` is the directory of YAML
    legal tests that ``/testfall`` shows (none: the catalogue says the server has none)."""
    inst = _installningar(system, max_bytes, max_personer, max_varden, max_kostnad, register_url, delegation,
                          api_nyckel)
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
    webbsida.registrera(app, inst, testkatalog)
    _felhanterare(app, max_bytes)
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
