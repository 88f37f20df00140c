"""Fuzzer for the web API: random and hostile requests against a real `bistand serve` on loopback.

    python bench/fuzz.py [--antal 10000] [--seed 0] [--samtidiga 8] [--port P]

Starts `bistand serve` on a free 127.0.0.1 port (or uses a running one with ``--port``) and sends
``--antal`` requests, each over its own socket as raw HTTP, so that anything can be sent:

- bodies: random JSON, random bytes, valid situations and cases with one part replaced by something
  hostile (ids with ``/``, NUL, newlines or lone surrogates, empty ids, periods with a final newline
  or non-ASCII digits, integers of 5 000 digits, strings that name files, deep nesting, huge numbers);
- paths: random characters percent-encoded, traversal, trailing slashes, newlines, ``//host``;
- headers: random names and values, Content-Type variants, forwarded headers, odd Authorization;
- methods: the usual ones and random tokens;
- framing: Content-Length too large, too small, negative or twice, chunked with bad or huge chunk
  sizes, ``Transfer-Encoding: gzip, chunked``, bare LF, unknown HTTP versions, truncated request lines;
- the web pages: the provberäkning form (``POST /``) and a test file's page (``POST /testfall/…``) with
  the fields of an example, some replaced by hostile values, unknown fields, person numbers far out,
  unknown actions and broken percent-encoding;
- renewals (``POST /ateransokan``): the example renewal with its SSBTEK answer, the answer's XML mutated
  (characters changed, cut short, a text replaced, a block removed, doubled or made an error, a hostile
  snippet put in, the LEFI JSON or CSN's document inside replaced by random data), hostile answers (DTDs,
  entities, XInclude, deep nesting, other encodings, SOAP faults, SOAP 1.2), the envelope's JSON mutated, and
  odd persons (a child, a personnummer, a number, many).

It prints the count of each status code and exits non-zero if any answer was a 5xx or a connection
was dropped without an answer. Every loop is bounded: ``--antal`` requests, ``--max-sekunder`` in all,
and 15 s per request. The test suite runs the same with ``--antal 1000`` (tests/test_api_fuzz.py).
"""

from __future__ import annotations

import argparse
import base64
import html
import json
import random
import re
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

ROT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROT))

from openfisca_sweden_bistand import exempel  # noqa: E402
from openfisca_sweden_bistand.granssnitt.webbsida.formular import fran_arende, som_falt  # noqa: E402

LAS_TIMEOUT = 1.0  # the server's --las-timeout in a fuzz run: truncated requests cost this long
SVARSTID = 15.0

SITUATION = exempel.situation("ensamstaende_forelder")
SITUATION["hushallen"]["hushallet"]["forsorjningsstod"] = {"2026-03": None}
ARENDE = exempel.arende("ensamstaende_forelder")
SOKVAGAR_POST = ["/calculate", "/trace", "/beslut", "/ateransokan"]
ATERANSOKAN = {"ansokan": exempel.arende("ateransokan_2026"), "ssbtek": {
    person: fil.read_text(encoding="utf-8") for person, fil in exempel.ssbtek("ateransokan_2026").items()}}
SVAR = ATERANSOKAN["ssbtek"]["sara"]
MYNDIGHETER = ["AF", "CSN", "FK", "SKV", "SO", "TNS", "MIV"]
_LOL = ('<!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]><l>&d;</l>')
FIENTLIG_XML = [
    _LOL, '<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>',
    '<!DOCTYPE a [<!ENTITY x SYSTEM "http://127.0.0.1:1/">]><a>&x;</a>',
    '<!DOCTYPE a [<!ENTITY % p SYSTEM "http://127.0.0.1:1/p.dtd"> %p;]><a/>', '<!DOCTYPE a SYSTEM "x.dtd"><a/>',
    '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file:///etc/passwd" parse="text"/>',
    "<a>" * 50 + "</a>" * 50, "<a>" * 5000 + "</a>" * 5000, "<a>" + "<b/>" * 30_000 + "</a>", "&amp;&lt;&#0;&#x110000;",
    '<?xml version="1.0" encoding="ISO-8859-1"?><a/>', '<?xml version="1.0" encoding="UTF-16"?><a/>', "\ufeff<a/>",
    "<![CDATA[<!DOCTYPE a [<!ENTITY x 'y'>]><a>&x;</a>]]>", "<?pi x?><!-- k -->", "", "\u0000", "<a",
    '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault><faultstring>'
    "19800101-1234</faultstring></soap:Fault></soap:Body></soap:Envelope>",
    SVAR.replace("http://schemas.xmlsoap.org/soap/envelope/", "http://www.w3.org/2003/05/soap-envelope"),
]
FORMULAR = som_falt(fran_arende(exempel.arende("familj_2026")))
SOKVAGAR_FORMULAR = ["/", "/testfall/beslut/beslut.yaml", "/testfall/../beslut.yaml"]
# Not "kor": running a whole test file is a heavy request, tested in tests/granssnitt/test_webbsida.py.
ATGARDER = ["berakna", "exportera_json", "exportera_yaml", "lagg_till_vuxen", "lagg_till_barn", "ta_bort_0",
            "ta_bort_99", "ta_bort_-1", "signera", "", "x"]
