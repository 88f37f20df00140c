"""Hostile requests against a real `bistand serve` on a loopback port: each does no harm.

A request body is data, never a path; malformed framing, slow clients and heavy requests are
answered with a 4xx quickly and do not stop other clients; no unhandled 5xx; no open redirect;
CORS and X-Forwarded-* only when configured; POST /beslut with a register needs a bearer token.
(The personnummer in logs and error answers: test_api_personnummer.py.)
"""

from __future__ import annotations

import json
import select
import socket
import subprocess
import sys
import threading
import time

import pytest
from api_server import LivServer

from openfisca_sweden_bistand import exempel

LAS_TIMEOUT = 2
MAX_BYTES = 65536
ARENDE = exempel.arende("ensamstaende_2026")
SITUATION = exempel.situation("ensamstaende_forelder")
STARK_NYCKEL = "MRhcZTSMwqQk44pRlgj6gd7jB5a3Ks5GmTNBr6Cfag4"  # a fixed random key (token_urlsafe(32))
SITUATION["hushallen"]["hushallet"]["forsorjningsstod"] = {"2026-03": None}


@pytest.fixture(scope="module")
def server():
    s = LivServer("--las-timeout", str(LAS_TIMEOUT), "--max-bytes", str(MAX_BYTES), "--threads", "4",
                  "--per-klient", "2")
    yield s
    s.stoppa()
    logg = s.logg()
    assert "Traceback" not in logg and "Worker exiting" not in logg.split("Handling signal: term")[0], logg[-3000:]


def svar_status(ra: bytes) -> int:
    assert ra.startswith(b"HTTP/1.1 "), ra[:200]
    return int(ra.split(b" ", 2)[1])


def svar_kropp(ra: bytes) -> dict:
    return json.loads(ra.split(b"\r\n\r\n", 1)[1])


def post_ra(sokvag: str, huvuden: str, kropp: bytes = b"") -> bytes:
    return (f"POST {sokvag} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n{huvuden}\r\n"
            ).encode() + kropp


def bra_forfragan(server) -> int:
    return server.anropa("POST", "/beslut", ARENDE)[0]


# --- S1: a body is data, never a path ----------------------------------------------------------


@pytest.mark.parametrize("sokvag", ["/beslut", "/calculate", "/trace"])
@pytest.mark.parametrize("kropp", [
    "/etc/passwd",
    str(exempel.sokvag("ensamstaende_2026")),  # a real case file on the server's disk
    "/dev/zero",
    "/etc/passwd\u0000",
    "",
])
def test_en_strang_som_kropp_oppnar_ingen_fil(server, sokvag, kropp):
    start = time.monotonic()
    status, svar = server.anropa("POST", sokvag, kropp)
    assert status == 400 and svar["falt"] == "" and "JSON-objekt" in svar["meddelande"], svar
    text = json.dumps(svar, ensure_ascii=False)
    assert "root:" not in text and "johan" not in text and "kan inte läsa" not in text
    assert time.monotonic() - start < 5


def test_lasaren_oppnar_aldrig_en_strang_som_fil():
    """In-process: only a Path (the command line's file) is read; a str is data."""
    from openfisca_sweden_bistand.arende.las import ArendeFel, las_arende, las_situation

    fil = exempel.sokvag("ensamstaende_2026")
    for funktion in (las_arende, las_situation):
        for kalla in (str(fil), "/etc/passwd", "/dev/zero"):
            with pytest.raises(ArendeFel, match="JSON-objekt"):
                funktion(kalla)
    assert las_arende(fil).period == ARENDE["period"]


@pytest.mark.parametrize("kropp", [[1, 2], 42, 1.5, b"null", True, ["/etc/passwd"]])
def test_json_som_inte_ar_ett_objekt_ger_400(server, kropp):
    for sokvag in ("/beslut", "/calculate", "/trace"):
        status, svar = server.anropa("POST", sokvag, kropp)
        assert status == 400 and svar["status"] == 400, (sokvag, svar)


