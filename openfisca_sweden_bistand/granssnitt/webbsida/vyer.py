"""The views of the web pages: the provberäkning at ``/`` and the test catalogue at ``/testfall``.

Each view reads the form as data (never a path: a test file is chosen by name from the catalogue's own
list), checks every value with the case reader's checks, and answers HTML rendered from the templates in
``mallar/`` with autoescaping. The same limits as the API apply (``webb.py``: the body size, the number of
persons, the one slot for heavy work, the write key); every page carries a strict Content-Security-Policy.
A reviewer's sign-off at ``/testfall/<file>`` is the reviewer's Ed25519 signature, made in the browser (the
page's script, the private key read from a local file and never sent) or with ``bistand granskning
signatur``, and verified against the reviewers' public keys (``testfall/granskare.py``) before it is written:
the server's API key plays no part in it.

The provberäkning takes one SSBTEK answer per adult as a file (``multipart/form-data``), or an example's own
answers by the example's name. An answer is read by ``kontroll.ssbtek.las_svar`` (no DTD, entities or network;
bounded) from memory: a file of the form is never written to disk (``Forfragan``), and never kept after the
answer. The multipart parser's limits are the app's (``registrera``): the body at most ``max_bytes``, a text
part at most ``HOGSTA_TEXTDEL``, at most ``formular.hogsta_antal_delar()`` parts; an answer at most
``kontroll.ssbtek.HOGSTA_STORLEK``.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import os
import threading
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import IO, Any
from urllib.parse import quote

import jinja2
from flask import Flask, Request, Response, make_response, request
from werkzeug.exceptions import RequestEntityTooLarge

from openfisca_sweden_bistand import exempel, kommuner, text
from openfisca_sweden_bistand.arende.kallor import MYNDIGHETSNAMN
from openfisca_sweden_bistand.arende.las import HOGSTA_ANTAL_PERSONER, Arende, ArendeFel
from openfisca_sweden_bistand.arende.underlag import HUSHALL, uppgift
from openfisca_sweden_bistand.forklaring import falt
from openfisca_sweden_bistand.forklaring.berakning import EJ_RAKNADE, INKOMSTER, LIVSFORING, RIKSNORM, SKALIGA
from openfisca_sweden_bistand.forklaring.beslut import UTFALLSTEXT, Beslut, fatta_beslut
from openfisca_sweden_bistand.granssnitt.anslutning import stang_anslutningen
from openfisca_sweden_bistand.granssnitt.webbsida import formular as f
from openfisca_sweden_bistand.granssnitt.webbsida import jamforelse
from openfisca_sweden_bistand.kontroll.jamforelse import KONTROLLRESULTAT
from openfisca_sweden_bistand.kontroll.registersvar import Registersvar
from openfisca_sweden_bistand.kontroll.ssbtek import HOGSTA_STORLEK, las_svar
from openfisca_sweden_bistand.reforms import katalog as reformkatalog
from openfisca_sweden_bistand.system import skattesystem

SAKERHETSHUVUDEN = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'; object-src 'none'"),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",  # a page may hold a household's facts
}
STATISKT = {"stil.css": "text/css; charset=utf-8", "sida.js": "text/javascript; charset=utf-8"}
DELAR = ((RIKSNORM, "Riksnorm"), (SKALIGA, "Skäliga kostnader utöver riksnormen"), (LIVSFORING, "Livsföring i övrigt"),
         (INKOMSTER, "Inkomster som räknas av"), (EJ_RAKNADE, "Inkomster som inte räknas"))
KORNINGAR_I_MINNET = 64  # the runs of test files kept per process
SIDOR_I_MINNET = 256  # the catalogue's rendered pages kept per process (Sidor.cachad)
HOGSTA_TEXTDEL = 64 * 1024  # bytes of one text part of a multipart form (a field is read to 200 characters)
MIB = 1024 * 1024


class Forfragan(Request):
    """The app's request: a file of a multipart form is kept in memory, bounded by the body's limit
    (``MAX_CONTENT_LENGTH``), never spooled to a temporary file on disk: an SSBTEK answer is never stored."""

    def _get_file_stream(self, total_content_length: int | None, content_type: str | None,
                         filename: str | None = None, content_length: int | None = None) -> IO[bytes]:
        return io.BytesIO()


def _varde(varde: Any) -> str:
    """A value of a YAML test as a reader expects it: a number in the Swedish format, a bool as ja/nej."""
    if isinstance(varde, bool):
        return "ja" if varde else "nej"
    if isinstance(varde, (int, float)):
        return text.tal(varde)
    if isinstance(varde, dict):
        return ", ".join(f"{nyckel}: {_varde(v)}" for nyckel, v in varde.items())
    return str(varde)


def _variabeletikett(namn: Any) -> str:
    """A variable's label (the law's words) for a reader of a test case; a name that is no variable as itself (the
    groups personer and hushallen of an expected output are no variables)."""
    variabel = skattesystem().variables.get(str(namn))
    return str(variabel.label) if variabel is not None else str(namn)


def _json(varde: Any, **argument: Any) -> str:
    """JSON of a value read from YAML, for ``tojson``: a date (also as a key) as ISO text."""
    from openfisca_sweden_bistand.testfall.granskning import json_varde

    return json.dumps(json_varde(varde), **argument)


def _miljo() -> jinja2.Environment:
    def ladda(namn: str) -> str | None:
        fil = resources.files(__package__).joinpath("mallar", namn)
        return fil.read_text(encoding="utf-8") if fil.is_file() else None

    env = jinja2.Environment(loader=jinja2.FunctionLoader(ladda), autoescape=True, trim_blocks=True,
                             lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    env.filters.update({"kr": text.kr, "tal": text.tal, "manad": text.manad, "datum": text.datum, "varde": _varde,
                        "etikett": falt.etikett, "variabeletikett": _variabeletikett})
    env.globals.update({"utfallstext": UTFALLSTEXT, "DELAR": DELAR, "quote": quote})
    env.policies["json.dumps_function"] = _json  # a YAML test's values: dates, also as keys
    return env


MILJO = _miljo()


def html(mall: str, status: int = 200, **data: Any) -> Response:
    svar = make_response(MILJO.get_template(mall).render(**data), status)
    svar.headers["Content-Type"] = "text/html; charset=utf-8"
    return svar


def bilaga(innehall: str, filnamn: str, typ: str) -> Response:
    svar = make_response(innehall, 200)
    svar.headers["Content-Type"] = f"{typ}; charset=utf-8"
    svar.headers["Content-Disposition"] = f'attachment; filename="{filnamn}"'
    return svar


def _sakerhetshuvuden(svar: Response) -> Response:
    if svar.mimetype in ("text/html", "text/css", "text/javascript"):
        for namn, varde in SAKERHETSHUVUDEN.items():
            svar.headers.setdefault(namn, varde)
    return svar  # an error page's personnummer are masked with the API's error answers (webb.py)


def for_stor(max_bytes: int) -> Response:
    """413 for a post of the form larger than the server takes (the body, a text part, the number of parts): a page,
    and the connection closed, since the rest of the body is not read."""
    stang_anslutningen()
    return html("meddelande.html.j2", 413, rubrik="För stor förfrågan", meddelande=(
        f"Formuläret med sina filer får vara högst {text.tal(max_bytes // 1024)} KiB och ett "
        f"registersvar högst {HOGSTA_STORLEK // MIB} MiB. Gå tillbaka och välj en mindre fil."))


def testkatalog_standard() -> Path | None:
    """``tests/yaml`` in the working directory, when there is one (a source checkout)."""
    from openfisca_sweden_bistand.testfall.katalog import STANDARD_KATALOG

    return STANDARD_KATALOG.resolve() if STANDARD_KATALOG.is_dir() else None


class Sidor:
    """The pages, with the app's settings (``webb._Installningar``) and the test catalogue's directory."""

    def __init__(self, inst: Any, testkatalog: Path | None, granskare: Path | None = None) -> None:
        from openfisca_sweden_bistand.testfall.granskare import las_granskare

        self.inst = inst
        self.testkatalog = testkatalog
        self.granskare = las_granskare(granskare)  # the reviewers' public keys, read once
        self._korningar: dict[Any, dict[str, Any]] = {}  # a file's run, by its cases (see _kor)
        self._korlas = threading.Lock()
        self._sidor: dict[Any, tuple[int, bytes, str]] = {}  # GET pages of the catalogue (cachad)

    # --- the provberäkning ---------------------------------------------------------------------------------

    def _faltvy(self, formular: f.Formular, variabel: str, index: int | None, saknas: dict[str, str]) -> dict[str, Any]:
        """What the template needs of one field."""
        namn = f.falt_namn(variabel, index)
        system = self.inst.system
        typ, val = "tal", []
        if variabel != f.MANADER_MED_STOD:
            var = system.variables[variabel]
            if var.value_type is bool:
                typ, val = "val", [("", "Ej angivet"), ("true", "Ja"), ("false", "Nej")]
            elif getattr(var, "possible_values", None) is not None:
                typ, val = "val", [("", "Ej angivet"), *((p.name, str(p.value)) for p in var.possible_values)]
        vem = HUSHALL if index is None else formular.personer[index].roll
        return {"namn": namn, "etikett": f.etikett(system, variabel), "hjalp": f.hjalptext(system, variabel,
                formular.period, vem), "typ": typ, "val": val, "varde": formular.varde(namn),
                "fel": formular.fel.get(namn), "saknas": saknas.get(namn), "vem": f.ALLA, "dold": False,
                "grupplagrum": "",
                **self._kallvy(formular, namn)}

    @staticmethod
    def _kallvy(formular: f.Formular, namn: str) -> dict[str, Any]:
        """A field's confirmed source: its hidden field, and what the page says of it."""
        kalla = formular.kalla(namn)
        if not kalla:
            return {"kalla": "", "kallatext": ""}
        try:
            bekraftelse = f.las_bekraftelse(kalla, namn)
        except ArendeFel:
            return {"kalla": kalla, "kallatext": "Källan kunde inte läsas."}
        if bekraftelse.galler(formular.varde(namn)):
            return {"kalla": kalla, "kallatext": f"Källa: {bekraftelse.text()}."}
        return {"kalla": kalla, "kallatext": f"Källa: sökandens uppgift. Handläggaren bekräftade värdet "
                                             f"{bekraftelse.varde}; det ändrade värdet är inte bekräftat."}

    def _personvy(self, formular: f.Formular, index: int, saknas: dict[str, str]) -> dict[str, Any]:
        person = formular.personer[index]
        grupper: list[dict[str, Any]] = []
        for g in f.PERSONGRUPPER:  # every field once; those for the other role hidden and disabled
            falt = [self._faltvy(formular, v, index, saknas) | {"vem": f.vem(g, v), "dold": f.vem(g, v) not in (
                person.roll, f.ALLA)} for v in g.variabler]
            grupper.append({"rubrik": g.rubrik, "vem": g.vem, "dold": all(x["dold"] for x in falt), "falt": falt,
                            "valfri": g.valfri, "oppen": _oppen(falt),
                            **_gemensamt_lagrum(falt, f"lagrum-{index}-{len(grupper)}")})
        return {"index": index, "person": person, "id": formular.ids()[index],
                "alder": self._faltvy(formular, "alder", index, saknas),
                "grupper": grupper, "id_fel": formular.fel.get(f.falt_namn("id", index)),
                "roll_fel": formular.fel.get(f.falt_namn("roll", index))}

    def _saknas(self, formular: f.Formular, beslut: Beslut | None) -> dict[str, str]:
        """The missing facts of the decision, by form field."""
        if beslut is None:
            return {}
        ut = {}
        for sokvag in beslut.saknade_uppgifter:
            variabel = sokvag.rsplit(".", 1)[-1]
            post = uppgift(variabel, f.vem_for_sokvag(formular, sokvag))
            ut[f.falt_for_sokvag(formular, sokvag) or sokvag] = f"Uppgift saknas: {post.skal if post else variabel}"
        return ut

    def _ssbtek_vy(self, formular: f.Formular, valda: set[int]) -> dict[str, Any]:
        """What the template needs of the SSBTEK answers: a file field per person (shown for the adults, and
        wherever there is an error), the example's own answers, and the help text with its legal basis."""
        exempelsvar: dict[str, dict[str, str]] = {}
        if formular.ssbtek_exempel:
            try:
                filer = exempel.ssbtek(formular.ssbtek_exempel)
            except KeyError:
                filer = {}
            exempelsvar = {pid: {"fil": fil.name, "sha256": hashlib.sha256(fil.read_bytes()).hexdigest()}
                           for pid, fil in filer.items()}
        ids = formular.ids()
        falt = []
        for index, person in enumerate(formular.personer):
            namn = f.ssbtek_namn(index)
            fel = formular.fel.get(namn)
            falt.append({"namn": namn, "id": ids[index], "fel": fel, "vald": index in valda,
                         "dold": person.roll != f.VUXEN and not fel, "exempel": exempelsvar.get(ids[index])})
        return {"falt": falt, "exempel": formular.ssbtek_exempel if exempelsvar else "",
                "fel": formular.fel.get(f.SSBTEK),
                "utan_person": sorted(pid for pid in exempelsvar if pid not in ids),
                "hjalp": f.ssbtek_hjalptext(formular.period), "hogsta_mib": HOGSTA_STORLEK // MIB}

    def _kontrollvy(self, beslut: Beslut | None) -> dict[str, Any] | None:
        """The checks against the registers as the result shows them, and the answers they were made on."""
        underlag = beslut.underlag if beslut is not None else None
        if underlag is None or underlag.registerkontroll is None:
            return None
        system = self.inst.system
        kontroller = [{
            "person": k.person or "hushållet", "myndighet": MYNDIGHETSNAMN.get(k.kalla, k.kalla),
            "uppgift": str(system.variables[k.variabel].label) if k.variabel in system.variables else "–",
            "manad": text.manad(k.manad), "ansokan": k.ansokan, "register": k.register, "resultat": k.resultat,
            "resultattext": KONTROLLRESULTAT.get(k.resultat, k.resultat), "handlaggare": k.kraver_handlaggare,
            "blockerar": k.blockerar(), "text": k.text, "variabel": k.variabel or "", "kalla": k.kalla,
        } for k in underlag.registerkontroll.kontroller]
        svar = [{"person": s.person, "sha256": s.sha256, "hamtad": (s.hamtad or "")[:16].replace("T", " "),
                 "myndigheter": [(MYNDIGHETSNAMN.get(m, m), tillstand) for m, tillstand in s.myndigheter.items()]}
                for s in underlag.registerkontroll.svar]
        return {"kontroller": kontroller, "svar": svar, "blockerande": sum(k["blockerar"] for k in kontroller),
                "lagrum": f.ssbtek_lagrum(datetime.date.fromisoformat(beslut.beslutsdatum)) if beslut else ""}

    def _sida(self, formular: f.Formular, status: int = 200, beslut: Beslut | None = None,
              efter: Beslut | None = None, meddelande: str = "", valda: set[int] | None = None) -> Response:
        saknas = self._saknas(formular, beslut)
        hushall: list[dict[str, Any]] = []
        for g in f.HUSHALLSGRUPPER:
            falt = [self._faltvy(formular, v, None, saknas) for v in g.variabler]
            hushall.append({"rubrik": g.rubrik, "falt": falt, "valfri": g.valfri, "oppen": _oppen(falt),
                            **_gemensamt_lagrum(falt, f"lagrum-hushall-{len(hushall)}")})
        jamfor = None
        if beslut is not None and efter is not None:
            nya, borta = jamforelse.skal_skillnad(beslut, efter)
            jamfor = {"beslut": efter, "rader": jamforelse.jamfor_rader(beslut, efter),
                      "summor": jamforelse.jamfor_summor(beslut, efter), "nya_skal": nya, "borta_skal": borta,
                      "titel": " + ".join(reformkatalog.titel(k) for k in (formular.regim, formular.reform) if k),
                      "ej_i_kraft": self._ej_i_kraft(formular)}
        vuxna = sum(1 for p in formular.personer if p.roll == f.VUXEN)
        return html(
            "provberakning.html.j2", status, formular=formular, personer=[
                self._personvy(formular, i, saknas) for i in range(len(formular.personer))],
            hushall=hushall, beslut=beslut, jamfor=jamfor, saknas=saknas, meddelande=meddelande,
            falt_for_sokvag=lambda s: f.falt_for_sokvag(formular, s),
            faltets_etikett=lambda namn: f.faltets_etikett(self.inst.system, formular, namn),
            exempel=exempel.namn(), reformer=[(k, reformkatalog.titel(k)) for k in reformkatalog.REFORMER],
            kommuner=[(k.id, k.namn) for k in kommuner.kanda().values()],
            regimer=[(k, reformkatalog.titel(k)) for k in reformkatalog.REGIMER],
            kan_lagga_till_vuxen=vuxna < 2, kan_lagga_till=len(formular.personer) < HOGSTA_ANTAL_PERSONER,
            testkatalog=self.testkatalog is not None, period_fel=formular.fel.get("period"),
            ssbtek=self._ssbtek_vy(formular, valda or set()), registerkontroll=self._kontrollvy(beslut))

    def _fran_fraga(self) -> tuple[f.Formular, str]:
        """The form a GET asks for: an example, a case of the catalogue, or an empty form for this month."""
        namn = request.args.get("exempel")
        if namn is not None:
            try:
                formular = f.fran_exempel(namn)
            except KeyError:
                raise ArendeFel("exempel", f"inget exempel {namn!r}; finns: {', '.join(exempel.namn())}") from None
            if formular.ssbtek_exempel:
                return formular, f"Exemplet {namn}, med exemplets registersvar (SSBTEK)."
            return formular, f"Exemplet {namn}."
        if request.args.get("testfil") is not None:
            return self._fran_testfall(request.args["testfil"], request.args.get("fall", ""))
        return f.ny_formular(datetime.date.today()), ""

    def _fran_testfall(self, relativ: str, namn: str) -> tuple[f.Formular, str]:
        from openfisca_sweden_bistand.testfall.fran_test import arende_fran_fall

        fall = next((c for c in self._las_fil(relativ).fall if c.namn == namn), None)
        if fall is None:
            raise ArendeFel("fall", "inget testfall med det namnet i filen")
        data, utelamnade = arende_fran_fall(fall.data)
        formular = f.fran_arende(data)
        if utelamnade:
            formular.anmarkningar.append("sätts av beslutsfunktionen och visas inte: " + ", ".join(utelamnade))
        self._testfallets_reformer(formular, fall.data.get("reforms") or [])
        return formular, f"Testfallet ”{namn}” ur {relativ}."

    @staticmethod
    def _testfallets_reformer(formular: f.Formular, reformer: Any) -> None:
        """A test case's reforms: chosen for the comparison beside the current rules, when the page knows them."""
        for sokvag in [reformer] if isinstance(reformer, str) else list(reformer):
            paket, _, nyckel = str(sokvag).rpartition(".")
            i_paketet = paket.startswith("openfisca_sweden_bistand.reforms.")
            if i_paketet and nyckel in reformkatalog.REFORMER:
                formular.reform = nyckel
            elif i_paketet and nyckel in reformkatalog.REGIMER:
                formular.regim = nyckel
            else:
                formular.anmarkningar.append(f"testfallet körs med reformen {sokvag}, som sidan inte kan välja")
        if formular.reform or formular.regim:
            formular.anmarkningar.append("testfallet körs med en reform: sidan visar den bredvid gällande regler")

    def _fel_i_fraga(self, fel: ArendeFel) -> Response:
        formular = f.ny_formular(datetime.date.today())
        return self._sida(formular, 404 if fel.falt in ("exempel", "fall", "fil") else 400,
                          meddelande=f"{fel.falt}: {fel.meddelande}")

    def provberakning_get(self, standard: Callable[[], Any]) -> Any:
        if request.accept_mimetypes.best_match(["text/html", "application/json"]) == "application/json":
            return standard()  # an API client asking for the welcome message
        try:
            formular, meddelande = self._fran_fraga()
        except ArendeFel as fel:
            return self._fel_i_fraga(fel)
        return self._sida(formular, meddelande=meddelande)

    def _andra_personer(self, formular: f.Formular, atgard: str) -> bool:
        """Add or remove a person (no calculation); False if ``atgard`` is something else."""
        if atgard in ("lagg_till_vuxen", "lagg_till_barn") and len(formular.personer) < HOGSTA_ANTAL_PERSONER:
            roll = f.VUXEN if atgard == "lagg_till_vuxen" else f.BARN
            formular.personer.append(f.Person(f"{roll}{sum(p.roll == roll for p in formular.personer) + 1}", roll))
            return True
        if (nummer := atgard.removeprefix("ta_bort_")) != atgard and nummer.isascii() and nummer.isdigit():
            index = int(nummer) if len(nummer) <= 4 else -1  # ASCII digits ("²" is one int() refuses), few
            if 0 <= index < len(formular.personer):
                del formular.personer[index]
            return True
        return atgard in ("lagg_till_vuxen", "lagg_till_barn")

    @staticmethod
    def _ej_i_kraft(formular: f.Formular) -> str | None:
        """The day the chosen reform applies from, when the case's month is before it (no difference to expect)."""
        fran = reformkatalog.i_kraft_fran(formular.reform) if formular.reform in reformkatalog.REFORMER else None
        return fran if fran and formular.period < fran[:7] else None

    def _reformsystem(self, formular: f.Formular) -> Any:
        """The system of the chosen reform and regime; an unknown name is an error at its field."""
        for faltnamn, tillatna in (("reform", reformkatalog.REFORMER), ("regim", reformkatalog.REGIMER)):
            if getattr(formular, faltnamn) and getattr(formular, faltnamn) not in tillatna:
                formular.fel[faltnamn] = "okänt val; välj i listan"
                return None
        return reformkatalog.tillampa(formular.reform or None, formular.regim or None)

    @staticmethod
    def _svarsfel(fel: ArendeFel, pid: str) -> str:
        """An answer's error at its file field: where in the answer (``FK.lefiJsonSvar``), and what is wrong."""
        borjan = f"{f.SSBTEK}.{pid}"
        var = fel.falt.removeprefix(borjan).lstrip(".") if fel.falt.startswith(borjan) else fel.falt
        return f"{var}: {fel.meddelande}" if var else fel.meddelande

    def _registersvar(self, formular: f.Formular) -> tuple[dict[str, Registersvar], set[int], bool]:
        """Each adult's SSBTEK answer: the file chosen for them, else the example's own; every error at the
        person's file field (or the answers' fieldset). Also the persons whose file was read, and whether a
        file was larger than an answer may be."""
        svar: dict[str, Registersvar] = {}
        valda: set[int] = set()
        for_stor = False
        ids = formular.ids()
        for index, person in enumerate(formular.personer):
            fil = request.files.get(f.ssbtek_namn(index))
            if fil is None or not fil.filename:
                continue  # no file chosen: a browser sends an empty part without a name
            namn, data = f.ssbtek_namn(index), fil.stream.read(HOGSTA_STORLEK + 1)
            if len(data) > HOGSTA_STORLEK:
                formular.fel[namn] = f"filen är större än ett registersvar får vara ({HOGSTA_STORLEK // MIB} MiB)"
                for_stor = True
            elif person.roll != f.VUXEN:
                formular.fel[namn] = ("registersvar tas emot för de vuxna i hushållet (sökande och make, maka, "
                                      "registrerad partner eller sambo): ett svar gäller en person")
            elif not data:
                formular.fel[namn] = "filen är tom"
            else:
                try:
                    svar[ids[index]] = las_svar(data, ids[index])
                    valda.add(index)
                except ArendeFel as fel:
                    formular.fel[namn] = self._svarsfel(fel, ids[index])
        if formular.ssbtek_exempel:
            self._exemplets_svar(formular, svar, valda)
        return svar, valda, for_stor

    def _exemplets_svar(self, formular: f.Formular, svar: dict[str, Registersvar], valda: set[int]) -> None:
        """The example's own answers (read from the package by the example's name, never a path from the request),
        for the adults whose file field is empty."""
        try:
            filer = exempel.ssbtek(formular.ssbtek_exempel)
        except KeyError:
            formular.fel[f.SSBTEK] = "okänt exempel; fyll i formuläret från exemplet igen"
            return
        ids = formular.ids()
        for pid, fil in filer.items():
            index = ids.index(pid) if pid in ids else None
            if index is not None and (index in valda or f.ssbtek_namn(index) in formular.fel):
                continue  # a file chosen for the person replaces the example's
            if index is None or formular.personer[index].roll != f.VUXEN:
                formular.fel[f.SSBTEK] = (f"exemplets registersvar gäller {pid}, som inte är en vuxen i formuläret: "
                                          "ändra tillbaka eller klicka på ”Använd inte exemplets registersvar”")
                continue
            try:
                svar[pid] = las_svar(fil.read_bytes(), pid)
            except ArendeFel as fel:
                formular.fel[f.ssbtek_namn(index)] = self._svarsfel(fel, pid)

    def provberakning_post(self) -> Response:
        try:
            formular = f.las_formular(request.form)
        except RequestEntityTooLarge:  # the body, a text part or the number of parts (registrera)
            return for_stor(self.inst.max_bytes)
        atgard = request.form.get("atgard", "berakna")
        if self._andra_personer(formular, atgard):
            return self._sida(formular)
        if atgard == "utan_exempelsvar":
            formular.ssbtek_exempel = ""
            return self._sida(formular, meddelande="Exemplets registersvar används inte längre.")
        arende = f.las(self.inst.system, formular)
        svar, valda, svar_for_stort = self._registersvar(formular) if atgard == "berakna" else ({}, set(), False)
        if arende is None or formular.fel:
            return self._sida(formular, 413 if svar_for_stort else 422)
        if atgard == "exportera_json":
            from openfisca_sweden_bistand.testfall.export import som_json_text

            return bilaga(som_json_text(arende), f"arende-{arende.period}.json", "application/json")
        try:
            beslut = fatta_beslut(arende, self.inst.system, ssbtek=svar or None)
        except ArendeFel as fel:  # what OpenFisca itself refuses, or the answers' persons, by field
            formular.fel[f.falt_for_sokvag(formular, fel.falt)] = fel.meddelande
            return self._sida(formular, 422, valda=valda)
        if atgard == "exportera_yaml":
            from openfisca_sweden_bistand.testfall.export import som_yaml_test

            return bilaga(som_yaml_test(arende, beslut), f"testfall-{arende.period}.yaml", "application/yaml")
        efter = self._efter(formular, arende, svar)
        return self._sida(formular, 422 if formular.fel else 200, beslut=beslut, efter=efter, valda=valda)

    def _efter(self, formular: f.Formular, arende: Arende, svar: dict[str, Registersvar]) -> Beslut | None:
        if not (formular.reform or formular.regim):
            return None
        system = self._reformsystem(formular)
        return None if system is None else jamforelse.besluta(arende, system, svar)

    # --- the test catalogue --------------------------------------------------------------------------------

    def _rot(self) -> Path:
        if self.testkatalog is None:
            raise ArendeFel("testfall", "servern är startad utan testkatalog (bistand serve --testfall KATALOG)")
        return self.testkatalog

    def _tillstand(self) -> tuple[Any, ...]:
        """What the catalogue's pages are made of: every file's name, inode, size and time of change, and the day
        (a page may show today's date). A file replaced by a sign-off, edited or added changes it."""
        from openfisca_sweden_bistand.testfall.katalog import filnamn

        rot = self._rot()
        return (datetime.date.today(), *((namn, s.st_ino, s.st_size, s.st_mtime_ns)
                                         for namn in filnamn(rot) for s in (os.lstat(rot / namn),)))

    def cachad(self, vy: Callable[..., Response]) -> Callable[..., Response]:
        """``vy`` whose GET answers are kept while the catalogue stays the same (``_tillstand``): a page of the
        catalogue is read and rendered once, not on every request (re-reading every file took 0.2 s)."""

        def sida(**argument: Any) -> Response:
            if request.method != "GET":
                return vy(**argument)
            try:
                nyckel = (vy.__name__, tuple(sorted(argument.items())), self._tillstand())
            except (ArendeFel, OSError):
                return vy(**argument)
            with self._korlas:
                sparad = self._sidor.get(nyckel)
            if sparad is None:
                svar = vy(**argument)
                if svar.status_code != 200:  # only the catalogue's own pages: a made-up name cannot fill the memory
                    return svar
                sparad = (svar.status_code, svar.get_data(), svar.headers.get("Content-Type", ""))
                with self._korlas:
                    if len(self._sidor) >= SIDOR_I_MINNET:
                        self._sidor.pop(next(iter(self._sidor)))
                    self._sidor[nyckel] = sparad
            status, data, typ = sparad
            svar = make_response(data, status)
            svar.headers["Content-Type"] = typ
            return svar

        sida.__name__ = vy.__name__
        return sida

    def _las_fil(self, relativ: str) -> Any:
        from openfisca_sweden_bistand.testfall.katalog import las_fil

        try:
            return las_fil(self._rot(), relativ, self.granskare)
        except KeyError:
            raise ArendeFel("fil", "ingen sådan fil i testkatalogen") from None

    def _felstatus(self, relativ: str) -> int:
        """The status of a file page that cannot be shown: 422 for a listed file that cannot be read (its reason
        shown: invalid YAML, a Python tag, too large, not a list of cases), 404 for any other name."""
        from openfisca_sweden_bistand.testfall.katalog import filnamn

        try:
            return 422 if self.testkatalog is not None and relativ in filnamn(self.testkatalog) else 404
        except ArendeFel:
            return 404

    def katalog(self) -> Response:
        from openfisca_sweden_bistand.testfall.granskning import STATUSTEXT
        from openfisca_sweden_bistand.testfall.katalog import las_katalog

        try:
            filer = las_katalog(self._rot(), self.granskare)
        except ArendeFel as fel:
            return html("meddelande.html.j2", 404, rubrik="Testfall", meddelande=fel.meddelande)
        return html("testfall_katalog.html.j2", filer=filer, statustext=STATUSTEXT)

    def testfil(self, relativ: str) -> Response:
        from openfisca_sweden_bistand.testfall.granskning import STATUSTEXT, kontrollsumma, regelversion_text

        try:
            fil = self._las_fil(relativ)
        except ArendeFel as fel:
            return html("meddelande.html.j2", self._felstatus(relativ), rubrik="Testfall", meddelande=fel.meddelande)
        resultat: dict[str, Any] = {}
        meddelande, status, ifyllt = "", 200, {}
        if request.method == "POST":
            atgard = request.form.get("atgard", "")
            if atgard == "kor":
                resultat = self._kor(fil)
            elif atgard == "signera":
                meddelande, status = self._signera(relativ)
                fil = self._las_fil(relativ)
                if status != 200:  # what the reviewer chose and typed is kept, beside what went wrong
                    ifyllt = {"fall": request.form.get("fall", ""), "nyckel": request.form.get("nyckel", "")[:64],
                              "kommentar": request.form.get("kommentar", "")[:2000]}
            else:
                meddelande, status = "Okänd åtgärd.", 400
        return html("testfall_fil.html.j2", status, fil=fil, resultat=resultat, meddelande=meddelande,
                    statustext=STATUSTEXT, granskare=self.granskare.granskare, ifyllt=ifyllt,
                    idag=datetime.date.today().isoformat(), regelversion=regelversion_text(),
                    kontrollsumma=kontrollsumma, oppna=lambda namn: f"/?testfil={quote(relativ)}&fall={quote(namn)}")

    def _kor(self, fil: Any) -> dict[str, Any]:
        """Every case of the file run, in the one slot for heavy work. The same file (by its cases' names and
        checksums) is run once per process: asking again and again cannot keep the slot busy."""
        from openfisca_sweden_bistand.testfall.granskning import kontrollsumma
        from openfisca_sweden_bistand.testfall.kor import kor_fall

        nyckel = (fil.relativ, tuple((fall.namn, kontrollsumma(fall.data)) for fall in fil.fall))
        with self._korlas:
            tidigare = self._korningar.get(nyckel)
        if tidigare is not None:
            return tidigare

        def kor_alla() -> dict[str, Any]:
            return {fall.namn: kor_fall(fall.data, self.inst.system) for fall in fil.fall}

        resultat = dict(self.inst.tunga.kor(kor_alla))
        with self._korlas:
            if len(self._korningar) >= KORNINGAR_I_MINNET:
                self._korningar.pop(next(iter(self._korningar)))
            self._korningar[nyckel] = resultat
        return resultat

    def _signera(self, relativ: str) -> tuple[str, int]:
        """A reviewer's sign-off of one case: the reviewer's signature (``signatur``) by their key (``nyckel``, an id
        of the reviewers' file) over the case as it is, the comment, the rule version and the date (``datum``: today
        or yesterday by the server's clock), verified before anything is written; a signature that does not
        hold is a 403 and the file stays as it was."""
        from openfisca_sweden_bistand.testfall.granskning import regelversion_text
        from openfisca_sweden_bistand.testfall.signering import signera

        namn = request.form.get("fall", "")
        idag = datetime.date.today()
        try:
            datum = datetime.date.fromisoformat(request.form.get("datum", ""))
        except ValueError:
            datum = None
        if datum not in (idag, idag - datetime.timedelta(days=1)):
            return "Signaturens datum ska vara i dag eller i går: ladda om sidan och signera igen.", 403
        if not request.form.get("signatur", "").strip():
            return ("Signatur saknas: välj din nyckelfil (sidans skript signerar), eller klistra in signaturen från "
                    "bistand granskning signatur.", 403)
        try:
            signera(self._rot(), relativ, namn, request.form.get("nyckel", ""),
                    request.form.get("kommentar", "").replace("\r\n", "\n").strip(),  # a browser sends CRLF
                    regelversion_text(), datum, request.form.get("signatur", ""), self.granskare)
        except ArendeFel as fel:
            text = f"{fel.falt}: {fel.meddelande}" if fel.falt else fel.meddelande
            return text, 403 if fel.falt in ("signatur", "nyckel", "--nyckel") else 400
        return f"Granskningen av ”{namn}” är signerad och sparad i filen.", 200

    def statiskt(self, namn: str) -> Response:
        if namn not in STATISKT:
            return html("meddelande.html.j2", 404, rubrik="Hittades inte", meddelande="Ingen sådan fil.")
        innehall = resources.files(__package__).joinpath("statiskt", namn).read_bytes()
        svar = make_response(innehall, 200)
        svar.headers["Content-Type"] = STATISKT[namn]
        svar.headers["Cache-Control"] = "public, max-age=300"
        return svar


def _gemensamt_lagrum(falt: list[dict[str, Any]], id_: str) -> dict[str, str]:
    """A group whose fields all cite the same provisions says them once, under its legend (every field still
    refers to it for a screen reader); each field's help keeps the rest (why the fact is needed)."""
    slut = [x["hjalp"][x["hjalp"].find("Lagrum: "):] if "Lagrum: " in x["hjalp"] else "" for x in falt]
    if len(falt) < 2 or not slut[0] or any(t != slut[0] for t in slut):
        return {"lagrum": "", "lagrum_id": id_}
    for x in falt:
        x["hjalp"] = x["hjalp"][: x["hjalp"].find("Lagrum: ")].strip()
        x["grupplagrum"] = id_
    return {"lagrum": slut[0], "lagrum_id": id_}


def _oppen(falt: list[dict[str, Any]]) -> bool:
    """An optional group is shown open when any of its fields holds a value, an error or a missing fact."""
    return any(x["varde"] or x["fel"] or x["saknas"] for x in falt)


def registrera(app: Flask, inst: Any, testkatalog: Path | None, granskare: Path | None = None) -> None:
    """Add the pages to the app: ``/`` (GET and POST), ``/testfall``, ``/testfall/<file>``, ``/statiskt/<name>``;
    the sign-offs checked against the reviewers' file ``granskare`` (None: the packaged one)."""
    sidor = Sidor(inst, testkatalog, granskare)
    standard = app.view_functions["get_root"]
    app.view_functions["get_root"] = lambda: sidor.provberakning_get(standard)
    app.add_url_rule("/", "provberakning", sidor.provberakning_post, methods=["POST"])
    app.add_url_rule("/testfall", "testfall_katalog", sidor.cachad(sidor.katalog))
    app.add_url_rule("/testfall/<path:relativ>", "testfall_fil", sidor.cachad(sidor.testfil), methods=["GET", "POST"])
    app.add_url_rule("/statiskt/<namn>", "statiskt", sidor.statiskt)
    # The multipart parser's bounds, set here rather than left to Flask's and Werkzeug's defaults: the body is
    # at most MAX_CONTENT_LENGTH (webb.py: max_bytes, also a chunked one), a text part at most HOGSTA_TEXTDEL,
    # the parts those of the largest household's form; a file stays in memory (Forfragan). Beyond: 413.
    app.request_class = Forfragan
    app.config["MAX_FORM_MEMORY_SIZE"] = min(HOGSTA_TEXTDEL, app.config["MAX_CONTENT_LENGTH"] or HOGSTA_TEXTDEL)
    app.config["MAX_FORM_PARTS"] = f.hogsta_antal_delar()
    app.after_request(_sakerhetshuvuden)