SOKVAGAR_GET = ["/spec", "/parameters", "/variables", "/entities", "/", "/parameter/riksnorm.vuxna.ensamstaende",
                "/variable/forsorjningsstod", "/parameter/", "/variable/"]
KONSTIGA_STRANGAR = [
    "", "/", "a/b", "/etc/passwd", "/dev/zero", "\u0000", "a\u0000b", "\n", "2026-03\n", "２０２６-０３", "2026-0３",
    "\ud800", "\udfff", "\U0001F3E0", "*", "..", "../../etc/passwd", "%2F", "\u202e", "x" * 300, "\t", " ", "null",
    "19800101-1234", "2026-13", "2026-00", "1999-01", "2101-01", "٢٠٢٦-٠٣", "9999-99", "-1", "1e309", "NaN",
]
KONSTIGA_VARDEN = [
    None, True, False, 0, -1, 1.5, -0.0, 10**30, 1e308, -1e308, "", "abc", [], {}, [None], {"": None},
    {"2026-03": None}, {"2026-03": -5}, {"2026-03": "x"}, {"2026-03\n": 1}, {"\ud800": 1}, 2**63, -(2**63),
]


def slumpstrang(r: random.Random, maxlangd: int = 12) -> str:
    if r.random() < 0.4:
        return r.choice(KONSTIGA_STRANGAR)
    alfabet = r.choice(["abcdefghij", "åäö_-.:/", "\u0000\u0001\n\r\t", "0123456789-", "\ud800\udc00\U0001F600é"])
    return "".join(r.choice(alfabet) for _ in range(r.randint(0, maxlangd)))


def slumpvarde(r: random.Random, djup: int = 0):
    val = r.random()
    if djup > 3 or val < 0.5:
        return r.choice(KONSTIGA_VARDEN + [slumpstrang(r), r.randint(-10**6, 10**6), r.uniform(-1e6, 1e6)])
    if val < 0.75:
        return [slumpvarde(r, djup + 1) for _ in range(r.randint(0, 4))]
    return {slumpstrang(r, 8): slumpvarde(r, djup + 1) for _ in range(r.randint(0, 4))}


def kodad_json(data) -> bytes:
    """JSON with lone surrogates kept as \\u escapes (json.dumps's default ensure_ascii does that)."""
    return json.dumps(data).encode()


def platser(data) -> list[tuple]:
    """Every place in ``data`` (objects within objects) as the keys that lead to it, the root ``()`` first.
    The hypothesis fuzzer (tests/granssnitt/test_api_fuzz.py) mutates the same places."""
    ut = []

    def samla(nod, vag):
        ut.append(vag)
        if isinstance(nod, dict):
            for nyckel, varde in nod.items():
                samla(varde, (*vag, nyckel))

    samla(data, ())
    return ut