# --- S5: the causes of the review's 500s ----------------------------------------------------------


def med_hushall_id(situation: dict, nytt_id: str) -> dict:
    data = json.loads(json.dumps(situation))
    (gammalt,) = data["hushallen"]
    data["hushallen"] = {nytt_id: data["hushallen"][gammalt]}
    return data


def med_person_id(situation: dict, gammalt: str, nytt: str) -> dict:
    text = json.dumps(situation).replace(f'"{gammalt}"', f'"{nytt}"')
    return json.loads(text)


@pytest.mark.parametrize("sokvag", ["/calculate", "/trace"])
@pytest.mark.parametrize("hushall_id", ["a/b", "/", "", "x\ny", "\u0000", "a" * 201])
def test_ogiltigt_hushalls_id_ger_400(server, sokvag, hushall_id):
    status, svar = server.anropa("POST", sokvag, med_hushall_id(SITUATION, hushall_id))
    assert status == 400 and svar["falt"] == "hushallen", svar


def test_ogiltiga_id_i_beslut(server):
    for hushall_id in ("a/b", ""):
        status, svar = server.anropa("POST", "/beslut", med_hushall_id(ARENDE, hushall_id))
        assert status == 400 and svar["falt"] == "hushallen", svar
    status, svar = server.anropa("POST", "/beslut", med_person_id(ARENDE, "johan", ""))
    assert status == 400 and svar["falt"] == "personer", svar


@pytest.mark.parametrize("sokvag", ["/beslut", "/calculate", "/trace"])
def test_heltal_med_fler_an_4300_siffror_ger_400(server, sokvag):
    kropp = b'{"personer": {"a": {"alder": {"2026-03": ' + b"9" * 5000 + b"}}}, \"hushallen\": {}}"
    status, svar = server.anropa("POST", sokvag, kropp)
    assert status == 400 and "siffror" in svar["meddelande"], svar


@pytest.mark.parametrize("sokvag", ["/beslut", "/calculate", "/trace"])
@pytest.mark.parametrize("var", ["id", "varde", "nyckel"])
def test_ensamt_surrogattecken_ger_400(server, sokvag, var):
    grund = json.dumps(ARENDE if sokvag == "/beslut" else SITUATION)
    if var == "id":
        kropp = grund.replace('"hushallet"', '"\\ud800"')
    elif var == "varde":
        kropp = grund.replace('"johan"', '"\\udfff"') if "johan" in grund else grund.replace('"sara"', '"\\udfff"')
    else:
        kropp = grund.replace('"alder"', '"\\ud83d"')
    status, svar = server.anropa("POST", sokvag, kropp.encode())
    assert status == 400 and "surrogat" in svar["meddelande"], svar


def test_giltigt_surrogatpar_ar_tillatet(server):
    status, svar = server.anropa("POST", "/calculate", json.dumps(med_hushall_id(SITUATION, "hus\U0001F3E0")).encode())
    assert status == 200 and "hus\U0001F3E0" in svar["hushallen"]


@pytest.mark.parametrize("period", ["2026-03\n", "２０２６-０３", "2026-0３", "٢٠٢٦-٠٣", " 2026-03", "2026-03 "])
def test_period_med_radslut_eller_andra_siffror_ger_400(server, period):
    status, svar = server.anropa("POST", "/beslut", {**ARENDE, "period": period})
    assert status == 400 and svar["falt"] == "period", svar
    data = json.loads(json.dumps(SITUATION))
    data["hushallen"]["hushallet"]["forsorjningsstod"] = {period: None}
    status, svar = server.anropa("POST", "/calculate", data)
    assert status == 400 and svar["falt"].startswith("hushallen.hushallet.forsorjningsstod"), svar


def test_tomt_entitets_id_ger_400(server):
    status, svar = server.anropa("POST", "/calculate", med_person_id(SITUATION, "sara", ""))
    assert status == 400 and svar["falt"] == "personer", svar


