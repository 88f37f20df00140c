"""Benchmark of the web API, side by side with openfisca-country-template's API on the same machine.

    python bench/api.py [--seconds 60] [--concurrency 2] [--workers 2]

Starts `bistand serve` and `openfisca serve --country-package openfisca_country_template`, each
under gunicorn with the same number of workers, on loopback ports, and sends one household's
request from `--concurrency` client threads for `--seconds` to each of:

    this package   POST /calculate  (försörjningsstöd for ensamstaende_forelder, a household of three)
    this package   POST /beslut     (the same case: the full decision JSON with every line and reason)
    template       POST /calculate  (its couple.json example)

It prints latency (p50, p99), throughput, errors, the servers' memory, the ratios against the
template, and the project's goals for /calculate: p50 ≤ 15 ms, p99 ≤ 50 ms, ≥ 150 requests/s on
2 workers, no errors. The client runs on the same (small) machine and takes CPU from the servers:
compare the rows of one run with each other, not with another machine's numbers.
Needs the bench extra: pip install -e '.[bench]'.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from importlib import resources
from pathlib import Path

import psutil

ROT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROT))

from _server import ledig_port, starta  # noqa: E402

from openfisca_sweden_bistand import exempel  # noqa: E402

MAL = {"p50_ms": 15.0, "p99_ms": 50.0, "per_sekund": 150.0}



def minne_mb(process: subprocess.Popen) -> float:
    """Resident memory of the gunicorn master and its workers."""
    huvud = psutil.Process(process.pid)
    return sum(p.memory_info().rss for p in [huvud, *huvud.children(recursive=True)]) / 2**20


def last(port: int, sokvag: str, kropp: bytes, sekunder: float, samtidiga: int) -> dict:
    latenser: list[float] = []
    fel = [0]
    las = threading.Lock()
    slut = time.monotonic() + sekunder

    def klient():
        egna, egna_fel = [], 0
        while time.monotonic() < slut:
            start = time.perf_counter()
            try:
                anslutning = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                anslutning.request("POST", sokvag, body=kropp, headers={"Content-Type": "application/json"})
                svar = anslutning.getresponse()
                svar.read()
                anslutning.close()
                if svar.status != 200:
                    egna_fel += 1
            except OSError:
                egna_fel += 1
            egna.append(time.perf_counter() - start)
        with las:
            latenser.extend(egna)
            fel[0] += egna_fel

    tradar = [threading.Thread(target=klient) for _ in range(samtidiga)]
    start = time.perf_counter()
    for trad in tradar:
        trad.start()
    for trad in tradar:
        trad.join()
    tid = time.perf_counter() - start
    latenser.sort()
    kvantil = statistics.quantiles(latenser, n=100)
    return {
        "forfragningar": len(latenser),
        "fel": fel[0],
        "per_sekund": len(latenser) / tid,
        "p50_ms": kvantil[49] * 1000,
        "p99_ms": kvantil[98] * 1000,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--concurrency", type=int, default=2)
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

    var_port, mall_port, utan_port = ledig_port(), ledig_port(), ledig_port()
    serve = [sys.executable, "-m", "openfisca_sweden_bistand.granssnitt.cli", "serve", "--workers", str(args.workers)]
    var = starta([*serve, "--port", str(var_port)], var_port)
    # the same server without the period-string cache (granssnitt/perioder.py): what the cache is worth
    utan = starta([*serve, "--port", str(utan_port)], utan_port, {**os.environ, "BISTAND_PERIODCACHE": "0"})
    mall = starta(["openfisca", "serve", "--country-package", "openfisca_country_template", "--port", str(mall_port),
                   "--workers", str(args.workers), "--bind", f"127.0.0.1:{mall_port}"], mall_port)
    try:
        fall = [
            ("sweden-bistand POST /calculate", var_port, "/calculate", var_calculate),
            ("  without period cache", utan_port, "/calculate", var_calculate),
            ("sweden-bistand POST /beslut", var_port, "/beslut", var_beslut),
            ("country-template POST /calculate", mall_port, "/calculate", mall_calculate),
        ]
        resultat = {}
        for namn, port, sokvag, kropp in fall:
            last(port, sokvag, kropp, min(3.0, args.seconds), args.concurrency)  # warm-up
            resultat[namn] = last(port, sokvag, kropp, args.seconds, args.concurrency)
        minne = {"sweden-bistand": minne_mb(var), "country-template": minne_mb(mall)}
    finally:
        for process in (var, utan, mall):
            process.terminate()
            process.wait(timeout=30)

    print(f"{args.seconds:g} s per row, {args.concurrency} concurrent clients, {args.workers} gunicorn workers, "
          f"{os.cpu_count()} cores")
    print(f"{'':34}{'requests':>10}{'errors':>8}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}")
    for namn, r in resultat.items():
        print(f"{namn:34}{r['forfragningar']:>10}{r['fel']:>8}{r['per_sekund']:>9.1f}{r['p50_ms']:>9.2f}{r['p99_ms']:>9.2f}")
    print(f"memory (master + workers): sweden-bistand {minne['sweden-bistand']:.0f} MB, "
          f"country-template {minne['country-template']:.0f} MB")
    mall_r = resultat["country-template POST /calculate"]
    for namn in ("sweden-bistand POST /calculate", "sweden-bistand POST /beslut"):
        r = resultat[namn]
        print(f"ratio {namn} / template /calculate: p50 {r['p50_ms'] / mall_r['p50_ms']:.2f}x, "
              f"p99 {r['p99_ms'] / mall_r['p99_ms']:.2f}x, throughput {r['per_sekund'] / mall_r['per_sekund']:.2f}x")
    r, u = resultat["sweden-bistand POST /calculate"], resultat["  without period cache"]
    print(f"period cache: /calculate throughput {r['per_sekund'] / u['per_sekund']:.2f}x, "
          f"p50 {u['p50_ms'] / r['p50_ms']:.2f}x faster with it")
    mal = [
        ("p50 ≤ 15 ms", r["p50_ms"] <= MAL["p50_ms"]),
        ("p99 ≤ 50 ms", r["p99_ms"] <= MAL["p99_ms"]),
        ("≥ 150 req/s", r["per_sekund"] >= MAL["per_sekund"]),
        ("0 errors", all(x["fel"] == 0 for x in resultat.values())),
    ]
    print("goals for /calculate: " + ", ".join(f"{text} {'met' if ok else 'NOT met'}" for text, ok in mal))
    return 0


if __name__ == "__main__":
    sys.exit(main())