def muterad(r: random.Random, grund: dict) -> bytes:
    data = json.loads(json.dumps(grund))
    vag = r.choice(platser(data)[1:])
    nod = data
    for nyckel in vag[:-1]:
        nod = nod[nyckel]
    handling = r.choice(["ersatt", "ta_bort", "byt_nyckel", "ny_nyckel", "stort_tal", "lista"])
    if handling == "ersatt":
        nod[vag[-1]] = slumpvarde(r)
    elif handling == "ta_bort":
        del nod[vag[-1]]
    elif handling == "byt_nyckel":
        nod[slumpstrang(r)] = nod.pop(vag[-1])
    elif handling == "ny_nyckel" and isinstance(nod[vag[-1]], dict):
        nod[vag[-1]][slumpstrang(r)] = slumpvarde(r)
    elif handling == "lista":
        nod[vag[-1]] = [nod[vag[-1]]] * r.randint(0, 3)
    text = kodad_json(data)
    if handling == "stort_tal":
        text = text.replace(b"34", b"9" * r.choice([20, 400, 4400, 5000]), 1)
    return text


def muterad_xml(r: random.Random, xml: str) -> str:
    """``xml`` with one thing changed."""
    val = r.randrange(9)
    if val == 0 and xml:  # a character changed
        i = r.randrange(len(xml))
        tecken = r.choice(["<", ">", "&", "\u0000", "\ud800", "]]>", "\"", chr(r.randrange(32, 0x3000))])
        return xml[:i] + tecken + xml[i + 1:]
    if val == 1:  # cut short
        return xml[:r.randrange(len(xml) + 1)]
    if val == 2:  # a text replaced (escaped or not)
        texter = list(re.finditer(r">([^<]+)<", xml))
        if texter:
            traff = r.choice(texter)
            ny = str(slumpvarde(r)) if r.random() < 0.3 else slumpstrang(r, 20)
            ny = html.escape(ny) if r.random() < 0.7 else ny
            return xml[:traff.start(1)] + ny + xml[traff.end(1):]
    if val in (3, 4, 5):  # an agency's block removed, doubled or made an error block
        myndighet = r.choice(MYNDIGHETER)
        block = re.search(rf"<ssbt:{myndighet}>.*?</ssbt:{myndighet}>", xml, flags=re.S)
        if block:
            ny = {3: "", 4: block.group() * 2, 5: f"<ssbt:{myndighet}><ssbt:error><ssbt:kalla>"
                  f"{r.choice(['SSBT', 'BT', 'X', ''])}</ssbt:kalla><ssbt:felkod>{slumpstrang(r)}</ssbt:felkod>"
                  f"</ssbt:error></ssbt:{myndighet}>"}[val]
            return xml[:block.start()] + ny + xml[block.end():]
    if val == 6:  # a hostile snippet between two tags
        platser = [m.end() for m in re.finditer(">", xml)] or [0]
        i = r.choice(platser)
        return xml[:i] + r.choice(FIENTLIG_XML) + xml[i:]
    if val == 7:  # the LEFI JSON inside replaced
        inre = json.dumps(slumpvarde(r)).encode() if r.random() < 0.6 else bytes(
            r.getrandbits(8) for _ in range(r.randint(0, 100)))
        return re.sub(r"<ssbt:lefiJsonSvar>[^<]*", lambda _: "<ssbt:lefiJsonSvar>" + base64.b64encode(inre).decode(),
                      xml, count=1)
    if val == 8:  # CSN's document inside replaced
        inre = r.choice(FIENTLIG_XML).encode("utf-8", "surrogatepass")
        return re.sub(r"(<ssbt:CSN>\s*<ssbt:data>\s*<ssbt:svar>)[^<]*",
                      lambda m: m.group(1) + base64.b64encode(inre).decode(), xml, count=1)
    return xml


def aterkropp(r: random.Random) -> bytes:
    """A POST /ateransokan body: the example, its answer mutated, a hostile answer, the envelope mutated, or odd
    persons."""
    val = r.random()
    if val < 0.1:
        return kodad_json(ATERANSOKAN)
    if val < 0.5:
        xml = SVAR
        for _ in range(r.randint(1, 3)):
            xml = muterad_xml(r, xml)
        return kodad_json({**ATERANSOKAN, "ssbtek": {"sara": xml}})
    if val < 0.65:
        return kodad_json({**ATERANSOKAN, "ssbtek": {"sara": r.choice(FIENTLIG_XML)}})
    if val < 0.85:
        return muterad(r, ATERANSOKAN)
    personer = r.choice([{"leo": SVAR}, {"19800101-1234": SVAR}, {"sara": SVAR, "": SVAR}, {"sara": 5},
                         {"sara": [SVAR]}, {"sara": None}, {f"p{i}": "<a/>" for i in range(50)}, {},
                         {slumpstrang(r): SVAR}, {"sara": SVAR, "leo": "<a>" * 100_000}])
    return kodad_json({**ATERANSOKAN, "ssbtek": personer})