def test_strang_med_nul_ger_400(server):
    for sokvag in ("/beslut", "/calculate", "/trace"):
        status, svar = server.anropa("POST", sokvag, b'"\\u0000"')
        assert status == 400, svar
        status, svar = server.anropa("POST", sokvag, b'"a\x00b"')
        assert status == 400, svar


@pytest.mark.parametrize("sokvag", ["/variable/x%0A/", "/%0A/", "/spec%0D%0ASet-Cookie:%20a=b/", "/parameter/%0A%0D/"])
def test_radslut_i_sokvag_med_snedstreck_ger_ingen_5xx(server, sokvag):
    status, huvuden, _ = server.anropa_fullt("GET", sokvag)
    assert status < 500
    if status in (301, 302, 307, 308):
        plats = huvuden["Location"]
        assert "\n" not in plats and "\r" not in plats and plats.startswith("/") and not plats.startswith("//")
        assert "Set-Cookie" not in huvuden


# --- S6: no open redirect, no trusted X-Forwarded-*, no CORS ---------------------------------------


@pytest.mark.parametrize("sokvag", ["/%09/evil.example/", "//evil.example/", "/%5Cevil.example/",
                                    "/%2F%2Fevil.example/",
                                    "/\\evil.example/", "/%20/evil.example/", "///evil.example//"])
def test_ingen_oppen_omdirigering(server, sokvag):
    status, huvuden, _ = server.anropa_fullt("GET", sokvag)
    assert status < 500
    if "Location" in huvuden:
        plats = huvuden["Location"]
        assert plats.startswith("/") and not plats.startswith("//") and "\\" not in plats, plats
        assert not any(c in plats for c in "\t\n\r "), plats


def test_omdirigering_av_snedstreck_fungerar_fortfarande(server):
    status, huvuden, _ = server.anropa_fullt("GET", "/variables/")
    assert status == 302 and huvuden["Location"] == "/variables"


