"""Benchmark of the web API, side by side with openfisca-country-template's API on the same machine.

    python bench/api.py [--seconds 5] [--rounds 3] [--clients 2 8 16] [--workers 2]

Starts `bistand serve` and `openfisca serve --country-package openfisca_country_template`, each under gunicorn
with the same number of workers, on loopback ports, warms both up, and then, for ``--rounds`` rounds, runs each
row for ``--seconds`` at each number of concurrent clients, interleaved (every row once per round, so that a
drifting machine moves all of them):

    this package   POST /calculate  (försörjningsstöd for ensamstaende_forelder, a household of three)
    this package   POST /beslut     (the same case: the full decision JSON with every line and reason)
    template       POST /calculate  (its couple.json example: two persons' disposable income and taxes)

Each client is a process of its own (threads under one GIL would cap the faster server) at an address of its own
(127.0.1.N: the server limits connections per address), opening a connection per request on both sides. It prints
each row's median throughput with its range over the rounds, p50 and p99, errors, the servers' memory, and the
ratios of the medians against the template's /calculate; goal (issue 24): /beslut ≥ 0.5× the template's
/calculate at 2, 8 and 16 clients. The clients run on the same (small) machine and take CPU from the servers:
compare the rows of one run with each other, not with another machine's numbers.
Needs the bench extra: pip install -e '.[bench]'.
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import statistics
import subprocess
import sys
import time
from importlib import resources
from pathlib import Path

import psutil

ROT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROT))

from _server import ledig_port, starta  # noqa: E402

from openfisca_sweden_bistand import exempel  # noqa: E402

MAL_ANDEL = 0.5  # /beslut ÷ the template's /calculate, throughput



def minne_mb(process: subprocess.Popen) -> float:
    """Resident memory of the gunicorn master and its workers."""
    huvud = psutil.Process(process.pid)
    return sum(p.memory_info().rss for p in [huvud, *huvud.children(recursive=True)]) / 2**20


def _klient(port: int, sokvag: str, kropp: bytes, slut: float, fran: str, ko: multiprocessing.Queue) -> None:
    latenser, fel = [], 0
    while time.monotonic() < slut:
        start = time.perf_counter()
        try:
            anslutning = http.client.HTTPConnection("127.0.0.1", port, timeout=30, source_address=(fran, 0))
            anslutning.request("POST", sokvag, body=kropp, headers={"Content-Type": "application/json"})
            svar = anslutning.getresponse()
            svar.read()
            anslutning.close()
            if svar.status != 200:
                fel += 1
        except (OSError, http.client.HTTPException):
            fel += 1
        latenser.append(time.perf_counter() - start)
    ko.put((latenser, fel))


def last(port: int, sokvag: str, kropp: bytes, sekunder: float, samtidiga: int) -> dict:
    """``samtidiga`` client processes posting ``kropp`` for ``sekunder``: throughput, p50, p99, errors."""
    sammanhang = multiprocessing.get_context("fork")
    ko = sammanhang.Queue()
    start = time.perf_counter()
    slut = time.monotonic() + sekunder
    klienter = [sammanhang.Process(target=_klient, args=(port, sokvag, kropp, slut, f"127.0.1.{1 + n}", ko))
                for n in range(samtidiga)]
    for klient in klienter:
        klient.start()
    latenser: list[float] = []
    fel = 0
    for _ in klienter:
        egna, egna_fel = ko.get(timeout=sekunder + 120)
        latenser.extend(egna)
        fel += egna_fel
    for klient in klienter:
        klient.join(timeout=30)
    tid = time.perf_counter() - start
    kvantil = statistics.quantiles(latenser, n=100) if len(latenser) > 1 else [0.0] * 99
    return {"forfragningar": len(latenser), "fel": fel, "per_sekund": len(latenser) / tid,
            "p50_ms": kvantil[49] * 1000, "p99_ms": kvantil[98] * 1000}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=5, help="seconds per row and round (default 5)")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds (default 3)")
    parser.add_argument("--clients", type=int, nargs="+", default=[2, 8, 16], help="concurrent clients")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    situation = exempel.situation("ensamstaende_forelder")
    hushall = situation["hushallen"]["hushallet"]
    period = exempel.arende("ensamstaende_forelder")["period"]
    hushall["forsorjningsstod"] = {period: None}
    var_calculate = json.dumps(situation).encode()
    var_beslut = json.dumps(exempel.arende("ensamstaende_forelder")).encode()
    mall_calculate = (
        resources.files("openfisca_country_template") / "situation_examples" / "couple.json"
    ).read_bytes()

    var_port, mall_port = ledig_port(), ledig_port()
    var = starta([sys.executable, "-m", "openfisca_sweden_bistand.granssnitt.cli", "serve", "--workers",
                  str(args.workers), "--port", str(var_port)], var_port)
    mall = starta(["openfisca", "serve", "--country-package", "openfisca_country_template", "--port", str(mall_port),
                   "--workers", str(args.workers), "--bind", f"127.0.0.1:{mall_port}"], mall_port)
    rader = [("sweden-bistand POST /calculate", var_port, "/calculate", var_calculate),
             ("sweden-bistand POST /beslut", var_port, "/beslut", var_beslut),
             ("country-template POST /calculate", mall_port, "/calculate", mall_calculate)]
    resultat: dict[tuple[str, int], list[dict]] = {}
    try:
        for _, port, sokvag, kropp in rader:
            last(port, sokvag, kropp, 3.0, 2)  # warm-up
        for _ in range(max(1, args.rounds)):
            for samtidiga in args.clients:
                for namn, port, sokvag, kropp in rader:
                    resultat.setdefault((namn, samtidiga), []).append(
                        last(port, sokvag, kropp, args.seconds, samtidiga))
        minne = {"sweden-bistand": minne_mb(var), "country-template": minne_mb(mall)}
    finally:
        for process in (var, mall):
            process.terminate()
            process.wait(timeout=30)

    def median(namn: str, samtidiga: int, falt: str) -> float:
        return statistics.median(r[falt] for r in resultat[(namn, samtidiga)])

    print(f"{args.seconds:g} s per row, {args.rounds} rounds interleaved, {args.workers} gunicorn workers on each "
          f"side, {os.cpu_count()} cores; medians (range over the rounds)")
    print(f"{'':34}{'clients':>8}{'req/s':>9}{'(range)':>14}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}")
    fel = 0
    for samtidiga in args.clients:
        for namn, *_ in rader:
            varden = [r["per_sekund"] for r in resultat[(namn, samtidiga)]]
            fel += sum(r["fel"] for r in resultat[(namn, samtidiga)])
            print(f"{namn:34}{samtidiga:>8}{statistics.median(varden):>9.1f}"
                  f"{f'({min(varden):.0f}–{max(varden):.0f})':>14}{median(namn, samtidiga, 'p50_ms'):>9.2f}"
                  f"{median(namn, samtidiga, 'p99_ms'):>9.2f}{sum(r['fel'] for r in resultat[(namn, samtidiga)]):>8}")
    print(f"memory (master + workers): sweden-bistand {minne['sweden-bistand']:.0f} MB, "
          f"country-template {minne['country-template']:.0f} MB")
    mal = []
    for samtidiga in args.clients:
        mall_takt = median("country-template POST /calculate", samtidiga, "per_sekund")
        calc = median("sweden-bistand POST /calculate", samtidiga, "per_sekund") / mall_takt
        beslut = median("sweden-bistand POST /beslut", samtidiga, "per_sekund") / mall_takt
        print(f"ratio ÷ template /calculate at {samtidiga:>2} clients: /calculate {calc:.2f}×, /beslut {beslut:.2f}×")
        mal.append((samtidiga, beslut))
    for samtidiga, beslut in mal:
        print(f"goal /beslut ≥ {MAL_ANDEL}× the template's /calculate at {samtidiga} clients: "
              f"{'met' if beslut >= MAL_ANDEL else 'NOT met'} ({beslut:.2f}×)")
    print(f"goal 0 errors: {'met' if fel == 0 else 'NOT met'} ({fel})")
    return 0 if fel == 0 and all(b >= MAL_ANDEL for _, b in mal) else 1


if __name__ == "__main__":
    sys.exit(main())