def slumpkropp(r: random.Random, sokvag: str) -> bytes:
    if sokvag == "/ateransokan":
        return aterkropp(r)
    val = r.random()
    if val < 0.45:
        return muterad(r, ARENDE if sokvag == "/beslut" else SITUATION)
    if val < 0.6:
        return kodad_json(slumpvarde(r))
    if val < 0.7:
        return bytes(r.getrandbits(8) for _ in range(r.randint(0, 200)))
    if val < 0.78:
        return kodad_json(r.choice(KONSTIGA_STRANGAR))  # a string body: never a path
    if val < 0.82:
        djup = r.choice([100, 1000, 20000])
        return b"[" * djup + b"]" * djup
    if val < 0.86:
        return kodad_json(ARENDE if sokvag == "/beslut" else SITUATION)  # a good one
    if val < 0.9:  # many months: the cost limit
        data = json.loads(json.dumps(SITUATION))
        data["hushallen"]["hushallet"]["beslut"] = {f"{2013 + i // 12}-{i % 12 + 1:02d}": None
                                                    for i in range(r.choice([10, 100, 1000]))}
        return kodad_json(data)
    text = kodad_json(ARENDE if sokvag == "/beslut" else SITUATION)
    i = r.randrange(len(text))
    return text[:i] + bytes([r.getrandbits(8)]) + text[i + 1:]


def formularkropp(r: random.Random) -> bytes:
    """The fields of an example as a browser posts them, some replaced by hostile values or names."""
    from urllib.parse import urlencode

    falt = dict(FORMULAR)
    for _ in range(r.randint(0, 6)):
        namn = r.choice([*falt, f"personer-{r.choice([4, 49, 50, 999])}-roll", "personer-0-mottog_forsorjningsstod",
                         "hushall-uppgifter_kompletta", "reform", "regim", "fall", "nyckel", slumpstrang(r)])
        falt[namn] = r.choice([*KONSTIGA_STRANGAR, slumpstrang(r), "true", "barn", "Bidragstak2027"])
    falt["atgard"] = r.choice(ATGARDER)
    kropp = urlencode(falt, errors="surrogatepass").encode()  # a lone surrogate: bytes that are not UTF-8
    if r.random() < 0.15:
        i = r.randrange(len(kropp))
        kropp = kropp[:i] + r.choice([b"%", b"%G0", b"%FF", b"&&=", b"=\x00"]) + kropp[i:]
    return kropp


def slumpsokvag(r: random.Random) -> str:
    if r.random() < 0.5:
        bas = r.choice(SOKVAGAR_GET + SOKVAGAR_POST)
    else:
        bas = r.choice(["/parameter/", "/variable/", "/", "//", "/spec/", "/%09/"])
        bas += "".join(r.choice(["a", ".", "%2F", "%0A", "%0D", "%00", "%09", "%5C", "..", "/", "%FF", "%C3%A5",
                                 "evil.example", "19800101-1234", "%", "?", "#", "riksnorm"])
                       for _ in range(r.randint(0, 8)))
    if r.random() < 0.2:
        bas += "/"
    return bas


HUVUDNAMN = ["Content-Type", "Accept", "Authorization", "X-Forwarded-Host", "X-Forwarded-For", "X-Forwarded-Proto",
             "Origin", "X-Arende-Referens", "User-Agent", "Referer", "Cookie", "Expect", "Range", "If-None-Match",
             "Accept-Encoding", "Content-Encoding", "Forwarded"]
TYPER = ["application/json", "application/json; charset=utf-8", "text/plain", "application/x-www-form-urlencoded",
         "multipart/form-data; boundary=x", "application/json; charset=latin-1", "", "application/vnd.api+json"]


