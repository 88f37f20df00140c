"""Microsimulation speed: the full decision for a synthetic caseload, vectorised through OpenFisca, beside
openfisca-country-template's model and beside a per-household Python loop over the same rules.

    python bench/microsim.py [--sizes 10000 100000 1000000] [--rounds 3] [--loop 200] [--period 2026-06]

Every measurement runs in a fresh process (so that peak memory is that run's own), after a warm-up of 1 000
households in the same process (imports, the rules' first calls and their caches are not counted). Each size runs
``--rounds`` times, interleaved with the template (A B A B …), so that a drifting machine moves both sides; the
rows give the median and the range, and every ratio divides medians of like with like: households per second
*including the build* on both sides (and the calculation alone, on both sides).

- sweden-bistand: generate the caseload (not counted), build one simulation from its arrays, compute
  försörjningsstöd and the decision (``beslut``: the amount, every reason for manual review, the outcome); the
  build is ``bygg_simulering(bestand, system, utdata=("forsorjningsstod", "beslut"))``, which does not keep an
  intermediate value the two read only once (counted on the first 50 households, in the build's time);
- country-template: households of two adults with a salary, build, compute ``disposable_income`` (its salary
  minus income tax and social security contribution, plus basic income and benefits: a handful of formulas
  against some 85 here; a scale, not the same work);
- the loop: one simulation built and computed per household, for ``--loop`` households, including the build.

Goals (issue 24): at the largest size, households/s including the build ≥ 1.0× the template's, and ≥ 2 000× the
loop's; peak memory ≤ 1.5× the template's. Needs the bench extra: pip install -e '.[bench]'.
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


UPPVARMNING = 1000  # households computed first in each process, not counted
UTDATA = ("forsorjningsstod", "beslut")  # the full decision


def mat_sweden(antal: int, period: str, uppvarmning: bool = True) -> dict:
    from openfisca_sweden_bistand.analys.arendebestand import bygg_simulering, generera
    from openfisca_sweden_bistand.system import skattesystem

    system = skattesystem()
    if uppvarmning:
        mat_sweden(UPPVARMNING, period, uppvarmning=False)
    start = time.perf_counter()
    bestand = generera(antal, period, seed=1)
    generering = time.perf_counter() - start
    start = time.perf_counter()
    simulering = bygg_simulering(bestand, system, utdata=UTDATA)
    bygge = time.perf_counter() - start
    start = time.perf_counter()
    for namn in UTDATA:
        simulering.calculate(namn, period)
    berakning = time.perf_counter() - start
    return {"generering": generering, "bygge": bygge, "berakning": berakning, "topp_mb": topp_mb()}


def mat_mall(antal: int, uppvarmning: bool = True) -> dict:
    from openfisca_core.simulations import SimulationBuilder
    from openfisca_country_template import CountryTaxBenefitSystem

    system = CountryTaxBenefitSystem()
    if uppvarmning:
        mat_mall(UPPVARMNING, uppvarmning=False)
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
    from openfisca_sweden_bistand.analys.arendebestand import bygg_simulering, delmangd, generera
    from openfisca_sweden_bistand.system import skattesystem

    system = skattesystem()
    bestand = generera(antal + 10, period, seed=1)
    hushall = [delmangd(bestand, h, h + 1) for h in range(antal + 10)]
    bygge = berakning = 0.0
    for nummer, ett in enumerate(hushall):
        start = time.perf_counter()
        simulering = bygg_simulering(ett, system)
        mitt = time.perf_counter()
        simulering.calculate("forsorjningsstod", period)
        simulering.calculate("beslut", period)
        if nummer >= 10:  # the first ten warm up
            bygge += mitt - start
            berakning += time.perf_counter() - mitt
    return {"generering": 0.0, "bygge": bygge, "berakning": berakning, "topp_mb": topp_mb()}


def i_egen_process(*argument: str) -> dict:
    ut = subprocess.run([sys.executable, __file__, "--matning", *argument], capture_output=True, text=True, check=True)
    return json.loads(ut.stdout)


def _median(varden: list[float]) -> float:
    return float(np.median(varden))


def _spann(varden: list[float], format_=tal) -> str:
    return f"{format_(min(varden))}–{format_(max(varden))}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds per size (default 3)")
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

    rundor = max(1, args.rounds)
    matt: dict[tuple[str, int], list[dict]] = {}
    for _ in range(rundor):  # A B A B …: each size's two sides, and the loop, once per round
        matt.setdefault(("loop", args.loop), []).append(i_egen_process("loop", str(args.loop)))
        for antal in args.sizes:
            for typ in ("sweden", "mall"):
                matt.setdefault((typ, antal), []).append(i_egen_process(typ, str(antal)))

    def takt(m: dict, antal: int, med_bygge: bool) -> float:
        return antal / (m["berakning"] + (m["bygge"] if med_bygge else 0.0))

    def medianer(typ: str, antal: int) -> dict[str, list[float]]:
        rader = matt[(typ, antal)]
        return {"med": [takt(m, antal, True) for m in rader], "utan": [takt(m, antal, False) for m in rader],
                "bygge": [m["bygge"] for m in rader], "berakning": [m["berakning"] for m in rader],
                "topp": [m["topp_mb"] for m in rader]}

    print(f"Full decision (försörjningsstöd and beslut) for period {args.period}; {os.cpu_count()} cores; {rundor} "
          f"rounds, interleaved; medians (range). hh/s = households per second. sweden-bistand keeps only the "
          f"intermediate values read more than once (bygg_simulering(..., utdata=...)).")
    print(f"{'':46}{'build s':>16}{'calc s':>16}{'hh/s incl. build':>26}{'hh/s calc':>26}{'peak MB':>16}")
    namn = {"sweden": "sweden-bistand, vectorised", "mall": "country-template, vectorised",
            "loop": "sweden-bistand, one simulation per household"}
    for typ, antal in [("loop", args.loop)] + [(t, a) for a in args.sizes for t in ("sweden", "mall")]:
        m = medianer(typ, antal)
        print(f"{namn[typ] + f' ({tal(antal)})':46}"
              f"{_median(m['bygge']):>7.2f} ({_spann(m['bygge'], lambda x: f'{x:.2f}'):>8})"
              f"{_median(m['berakning']):>7.2f} ({_spann(m['berakning'], lambda x: f'{x:.2f}'):>8})"
              f"{tal(_median(m['med'])):>11} ({_spann(m['med']):>13})"
              f"{tal(_median(m['utan'])):>11} ({_spann(m['utan']):>13})"
              f"{_median(m['topp']):>7.0f} ({_spann(m['topp']):>7})")
    loop = medianer("loop", args.loop)
    print("ratios (medians; like with like):")
    for antal in args.sizes:
        var, mall = medianer("sweden", antal), medianer("mall", antal)
        med = _median(var["med"]) / _median(mall["med"])
        print(f"  {tal(antal):>9} households: ÷ template incl. build {med:.2f}×, "
              f"calculation {_median(var['utan']) / _median(mall['utan']):.2f}×; ÷ loop incl. build "
              f"{tal(_median(var['med']) / _median(loop['med']))}×; peak memory ÷ template "
              f"{_median(var['topp']) / _median(mall['topp']):.2f}×")
    storst = max(args.sizes)
    var, mall = medianer("sweden", storst), medianer("mall", storst)
    mot_mall = _median(var["med"]) / _median(mall["med"])
    mot_loop = _median(var["med"]) / _median(loop["med"])
    minne = _median(var["topp"]) / _median(mall["topp"])
    mal = [(f"≥ 1.0× the template's hh/s incl. build at {tal(storst)}", mot_mall >= 1.0, f"{mot_mall:.2f}×"),
           (f"≥ 2 000× the loop, both incl. build, at {tal(storst)}", mot_loop >= 2000, f"{tal(mot_loop)}×"),
           (f"peak memory ≤ 1.5× the template's at {tal(storst)}", minne <= 1.5, f"{minne:.2f}×")]
    for text, uppnatt, varde in mal:
        print(f"goal {text}: {'met' if uppnatt else 'NOT met'} ({varde})")
    return 0 if all(uppnatt for _, uppnatt, _ in mal) else 1


if __name__ == "__main__":
    sys.exit(main())
