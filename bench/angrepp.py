"""Good traffic alone and beside each attack shape of the security review, interleaved: does the API keep serving?

    python bench/angrepp.py [--sekunder 4] [--rundor 5] [--goda 2] [--workers 2] [--threads 4] [--former A,B]

Starts `bistand serve` on a free 127.0.0.1 port with its defaults (``--workers`` gthread workers of ``--threads``
threads, read deadline 5 s, cost limit 200, 8 connections per client address and worker, one slot for heavy work
computing half the time)
and its test catalogue. Good traffic is ``--goda`` keep-alive clients from 127.0.0.1, each looping over POST
/beslut and POST /calculate of the embedded examples (every example, in turn) and POST /ateransokan of each example
that comes with its SSBTEK answers. Each attack shape comes from addresses of its own (127.0.0.2 and up, as another
client would) and runs for ``--sekunder`` beside the good traffic; before each such phase the good traffic runs as
long alone (A B A B …, ``--rundor`` times), so that a drifting machine moves both sides. The shapes:

- ``langsamma``: 2 clients, each keeping 50 connections dripping a header or body byte every 0.5 s;
- ``under_gransen``: 2 clients looping on the costliest requests still computed in the worker (``webb.LATT_*``: a
  /calculate of 5 persons and 1 month, a /beslut of 5 persons with at most 70 given values);
- ``over_gransen``: 2 clients looping on requests just above (6 persons and 2 months, 5 persons and just over 70
  values: heavy, each in a process of its own), a /trace of one value (every /trace is heavy) and the review's
  /trace of cost 50;
- ``tyngsta``: 2 clients looping on /trace and /calculate of cost 200 (the most allowed), cost 201 (refused, 422)
  and the review's 100 persons × every month 2013–2100;
- ``stora_kroppar``: 2 clients looping on a /beslut of 50 persons with 40 months of values (about 250 kB), a POST /
  (the provberäkning) of 50 persons with a reform and a delegation regime, and the costliest renewals within the
  body limit (an SSBTEK answer of some 60 000 elements; one with 950 vehicles);
- ``katalog``: 2 clients looping on GET /testfall and GET /testfall/<the largest file>;
- ``skurar``: one client opening bursts of 200 concurrent connections, each sending an ordinary POST /beslut.

It prints, per shape, the good traffic's median throughput alone and beside it (with each side's range over the
rounds), the ratio (the median over the rounds of each phase beside the attack divided by the mean of the phases
alone just before and after it, and the range of those), p99, the good requests that failed, and what the hostile
clients got; then the goals: every ratio at least 0.5, and no good request failed. The clients run on the same
machine as the server and take CPU from it, as an attacker on the machine's own network would not: the ratios
are on the safe side.
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import re
import socket
import statistics
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlencode

ROT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROT))

from _server import ledig_port  # noqa: E402
from _server import starta as starta_server  # noqa: E402

from openfisca_sweden_bistand import exempel  # noqa: E402
from openfisca_sweden_bistand.granssnitt import webb  # noqa: E402

MAL_ANDEL = 0.5



def goda_forfragningar() -> list[tuple[str, bytes]]:
    forfragningar = []
    for namn in exempel.namn():
        arende = exempel.arende(namn)
        situation = exempel.situation(namn)
        (hushall,) = situation["hushallen"].values()
        hushall["forsorjningsstod"] = {arende["period"]: None}
        forfragningar += [("/beslut", json.dumps(arende).encode()), ("/calculate", json.dumps(situation).encode())]
        if svar := exempel.ssbtek(namn):
            forfragningar.append(("/ateransokan", ateransokan(namn, {p: f.read_text(encoding="utf-8")
                                                                     for p, f in svar.items()})))
    return forfragningar


def ateransokan(namn: str, svar: dict[str, str]) -> bytes:
    return json.dumps({"ansokan": exempel.arende(namn), "ssbtek": svar}).encode()


def tung_ateransokan(del_: str, grans: int = 256 * 1024 - 512) -> bytes:
    """The largest renewal of the example ateransokan_2026 within ``grans`` bytes whose answer is Sara's with ``del_``
    repeated: elements the reader parses and ignores (inside Arbetsförmedlingen's answer) or vehicles (each a check)."""
    (namn,) = [n for n in exempel.namn() if exempel.ssbtek(n)][:1]
    svar = exempel.ssbtek(namn)["sara"].read_text(encoding="utf-8")

    def bygg(antal: int) -> bytes:
        if del_ == "element":
            return ateransokan(namn, {"sara": svar.replace("<af:Schemaversion>",
                                                           "<b/>" * antal + "<af:Schemaversion>")})
        fordon = ("<fordon:fordon><fordon:fabrikat>Volvo</fordon:fabrikat><fordon:fordonsar>2014</fordon:fordonsar>"
                  "<fordon:fordonsslag>PERSONBIL</fordon:fordonsslag></fordon:fordon>")
        return ateransokan(namn, {"sara": re.sub(r"<(tns:fordonsinnehav[^>]*?)/?>", lambda t: f"<{t.group(1)}>"
                                                 + fordon * antal + "</tns:fordonsinnehav>", svar, count=1)})

    antal = 1
    while len(bygg(antal * 2)) <= grans:
        antal *= 2
    steg = antal // 2
    while steg:
        if len(bygg(antal + steg)) <= grans:
            antal += steg
        steg //= 2
    return bygg(antal)


def manader(antal: int) -> list[str]:
    return [f"{2013 + i // 12}-{i % 12 + 1:02d}" for i in range(antal)]


def tung(personer: int, antal_manader: int) -> bytes:
    m = manader(antal_manader)
    data = {"personer": {f"p{i}": {"alder": {m[0]: 40 if i < 2 else 10}} for i in range(personer)},
            "hushallen": {"h": {"vuxna": ["p0", "p1"][:personer], "barnen": [f"p{i}" for i in range(2, personer)],
                                "beslut": {manad: None for manad in m}}}}
    return json.dumps(data).encode()


def anropa(port: int, sokvag: str, kropp: bytes | None, fran: str, typ: str = "application/json",
           tidsgrans: float = 60) -> int:
    anslutning = http.client.HTTPConnection("127.0.0.1", port, timeout=tidsgrans, source_address=(fran, 0))
    try:
        anslutning.request("POST" if kropp is not None else "GET", sokvag, body=kropp,
                           headers={"Content-Type": typ} if kropp is not None else {})
        svar = anslutning.getresponse()
        svar.read()
        return svar.status
    finally:
        anslutning.close()


def goda(port: int, sekunder: float, antal: int) -> dict:
    """``antal`` keep-alive clients from 127.0.0.1 for ``sekunder``: throughput, p99 and errors."""
    forfragningar = goda_forfragningar()
    latenser: list[float] = []
    fel: Counter = Counter()
    las = threading.Lock()
    slut = time.monotonic() + sekunder

    def klient(nummer: int) -> None:
        egna, egna_fel, i = [], Counter(), nummer
        anslutning = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while time.monotonic() < slut:
            sokvag, kropp = forfragningar[i % len(forfragningar)]
            i += 1
            start = time.perf_counter()
            try:
                anslutning.request("POST", sokvag, body=kropp, headers={"Content-Type": "application/json"})
                svar = anslutning.getresponse()
                svar.read()
                if svar.status != 200:
                    egna_fel[svar.status] += 1
                if svar.getheader("Connection", "").lower() == "close":
                    anslutning.close()
            except (OSError, http.client.HTTPException) as e:
                egna_fel[type(e).__name__] += 1
                anslutning.close()
            egna.append(time.perf_counter() - start)
        anslutning.close()
        with las:
            latenser.extend(egna)
            fel.update(egna_fel)

    tradar = [threading.Thread(target=klient, args=(n,)) for n in range(antal)]
    start = time.perf_counter()
    for t in tradar:
        t.start()
    for t in tradar:
        t.join(timeout=sekunder + 120)
    tid = time.perf_counter() - start
    kvantil = statistics.quantiles(latenser, n=100) if len(latenser) > 1 else [0.0] * 99
    return {"forfragningar": len(latenser), "fel": sum(fel.values()), "feltyper": dict(fel),
            "per_sekund": len(latenser) / tid, "p99_ms": kvantil[98] * 1000}


# --- the attack shapes: each a function (port, end, outcomes, lock, its address) run by two threads ------------


Utfall = Counter


def _rakna(utfall: Utfall, las: threading.Lock, vad: str, status: object) -> None:
    with las:
        utfall[f"{vad}: {status}"] += 1


def _loopa(fall: list[tuple[str, str, bytes | None, str]]) -> Callable[..., None]:
    """A client looping over ``fall`` (label, path, body or None for GET, content type) until the end."""

    def klient(port: int, slut: float, utfall: Utfall, las: threading.Lock, fran: str) -> None:
        i = 0
        while time.monotonic() < slut:
            vad, sokvag, kropp, typ = fall[i % len(fall)]
            i += 1
            try:
                status: object = anropa(port, sokvag, kropp, fran, typ)
            except (OSError, http.client.HTTPException) as e:
                status = type(e).__name__
            _rakna(utfall, las, vad, status)
            if status == 429:
                time.sleep(0.05)  # as a client that honours Retry-After only a little

    return klient


def langsam_klient(port: int, slut: float, utfall: Utfall, las: threading.Lock, fran: str,
                   anslutningar: int = 50) -> None:
    """Keeps ``anslutningar`` connections dripping: a body byte or a header byte every 0.5 s."""
    oppna: list[socket.socket] = []
    nummer = 0
    try:
        while time.monotonic() < slut:
            while len(oppna) < anslutningar and time.monotonic() < slut:
                try:
                    s = socket.create_connection(("127.0.0.1", port), timeout=5, source_address=(fran, 0))
                    s.sendall(b"POST /beslut HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                              b"Content-Length: 1000\r\n\r\n{" if nummer % 2 else b"GET /spec HTTP/1.1\r\nHost: x\r\n")
                    nummer += 1
                    oppna.append(s)
                except OSError:
                    _rakna(utfall, las, "långsam", "kunde inte ansluta")
                    time.sleep(0.1)
                    break
            time.sleep(0.5)
            for s in list(oppna):
                try:
                    s.sendall(b" ")
                    s.setblocking(False)
                    try:
                        svar = s.recv(200)  # an answer (408, 400, 429) or b"": the server cut it off
                    except BlockingIOError:
                        continue  # still open, still dripping
                    finally:
                        s.setblocking(True)
                    hur = svar[9:12].decode("latin-1") if svar.startswith(b"HTTP/") else "stängd"
                except OSError as e:
                    hur = type(e).__name__
                _rakna(utfall, las, "långsam avbruten", hur)
                oppna.remove(s)
                s.close()
    finally:
        for s in oppna:
            s.close()


def skur_klient(port: int, slut: float, utfall: Utfall, las: threading.Lock, fran: str, storlek: int = 200) -> None:
    """Bursts of ``storlek`` concurrent connections, each an ordinary POST /beslut; the next burst when all answered."""
    kropp = json.dumps(exempel.arende("ensamstaende_2026")).encode()
    forfragan = (f"POST /beslut HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nConnection: close\r\n"
                 f"Content-Length: {len(kropp)}\r\n\r\n").encode() + kropp
    while time.monotonic() < slut:
        socklar = []
        for _ in range(storlek):
            try:
                s = socket.create_connection(("127.0.0.1", port), timeout=30, source_address=(fran, 0))
                s.sendall(forfragan)
                socklar.append(s)
            except OSError as e:
                _rakna(utfall, las, "skur", type(e).__name__)
        for s in socklar:
            try:
                svar = s.recv(64)
                _rakna(utfall, las, "skur", svar[9:12].decode("latin-1") if svar.startswith(b"HTTP/") else "stängd")
            except OSError as e:
                _rakna(utfall, las, "skur", type(e).__name__)
            finally:
                s.close()


def stort_beslut(personer: int = 50, antal_manader: int = 40) -> bytes:
    """A /beslut of the family example with ``personer`` persons in all (the extra ones children with an income in
    each of ``antal_manader`` months; the father's months with support as many): 50 and 40 is the review's."""
    arende = exempel.arende("familj_2026")
    m = manader(antal_manader)
    barn = arende["personer"]["olle"]
    for i in range(personer - len(arende["personer"])):
        arende["personer"][f"barn{i}"] = {**barn, "inkomst_av_anstallning": {manad: 100 for manad in m}}
        arende["hushallen"]["hushallet"]["barnen"].append(f"barn{i}")
    arende["personer"]["anders"]["mottog_forsorjningsstod"] = {manad: True for manad in m}
    return json.dumps(arende).encode()


def berakning(personer: int, antal_manader: int) -> bytes:
    """A /calculate of ``personer`` persons asking for försörjningsstöd in ``antal_manader`` months."""
    data = json.loads(tung(personer, antal_manader))
    hushall = data["hushallen"]["h"]
    hushall["forsorjningsstod"] = hushall.pop("beslut")
    return json.dumps(data).encode()


def stort_formular(personer: int = 50) -> bytes:
    """The provberäkning's form with ``personer`` persons, a reform and a delegation regime to compare."""
    from openfisca_sweden_bistand.reforms import katalog as reformkatalog

    falt = {"period": "2026-03", "beslutsdatum": "2026-02-25", "reform": next(iter(reformkatalog.REFORMER)),
            "regim": next(iter(reformkatalog.REGIMER)), "hushall-boendekostnad": "6200"}
    for i in range(personer):
        falt |= {f"personer-{i}-id": f"p{i}", f"personer-{i}-roll": "vuxen" if i < 2 else "barn",
                 f"personer-{i}-alder": "40" if i < 2 else "8"}
    return urlencode(falt).encode()


def storsta_testfil() -> str:
    katalog = ROT / "tests" / "yaml"
    fil = max(katalog.rglob("*.yaml"), key=lambda f: f.stat().st_size)
    return fil.relative_to(katalog).as_posix()


JSON, FORM = "application/json", "application/x-www-form-urlencoded"


def _varden(kropp: bytes) -> int:
    return webb.raknade_varden(json.loads(kropp))[1]


def former() -> dict[str, Callable[..., None]]:
    P, M = webb.LATT_PERSONER, webb.LATT_EFTERFRAGADE  # noqa: N806
    N = max(n for n in range(1, 200) if _varden(stort_beslut(P, n)) <= webb.LATT_VARDEN)  # noqa: N806
    return {
        "langsamma": langsam_klient,
        "under_gransen": _loopa([  # the costliest light requests (webb.LATT_*)
            (f"/calculate {P} personer × {M} månader", "/calculate", berakning(P, M), JSON),
            (f"/beslut {P} personer, {_varden(stort_beslut(P, N))} värden", "/beslut", stort_beslut(P, N), JSON)]),
        "over_gransen": _loopa([  # just above, and the review's cost 50
            (f"/calculate {P + 1} personer × {M + 1} månader", "/calculate", berakning(P + 1, M + 1), JSON),
            (f"/beslut {P} personer, {_varden(stort_beslut(P, N + 1))} värden", "/beslut", stort_beslut(P, N + 1),
             JSON),
            ("/trace kostnad 1", "/trace", tung(1, 1), JSON),
            ("/trace kostnad 50", "/trace", tung(1, 50), JSON)]),
        "tyngsta": _loopa([("/trace kostnad 200", "/trace", tung(2, 100), JSON),
                           ("/calculate kostnad 200", "/calculate", tung(2, 100), JSON),
                           ("/trace kostnad 201", "/trace", tung(1, 201), JSON),
                           ("/trace granskans", "/trace", tung(100, 88 * 12), JSON)]),
        "stora_kroppar": _loopa([("/beslut 50 personer", "/beslut", stort_beslut(), JSON),
                                 ("POST / 50 personer", "/", stort_formular(), FORM),
                                 ("/ateransokan element", "/ateransokan", tung_ateransokan("element"), JSON),
                                 ("/ateransokan fordon", "/ateransokan", tung_ateransokan("fordon"), JSON)]),
        "katalog": _loopa([("GET /testfall", "/testfall", None, ""),
                           ("GET /testfall/fil", f"/testfall/{storsta_testfil()}", None, "")]),
        "skurar": skur_klient,
    }


def _angripare(form: Callable[..., None], port: int, slut: float, fran: str, ko: multiprocessing.Queue) -> None:
    utfall: Utfall = Counter()
    form(port, slut, utfall, threading.Lock(), fran)
    ko.put(dict(utfall))


def angrip(port: int, form: Callable[..., None], sekunder: float, goda_klienter: int, utfall: Utfall) -> dict:
    """The good traffic for ``sekunder`` beside two clients of ``form`` (one for bursts), each a process of its own
    (not a thread beside the good clients' threads: they would share a GIL) from an address of its own."""
    slut = time.monotonic() + sekunder + 1
    antal = 1 if form is skur_klient else 2
    sammanhang = multiprocessing.get_context("fork")
    ko = sammanhang.Queue()
    angripare = [sammanhang.Process(target=_angripare, args=(form, port, slut, f"127.0.0.{2 + n}", ko), daemon=True)
                 for n in range(antal)]
    for process in angripare:
        process.start()
    time.sleep(1.0)  # let the attack start
    resultat = goda(port, sekunder, goda_klienter)
    for _ in angripare:
        utfall.update(ko.get(timeout=180))
    for process in angripare:
        process.join(timeout=30)
    return resultat


def starta(port: int, workers: int, threads: int) -> object:
    return starta_server([sys.executable, "-m", "openfisca_sweden_bistand.granssnitt.cli", "serve", "--port", str(port),
                          "--host", "127.0.0.1", "--workers", str(workers), "--threads", str(threads),
                          "--testfall", str(ROT / "tests" / "yaml")], port)


def _spann(varden: list[float]) -> str:
    return f"{min(varden):.0f}–{max(varden):.0f}"


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sekunder", type=float, default=4, help="längd på varje fas (standard 4)")
    p.add_argument("--rundor", type=int, default=5, help="A B-rundor per angreppsform (standard 5)")
    p.add_argument("--goda", type=int, default=2, help="samtidiga goda klienter (standard 2)")
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--threads", type=int, default=4)
    p.add_argument("--former", help="kommaseparerade angreppsformer (standard alla)")
    args = p.parse_args()
    alla = former()
    valda = args.former.split(",") if args.former else list(alla)
    if okanda := [f for f in valda if f not in alla]:
        p.error(f"okända former {okanda}; välj bland {list(alla)}")

    port = ledig_port()
    process = starta(port, args.workers, args.threads)
    rader = []
    try:
        goda(port, 3.0, args.goda)  # warm-up
        for namn in valda:
            ensam, angripen, utfall = [], [], Counter()
            for _ in range(max(1, args.rundor)):
                ensam.append(goda(port, args.sekunder, args.goda))
                angripen.append(angrip(port, alla[namn], args.sekunder, args.goda, utfall))
            ensam.append(goda(port, args.sekunder, args.goda))  # A B A … B A: every B between two A
            rader.append((namn, ensam, angripen, utfall))
            print(f"  {namn} done", file=sys.stderr, flush=True)
    finally:
        process.terminate()  # type: ignore[attr-defined]
        process.wait(timeout=30)  # type: ignore[attr-defined]

    print(f"{args.sekunder:g} s per phase, {args.rundor} rounds alone/beside (interleaved), {args.goda} good "
          f"keep-alive clients (POST /beslut and /calculate of every embedded example, /ateransokan of each with "
          f"answers), "
          f"{args.workers} workers × {args.threads} threads, {os.cpu_count()} cores")
    print(f"{'shape':15}{'alone req/s':>16}{'beside req/s':>16}{'ratio':>7}{'(range)':>13}{'p99 alone':>11}"
          f"{'p99 beside':>12}{'errors':>8}")
    ok = True
    for namn, ensam, angripen, utfall in rader:
        e = [r["per_sekund"] for r in ensam]
        a = [r["per_sekund"] for r in angripen]
        # each phase beside the attack against the mean of the phases alone just before and after it: the machine's
        # speed drifts (here it moved between two levels, 2× apart, within a minute), a neighbour shares its level
        kvoter = [b / ((e[i] + e[i + 1]) / 2) if e[i] + e[i + 1] else 0.0 for i, b in enumerate(a)]
        kvot = statistics.median(kvoter)
        fel = sum(r["fel"] for r in ensam + angripen)
        ok = ok and kvot >= MAL_ANDEL and fel == 0
        print(f"{namn:15}{statistics.median(e):>7.0f} ({_spann(e):>7}){statistics.median(a):>7.0f} ({_spann(a):>7})"
              f"{kvot:>7.2f}{f'({min(kvoter):.2f}–{max(kvoter):.2f})':>13}"
              f"{statistics.median(r['p99_ms'] for r in ensam):>9.0f}ms"
              f"{statistics.median(r['p99_ms'] for r in angripen):>10.0f}ms{fel:>8}")
        for r in ensam + angripen:
            if r["feltyper"]:
                print(f"{'':15}good requests failed: {r['feltyper']}")
        print(f"{'':15}hostile: " + "; ".join(f"{k} ×{v}" for k, v in sorted(utfall.items())))
    print(f"goals: every ratio ≥ {MAL_ANDEL} and no good request failed: {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