def slumphuvuden(r: random.Random) -> list[tuple[str, str]]:
    huvuden = [("Host", r.choice(["127.0.0.1", "evil.example", "", "a" * 300]))]
    if r.random() < 0.95:
        huvuden.append(("Content-Type", "application/json" if r.random() < 0.75 else r.choice(TYPER)))
    for _ in range(r.randint(0, 4)):
        namn = r.choice(HUVUDNAMN + ["X-" + "".join(r.choice("abcXYZ019-") for _ in range(6))])
        varde = r.choice(["", "Bearer x", "Bearer " + "a" * 2000, "evil.example", "https://evil.example", "gzip",
                          "100-continue", "bytes=0-1", "19800101-1234", "\u00e5\u00e4\u00f6", "a, b", " x "])
        huvuden.append((namn, varde))
    return huvuden


def forfragan(r: random.Random) -> tuple[str, bytes]:
    """(kind, raw request)."""
    typ = r.choices(["post", "get", "metod", "ram", "skrap", "formular"], weights=[50, 15, 8, 15, 5, 7])[0]
    if typ == "formular":
        kropp = formularkropp(r)
        huvuden = [(n, v) for n, v in slumphuvuden(r) if n != "Content-Type"]
        huvuden += [("Content-Type", "application/x-www-form-urlencoded" if r.random() < 0.9 else r.choice(TYPER)),
                    ("Content-Length", str(len(kropp)))]
        return typ, _bygg("POST", r.choice(SOKVAGAR_FORMULAR), "HTTP/1.1", huvuden, kropp)
    if typ in ("post", "metod"):
        sokvag = r.choice(SOKVAGAR_POST) if r.random() < 0.9 else slumpsokvag(r)
        metod = "POST" if typ == "post" else r.choice(["PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "GET", "TRACE",
                                                       "CONNECT", "FOO", "post", "P0ST"])
        kropp = slumpkropp(r, sokvag)
        huvuden = slumphuvuden(r) + [("Content-Length", str(len(kropp)))]
        return typ, _bygg(metod, sokvag, "HTTP/1.1", huvuden, kropp)
    if typ == "get":
        return typ, _bygg("GET", slumpsokvag(r), r.choice(["HTTP/1.1", "HTTP/1.0"]), slumphuvuden(r), b"")
    if typ == "ram":
        return typ, ramfel(r)
    return typ, bytes(r.getrandbits(8) for _ in range(r.randint(1, 300))) + b"\r\n\r\n"


def _bygg(metod: str, sokvag: str, version: str, huvuden, kropp: bytes, radslut: str = "\r\n") -> bytes:
    rader = [f"{metod} {sokvag} {version}"] + [f"{n}: {v}" for n, v in huvuden] + ["Connection: close", "", ""]
    return radslut.join(rader).encode("utf-8", "surrogatepass") + kropp


def ramfel(r: random.Random) -> bytes:
    """Malformed or hostile framing."""
    kropp = kodad_json(ARENDE)
    bas = [("Host", "x"), ("Content-Type", "application/json")]
    val = r.randrange(14)
    return _ramfel_langd(r, val, kropp, bas) if val <= 6 else _ramfel_ovrigt(r, val, kropp, bas)