def test_x_forwarded_host_litas_inte_pa(server):
    _, spec = server.anropa("GET", "/spec", huvuden={"X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "https"})
    assert all("evil.example" not in s["url"] and s["url"].startswith("http://127.0.0.1") for s in spec["servers"])
    _, parametrar = server.anropa("GET", "/parameters", huvuden={"X-Forwarded-Host": "evil.example"})
    assert "evil.example" not in json.dumps(parametrar)


def test_ingen_cors_som_standard(server):
    for metod, sokvag, kropp in (("GET", "/spec", None), ("POST", "/beslut", ARENDE), ("OPTIONS", "/beslut", None)):
        _, huvuden, _ = server.anropa_fullt(metod, sokvag, kropp, huvuden={
            "Origin": "https://evil.example", "Access-Control-Request-Method": "POST"})
        assert not any(h.lower().startswith("access-control-") for h in huvuden), huvuden


@pytest.fixture(scope="module")
def server_bakom_proxy():
    s = LivServer("--bakom-proxy", "--cors-origin", "https://kommun.example", "--cors-origin", "https://annan.example",
                  workers=1)
    yield s
    s.stoppa()


def test_cors_bara_for_angivna_ursprung(server_bakom_proxy):
    for ursprung in ("https://kommun.example", "https://annan.example"):
        _, huvuden, _ = server_bakom_proxy.anropa_fullt("POST", "/beslut", ARENDE, huvuden={"Origin": ursprung})
        assert huvuden.get("Access-Control-Allow-Origin") == ursprung
    _, huvuden, _ = server_bakom_proxy.anropa_fullt("OPTIONS", "/beslut", huvuden={
        "Origin": "https://kommun.example", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type, authorization"})
    assert huvuden.get("Access-Control-Allow-Origin") == "https://kommun.example"
    assert "authorization" in huvuden.get("Access-Control-Allow-Headers", "").lower()
    _, huvuden, _ = server_bakom_proxy.anropa_fullt("GET", "/spec", huvuden={"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in huvuden


def test_x_forwarded_host_bakom_proxy(server_bakom_proxy):
    _, spec = server_bakom_proxy.anropa("GET", "/spec", huvuden={"X-Forwarded-Host": "bistand.kommun.example",
                                                                 "X-Forwarded-Proto": "https"})
    assert spec["servers"][0]["url"].startswith("https://bistand.kommun.example")


# --- S4: framing, slow and heavy clients -----------------------------------------------------------


def test_http_9_9_ger_400_och_arbetaren_lever(server):
    svar, tid = server.ra(b"GET /spec HTTP/9.9\r\nHost: x\r\n\r\n")
    assert svar_status(svar) == 400 and tid < 1
    svar, _ = server.ra(b"GET /spec HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    assert svar_status(svar) == 200


@pytest.mark.parametrize("te", ["gzip, chunked", "chunked, gzip", "gzip", "deflate", "identity, chunked",
                                "chunked, chunked"])
def test_transfer_encoding_som_inte_stods_ger_400(server, te):
    svar, tid = server.ra(post_ra("/calculate", f"Transfer-Encoding: {te}\r\n", b"0\r\n\r\n"))
    assert 400 <= svar_status(svar) < 500 and tid < 1, svar


def test_bara_lf_ger_400_genast(server):
    svar, tid = server.ra(b"GET /spec HTTP/1.1\nHost: x\n\n")
    assert svar_status(svar) == 400 and tid < 1
    svar, tid = server.ra(b"POST /beslut HTTP/1.1\r\nHost: x\nContent-Length: 2\r\n\r\n{}")
    assert svar_status(svar) == 400 and tid < 1


def test_content_length_storre_an_kroppen_ger_400_inom_lasfristen(server):
    svar, tid = server.ra(post_ra("/beslut", "Content-Length: 1000\r\n", b'{"period": '))
    assert svar_status(svar) == 400 and "Content-Length" in svar_kropp(svar)["meddelande"]
    assert LAS_TIMEOUT - 0.5 < tid < LAS_TIMEOUT + 2


def test_chunkstorlek_ffff_ger_413_genast(server):
    svar, tid = server.ra(post_ra("/calculate", "Transfer-Encoding: chunked\r\n", b"FFFFFFFFFFFFFFFF\r\nabc"))
    assert svar_status(svar) == 413 and tid < 1


def test_felaktig_chunkkodning_ger_400(server):
    for kropp in (b"zz\r\n{}\r\n0\r\n\r\n", b"2\r\n{}XX0\r\n\r\n", b"2;" + b"a" * 10 + b"\n{}\r\n0\r\n\r\n"):
        svar, tid = server.ra(post_ra("/calculate", "Transfer-Encoding: chunked\r\n", kropp))
        assert 400 <= svar_status(svar) < 500 and tid < LAS_TIMEOUT + 2, svar


def chunkad(data: bytes, bit: int = 4000) -> bytes:
    delar = [data[i:i + bit] for i in range(0, len(data), bit)]
    return b"".join(f"{len(d):x}\r\n".encode() + d + b"\r\n" for d in delar) + b"0\r\n\r\n"


def test_chunkad_kropp_over_gransen_ger_413_och_beslutas_inte(server):
    kropp = json.dumps(ARENDE).encode()
    stor = kropp[:-1] + b"," + b" " * (MAX_BYTES + 100) + b"}"  # the same case, padded past the limit
    svar, _ = server.ra(post_ra("/beslut", "Transfer-Encoding: chunked\r\n", chunkad(stor, 8000)))
    assert svar_status(svar) == 413, svar[:300]
    assert "utfall" not in svar_kropp(svar)
    svar, _ = server.ra(post_ra("/beslut", "Transfer-Encoding: chunked\r\nConnection: close\r\n", chunkad(kropp)))
    assert svar_status(svar) == 200 and svar_kropp(svar)["utfall"]


def test_expect_100_continue(server):
    """A client that waits for 100 Continue gets it before the body is read, then its answer."""
    kropp = json.dumps(ARENDE).encode()
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as s:
        s.sendall(post_ra("/beslut", f"Content-Length: {len(kropp)}\r\nExpect: 100-continue\r\nConnection: close\r\n"))
        assert s.recv(100).startswith(b"HTTP/1.1 100 Continue\r\n\r\n")
        s.sendall(kropp)
        svar = b""
        while bit := s.recv(65536):
            svar += bit
    while svar.startswith(b"HTTP/1.1 100"):
        svar = svar.split(b"\r\n\r\n", 1)[1]
    assert svar_status(svar) == 200 and svar_kropp(svar)["utfall"]


def test_content_length_och_chunked_tillsammans_ger_400(server):
    svar, _ = server.ra(post_ra("/beslut", "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n", b"0\r\n\r\n"))
    assert svar_status(svar) == 400


def test_langsamma_klienter_stoppar_inte_andra(server):
    """Slow headers and slow bodies hold no thread (2 workers × 4 threads here, 20 slow connections) and
    are cut off at the read deadline; good requests go on at once."""
    langsamma = []
    try:
        for i in range(20):  # from 20 addresses: one address may hold only a few connections (test_klientgrans)
            s = socket.create_connection(("127.0.0.1", server.port), timeout=30,
                                         source_address=(f"127.0.0.{10 + i}", 0))
            if i % 2:
                s.sendall(b"GET /spec HTTP/1.1\r\nHost: x\r\n")  # headers never end
            else:
                s.sendall(post_ra("/beslut", "Content-Length: 1000\r\n", b"{"))  # 1 byte of 1000
            langsamma.append(s)
        time.sleep(0.2)
        start = time.monotonic()
        statusar = [bra_forfragan(server) for _ in range(20)]
        assert statusar == [200] * 20
        assert time.monotonic() - start < LAS_TIMEOUT
        # a client dripping a byte at a time does not get more than the one deadline
        dropp = socket.create_connection(("127.0.0.1", server.port), timeout=30, source_address=("127.0.0.9", 0))
        langsamma.append(dropp)
        dropp.sendall(post_ra("/beslut", "Content-Length: 1000\r\n", b"{"))
        start = time.monotonic()
        try:
            for _ in range(40):
                time.sleep(0.25)
                dropp.sendall(b" ")
        except OSError:
            pass
        assert time.monotonic() - start < LAS_TIMEOUT + 2
        for s in langsamma:
            s.settimeout(LAS_TIMEOUT + 3)
            try:
                svar = s.recv(65536)
            except (TimeoutError, ConnectionResetError):
                svar = b""
            assert svar == b"" or svar_status(svar) in (400, 408), svar[:200]
    finally:
        for s in langsamma:
            s.close()


def manader(antal: int) -> list[str]:
    return [f"{2013 + i // 12}-{i % 12 + 1:02d}" for i in range(antal)]


def tung_situation(personer: int, antal_manader: int, variabler=("beslut",)) -> dict:
    m = manader(antal_manader)
    data = {"personer": {f"p{i}": {"alder": {m[0]: 40 if i < 2 else 10}} for i in range(personer)},
            "hushallen": {"h": {"vuxna": ["p0", "p1"][:personer], "barnen": [f"p{i}" for i in range(2, personer)]}}}
    for namn in variabler:
        data["hushallen"]["h"][namn] = {manad: None for manad in m}
    return data


def test_klientgrans(server):
    """One address holds at most --per-klient connections per worker (2 × 2 here): the next ones get 429 after a
    second, before anything is read, and another address is served as before; a closed connection frees its place."""
    adress = ("127.0.0.50", 0)
    oppna = []
    try:
        for _ in range(8):
            s = socket.create_connection(("127.0.0.1", server.port), timeout=10, source_address=adress)
            s.sendall(b"GET /spec HTTP/1.1\r\nHost: x\r\n")  # headers that do not end: the connection stays open
            oppna.append(s)
            time.sleep(0.05)
        time.sleep(0.3)
        assert select.select(oppna, [], [], 0)[0] == []  # a refused connection waits for its answer
        lasbara, _, _ = select.select(oppna, [], [], 1.5)  # within the read deadline (2 s) of the others
        time.sleep(0.1)
        lasbara, _, _ = select.select(oppna, [], [], 0)
        nekade = [s.recv(65536) for s in lasbara]
        assert 4 <= len(nekade) <= 6, nekade  # the kernel hands each connection to either worker
        for ra in nekade:
            assert svar_status(ra) == 429 and b"Retry-After: 1" in ra and "samma adress" in svar_kropp(ra)["meddelande"]
        assert bra_forfragan(server) == 200
    finally:
        for s in oppna:
            s.close()
    time.sleep(0.3)
    s = socket.create_connection(("127.0.0.1", server.port), timeout=10, source_address=adress)
    with s:
        s.sendall(b"GET /spec HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        assert svar_status(s.recv(65536)) == 200


@pytest.mark.parametrize("sokvag", ["/trace", "/calculate"])
def test_tung_forfragan_ger_422_med_gransen(server, sokvag):
    """The review's request: 100 persons, every month 2013–2100 (here within --max-personer)."""
    start = time.monotonic()
    status, svar = server.anropa("POST", sokvag, tung_situation(20, 88 * 12))
    assert status == 422 and svar["falt"] == "kostnad" and svar["grans"] == 200 and svar["kostnad"] == 20 * 88 * 12
    assert "högst 200" in svar["meddelande"]
    assert time.monotonic() - start < 2


def test_forfragan_under_gransen_beraknas(server):
    status, svar = server.anropa("POST", "/trace", tung_situation(2, 12, ("forsorjningsstod",)))
    assert status == 200 and "forsorjningsstod<2013-12>" in svar["trace"]


def test_tunga_forfragningar_stoppar_inte_latta(server):
    """Two clients looping on the heaviest allowed request; light requests keep their pace."""
    slut = time.monotonic() + 6
    tunga_svar: list[int] = []

    def tung():
        while time.monotonic() < slut:
            tunga_svar.append(server.anropa("POST", "/trace", tung_situation(2, 100), fran="127.0.0.2")[0])

    tradar = [threading.Thread(target=tung) for _ in range(2)]
    for t in tradar:
        t.start()
    try:
        time.sleep(0.5)
        tider = []
        for _ in range(15):
            start = time.monotonic()
            assert bra_forfragan(server) == 200
            tider.append(time.monotonic() - start)
    finally:
        for t in tradar:
            t.join(timeout=60)
    assert set(tunga_svar) <= {200, 429}
    assert sorted(tider)[len(tider) // 2] < 1.0, tider


# --- Writes need a key ------------------------------------------------------------------------------


def registermiljo(katalog) -> dict:
    """The register's own secret key, when this version of the register has one (register.py)."""
    fil = katalog / "registernyckel"
    svar = subprocess.run([sys.executable, "-m", "openfisca_sweden_bistand.granssnitt.cli", "register", "nyckel",
                           "--ut", str(fil)],
                          capture_output=True, text=True, timeout=120)
    return {"BISTAND_REGISTER_NYCKEL": str(fil)} if svar.returncode == 0 and fil.exists() else {}


@pytest.fixture(scope="module")
def server_med_register(tmp_path_factory):
    katalog = tmp_path_factory.mktemp("register")
    s = LivServer("--register", f"sqlite:///{katalog / 'r.sqlite'}", workers=1, env=registermiljo(katalog))
    yield s
    s.stoppa()


def test_beslut_med_register_kraver_nyckel(server_med_register):
    s = server_med_register
    for nyckel in (False, "fel-nyckel", s.nyckel + "x", s.nyckel[:-1], "Basic " + s.nyckel):
        status, huvuden, text = s.anropa_fullt("POST", "/beslut", ARENDE, nyckel=nyckel)
        assert status == 401, text
        assert huvuden["WWW-Authenticate"].startswith("Bearer")
        assert json.loads(text)["falt"] == "Authorization"
    status, _, text = s.anropa_fullt("POST", "/beslut", ARENDE, huvuden={"Authorization": f"bearer {s.nyckel}"},
                                     nyckel=False)
    assert status == 200 and json.loads(text)["registrering"]["lopnummer"] >= 1, text
    # read-only endpoints stay open
    assert s.anropa("GET", "/spec", nyckel=False)[0] == 200
    assert s.anropa("POST", "/calculate", SITUATION, nyckel=False)[0] == 200


def test_nyckel_fran_miljon(tmp_path):
    s = LivServer("--register", f"sqlite:///{tmp_path / 'r.sqlite'}", workers=1,
                  env={"BISTAND_API_NYCKEL": STARK_NYCKEL, **registermiljo(tmp_path)})
    try:
        assert s.anropa("POST", "/beslut", ARENDE)[0] == 401
        assert s.anropa("POST", "/beslut", ARENDE, nyckel=STARK_NYCKEL)[0] == 200
    finally:
        s.stoppa()


def test_register_utan_nyckel_startar_inte(tmp_path):
    miljo = {k: v for k, v in __import__("os").environ.items() if not k.startswith("BISTAND_API_NYCKEL")}
    svar = subprocess.run([sys.executable, "-m", "openfisca_sweden_bistand.granssnitt.cli", "serve", "--port", "1",
                           "--register", f"sqlite:///{tmp_path / 'r.sqlite'}"],
                          capture_output=True, text=True, timeout=120, env=miljo)
    assert svar.returncode == 2 and "API-nyckel" in svar.stderr
    kort = tmp_path / "kort"
    kort.write_text("hemligt")
    svar = subprocess.run([sys.executable, "-m", "openfisca_sweden_bistand.granssnitt.cli", "serve", "--port", "1",
                           "--nyckelfil", str(kort)], capture_output=True, text=True, timeout=120, env=miljo)
    assert svar.returncode == 2 and "minst 32" in svar.stderr


@pytest.mark.parametrize("svag", ["a" * 32, "k" * 40, "Passw0rd!" * 4, "abcdefghijklmnopqrstuvwxyzABCDEFGH",
                                  "correcthorsebatterystaplecorrecthorse"])
def test_svag_api_nyckel_vagras(tmp_path, svag):
    """Finding 5 of the security review: a long key with little entropy (``aaaa…``) was accepted."""
    from openfisca_sweden_bistand.arende.las import ArendeFel
    from openfisca_sweden_bistand.granssnitt.webb import las_api_nyckel, skapa_app

    fil = tmp_path / "nyckel"
    fil.write_text(svag + "\n")
    with pytest.raises(ArendeFel, match="för lätt att gissa") as fel:
        las_api_nyckel(fil)
    assert fel.value.falt == "--nyckelfil" and "secrets.token_urlsafe(32)" in fel.value.meddelande
    assert svag not in str(fel.value)
    with pytest.raises(ArendeFel, match="för lätt att gissa"):
        skapa_app(api_nyckel=svag)
    miljo = {k: v for k, v in __import__("os").environ.items() if not k.startswith("BISTAND_API_NYCKEL")}
    svar = subprocess.run([sys.executable, "-m", "openfisca_sweden_bistand.granssnitt.cli", "serve", "--port", "1",
                           "--nyckelfil", str(fil)], capture_output=True, text=True, timeout=120, env=miljo)
    assert svar.returncode == 2 and "för lätt att gissa" in svar.stderr and svag not in svar.stderr
    assert las_api_nyckel(_skriv(tmp_path / "stark", STARK_NYCKEL)) == STARK_NYCKEL


def _skriv(fil, text):
    fil.write_text(text + "\n")
    return fil

