"""Microsimulation speed: the full decision for a synthetic caseload, vectorised through OpenFisca,
beside a per-household Python loop over the same rules and beside openfisca-country-template's model.

    python bench/microsim.py [--sizes 10000 100000 1000000] [--loop 200] [--period 2026-06]

For each size, in a fresh process (so that peak memory is that size's own): generate the caseload,
build one simulation, compute försörjningsstöd and the decision (beslut, which needs every reason
for manual review). Households per second are given for the calculation alone and with the build.
The loop builds and computes one simulation per household for ``--loop`` households. The template
row builds households of two persons with a salary and computes its ``disposable_income``.
Needs the bench extra: pip install -e '.[bench]'. Goal: ≥ 1 million household-months per second
at 1M (calculation), and ≥ 100× the per-household loop.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROT))


def tal(x: float) -> str:
    return f"{x:,.0f}".replace(",", " ")


def topp_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def mat_sweden(antal: int, period: str) -> dict:
    from openfisca_sweden_bistand.analys.arendebestand import bygg_simulering, generera
    from openfisca_sweden_bistand.system import skattesystem

    system = skattesystem()
    start = time.perf_counter()
    bestand = generera(antal, period, seed=1)
    generering = time.perf_counter() - start
    start = time.perf_counter()
    simulering = bygg_simulering(bestand, system)
    bygge = time.perf_counter() - start
    start = time.perf_counter()
    simulering.calculate("forsorjningsstod", period)
    simulering.calculate("beslut", period)
    berakning = time.perf_counter() - start
    return {"generering": generering, "bygge": bygge, "berakning": berakning, "topp_mb": topp_mb()}


def mat_mall(antal: int) -> dict:
    from openfisca_core.simulations import SimulationBuilder
    from openfisca_country_template import CountryTaxBenefitSystem

    system = CountryTaxBenefitSystem()
    rng = np.random.default_rng(1)
    start = time.perf_counter()
    byggare = SimulationBuilder()
    byggare.create_entities(system)
    byggare.declare_person_entity("person", np.arange(2 * antal))
    hushall = byggare.declare_entity("household", np.arange(antal))
    byggare.join_with_persons(hushall, np.repeat(np.arange(antal), 2), np.tile(["adult", "adult"], antal))
    simulering = byggare.build(system)
    simulering.set_input("salary", "2017-01", rng.uniform(0, 5000, 2 * antal))
    simulering.set_input("birth", "ETERNITY", np.full(2 * antal, np.datetime64("1980-01-01")))
    bygge = time.perf_counter() - start
    start = time.perf_counter()
    simulering.calculate("disposable_income", "2017-01")
    berakning = time.perf_counter() - start
    return {"generering": 0.0, "bygge": bygge, "berakning": berakning, "topp_mb": topp_mb()}


def mat_loop(antal: int, period: str) -> dict:
    from openfisca_sweden_bistand.analys.arendebestand import bygg_simulering, generera
    from openfisca_sweden_bistand.analys.scenario import _block
    from openfisca_sweden_bistand.system import skattesystem

    system = skattesystem()
    bestand = generera(antal, period, seed=1)
    hushall = [_block(bestand, h, h + 1) for h in range(antal)]
    start = time.perf_counter()
    for ett in hushall:
        simulering = bygg_simulering(ett, system)
        simulering.calculate("forsorjningsstod", period)
        simulering.calculate("beslut", period)
    tid = time.perf_counter() - start
    return {"generering": 0.0, "bygge": 0.0, "berakning": tid, "topp_mb": topp_mb()}


def i_egen_process(*argument: str) -> dict:
    ut = subprocess.run([sys.executable, __file__, "--matning", *argument], capture_output=True, text=True, check=True)
    return json.loads(ut.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--loop", type=int, default=200, help="households in the per-household loop")
    parser.add_argument("--period", default="2026-06")
    parser.add_argument("--matning", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.matning:
        typ, antal = args.matning[0], int(args.matning[1])
        matning = {"sweden": lambda: mat_sweden(antal, args.period), "mall": lambda: mat_mall(antal),
                   "loop": lambda: mat_loop(antal, args.period)}[typ]()
        print(json.dumps(matning))
        return 0

    rader = []
    loop = i_egen_process("loop", str(args.loop))
    loop_takt = args.loop / loop["berakning"]
    rader.append((f"sweden-bistand, one simulation per household ({args.loop})", args.loop, loop, None))
    for antal in args.sizes:
        rader.append((f"sweden-bistand, vectorised ({tal(antal)})", antal, i_egen_process("sweden", str(antal)), None))
        rader.append((f"country-template, vectorised ({tal(antal)})", antal, i_egen_process("mall", str(antal)), None))

    print(f"Full decision (försörjningsstöd and beslut) for period {args.period}; {os.cpu_count()} cores.")
    print(f"{'':50}{'build s':>9}{'calc s':>9}{'hh/s calc':>13}{'hh/s incl. build':>18}{'peak MB':>9}")
    takter = {}
    for namn, antal, m, _ in rader:
        takt = antal / m["berakning"]
        takt_med = antal / (m["berakning"] + m["bygge"]) if m["bygge"] else takt
        takter[namn] = takt
        print(f"{namn:50}{m['bygge']:>9.2f}{m['berakning']:>9.2f}{tal(takt):>13}{tal(takt_med):>18}{m['topp_mb']:>9.0f}")
    for antal in args.sizes:
        var = takter[f"sweden-bistand, vectorised ({tal(antal)})"]
        mall = takter[f"country-template, vectorised ({tal(antal)})"]
        print(f"{tal(antal):>9} households: vectorised / loop {tal(var / loop_takt)}x, "
              f"sweden-bistand / country-template {var / mall:.2f}x")
    storst = max(args.sizes)
    storst_takt = takter[f"sweden-bistand, vectorised ({tal(storst)})"]
    print(f"goals: ≥ 1 000 000 household-months/s at {tal(storst)}: {'met' if storst_takt >= 1e6 else 'NOT met'} "
          f"({tal(storst_takt)}); ≥ 100× the loop: {'met' if storst_takt / loop_takt >= 100 else 'NOT met'} "
          f"({tal(storst_takt / loop_takt)}×)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