def _ramfel_langd(r: random.Random, val: int, kropp: bytes, bas: list[tuple[str, str]]) -> bytes:
    """Framing 0–6: Content-Length, chunk sizes, Transfer-Encoding, bare LF."""
    if val == 0:  # Content-Length larger than the body (answered when the read deadline passes)
        return _bygg("POST", "/beslut", "HTTP/1.1", bas + [("Content-Length", str(len(kropp) + 50))], kropp)
    if val == 1:  # Content-Length smaller than the body: the rest is the next "request"
        return _bygg("POST", "/beslut", "HTTP/1.1", bas + [("Content-Length", str(len(kropp) // 2))], kropp)
    if val == 2:
        langd = r.choice(["-1", "x", "1e3", "+5", " "])
        return _bygg("POST", "/beslut", "HTTP/1.1", bas + [("Content-Length", langd)], kropp)
    if val == 3:
        return _bygg("POST", "/beslut", "HTTP/1.1", bas + [("Content-Length", "5"), ("Content-Length", "6")], kropp)
    if val == 4:
        storlek = r.choice(["FFFFFFFFFFFFFFFF", "zz", "-1", "1;ext", "", " 5", "0x10", "7fffffff", "100000"])
        return _bygg("POST", "/calculate", "HTTP/1.1", bas + [("Transfer-Encoding", "chunked")], b"") + \
            storlek.encode() + b"\r\n{}\r\n0\r\n\r\n"
    if val == 5:
        te = r.choice(["gzip, chunked", "chunked, gzip", "gzip", "identity", "chunked, chunked", "CHUNKED",
                       "chunked;x"])
        return _bygg("POST", "/calculate", "HTTP/1.1", bas + [("Transfer-Encoding", te)], b"5\r\n{}   \r\n0\r\n\r\n")
    return _bygg("POST", "/beslut", "HTTP/1.1", bas + [("Content-Length", str(len(kropp)))], kropp, radslut="\n")


def _ramfel_ovrigt(r: random.Random, val: int, kropp: bytes, bas: list[tuple[str, str]]) -> bytes:
    """Framing 7–13: HTTP versions, chunked bodies, limits, unfinished and odd request lines."""
    if val == 7:
        version = r.choice(["HTTP/9.9", "HTTP/2.0", "HTTP/1.2", "HTTP/0.9", "HTTP/1", "http/1.1", "HTTP/1.1.1", "FOO"])
        return _bygg("GET", "/spec", version, [("Host", "x")], b"")
    if val == 8:  # a good chunked body
        delar = [kropp[i:i + 500] for i in range(0, len(kropp), 500)]
        return _bygg("POST", "/beslut", "HTTP/1.1", bas + [("Transfer-Encoding", "chunked")], b"") + \
            b"".join(f"{len(d):x}\r\n".encode() + d + b"\r\n" for d in delar) + b"0\r\n\r\n"
    if val == 9:  # a chunked body over the size limit
        stor = b"[" + b"1," * 200_000 + b"1]"
        return _bygg("POST", "/calculate", "HTTP/1.1", bas + [("Transfer-Encoding", "chunked")], b"") + \
            f"{len(stor):x}\r\n".encode() + stor + b"\r\n0\r\n\r\n"
    if val == 10:  # a request line or headers over gunicorn's limits
        return _bygg("GET", "/" + "a" * r.choice([5000, 9000]), "HTTP/1.1", [("Host", "x")], b"") if r.random() < 0.5 \
            else _bygg("GET", "/spec", "HTTP/1.1", [("X-" + str(i), "v" * 100) for i in range(150)], b"")
    if val == 11:  # headers that never end (answered 408 at the read deadline)
        return b"GET /spec HTTP/1.1\r\nHost: x\r\n"
    if val == 12:  # truncated request line / obsolete line folding / spaces
        return r.choice([b"GET /spec\r\n\r\n", b"GET  /spec  HTTP/1.1\r\n\r\n",
                         b"GET /spec HTTP/1.1\r\nX: a\r\n b\r\n\r\n", b"GET /spec HTTP/1.1\r\nHost : x\r\n\r\n",
                         b"\r\n\r\nGET /spec HTTP/1.1\r\n\r\n",
                         b"GET /sp\x00ec HTTP/1.1\r\n\r\n", b"GET /spec HTTP/1.1\r\n\x00: x\r\n\r\n"])
    return _bygg("POST", "/beslut", "HTTP/1.1", bas + [("Content-Length", str(len(kropp))),
                                                       ("Transfer-Encoding", "chunked")], kropp)


def skicka(port: int, data: bytes) -> tuple[int | None, str]:
    """(status or None if the connection was dropped without an answer, the first line)."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=SVARSTID) as s:
            try:
                s.sendall(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the server may answer and close before reading everything (413, 400)
            svar = b""
            slut = time.monotonic() + SVARSTID
            while time.monotonic() < slut and b"\r\n" not in _utan_1xx(svar):
                try:
                    bit = s.recv(4096)
                except ConnectionResetError:
                    break
                if not bit:
                    break
                svar += bit
    except TimeoutError:
        return None, f"inget svar inom {SVARSTID} s"
    except OSError as fel:
        return None, f"{type(fel).__name__}: {fel}"
    forsta = _utan_1xx(svar).split(b"\r\n", 1)[0].decode("latin-1")
    delar = forsta.split(" ", 2)
    if len(delar) < 2 or not delar[0].startswith("HTTP/1.") or not delar[1].isdigit():
        return None, forsta or "anslutningen stängdes utan svar"
    return int(delar[1]), forsta


def _utan_1xx(svar: bytes) -> bytes:
    """The answer after any interim 1xx answers (100 Continue)."""
    while svar.startswith(b"HTTP/1.1 1") and b"\r\n\r\n" in svar:
        svar = svar.split(b"\r\n\r\n", 1)[1]
    return svar


def fuzza(port: int, antal: int, seed: int = 0, samtidiga: int = 8, max_sekunder: float = 900) -> dict:
    """Send ``antal`` requests; {"status": Counter, "fel": [(kind, first line, request head)], "sekunder": …}."""
    statusar: Counter = Counter()
    fel: list = []
    las = threading.Lock()
    nasta = [0]
    slut = time.monotonic() + max_sekunder

    def arbetare():
        while time.monotonic() < slut:
            with las:
                if nasta[0] >= antal:
                    return
                nummer = nasta[0]
                nasta[0] += 1
            r = random.Random(f"{seed}-{nummer}")
            typ, data = forfragan(r)
            status, rad = skicka(port, data)
            with las:
                statusar[status if status is not None else "avbruten"] += 1
                if status is None or status >= 500:
                    fel.append((typ, rad, data[:300]))

    start = time.monotonic()
    tradar = [threading.Thread(target=arbetare, daemon=True) for _ in range(samtidiga)]
    for t in tradar:
        t.start()
    for t in tradar:
        t.join(timeout=max(1.0, slut - time.monotonic() + SVARSTID + 5))
    return {"status": statusar, "fel": fel, "sekunder": time.monotonic() - start, "skickade": sum(statusar.values())}


def starta_server(port: int, *extra: str) -> subprocess.Popen:
    process = subprocess.Popen(
        [sys.executable, "-m", "openfisca_sweden_bistand.granssnitt.cli", "serve", "--port", str(port),
         "--host", "127.0.0.1", "--las-timeout", str(LAS_TIMEOUT), *extra],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    slut = time.monotonic() + 120
    while time.monotonic() < slut:
        if process.poll() is not None:
            raise RuntimeError("bistand serve avslutades")
        if skicka(port, b"GET /spec HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")[0] == 200:
            return process
        time.sleep(0.3)
    process.kill()
    raise RuntimeError("bistand serve svarade inte inom 120 s")


def ledig_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rapport(resultat: dict) -> str:
    s = resultat["status"]
    delar = ", ".join(f"{k}: {s[k]}" for k in sorted(s, key=str))
    klasser = Counter(f"{k // 100}xx" if isinstance(k, int) else k for k in s.elements())
    return (f"{resultat['skickade']} förfrågningar på {resultat['sekunder']:.0f} s: {delar}\n"
            f"per klass: {', '.join(f'{k} {v}' for k, v in sorted(klasser.items()))}; "
            f"5xx: {klasser.get('5xx', 0)}, avbrutna: {klasser.get('avbruten', 0)}")


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--antal", type=int, default=10_000)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--samtidiga", type=int, default=8)
    p.add_argument("--max-sekunder", type=float, default=900)
    p.add_argument("--port", type=int, help="en redan startad bistand serve på 127.0.0.1 (annars startas en)")
    args = p.parse_args()
    process = None
    port = args.port
    if port is None:
        port = ledig_port()
        process = starta_server(port)
    try:
        resultat = fuzza(port, args.antal, args.seed, args.samtidiga, args.max_sekunder)
        efterat = skicka(port, b"GET /spec HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")[0]
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=30)
    print(rapport(resultat))
    for typ, rad, data in resultat["fel"][:10]:
        print(f"  {typ}: {rad!r} för {data[:160]!r}")
    ok = not resultat["fel"] and resultat["skickade"] == args.antal and efterat == 200
    if efterat != 200:
        print(f"servern svarade inte på GET /spec efteråt ({efterat})")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
