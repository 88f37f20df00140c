"""The command line's start: `bistand beslut --exempel …` beside a one-calculation openfisca-country-template script.

    python bench/cli.py [--runs 10] [--exempel familj_2026]

Runs each command ``--runs`` times, interleaved (A B A B …), each a fresh Python process, after one warm-up run of
each (the operating system's file cache), and prints the medians and ranges of wall time and CPU time (user +
system of the child) and their ratio. The template script builds the template's tax-benefit system, one
household of two from its ``couple.json`` and computes ``disposable_income`` for one month: the least a command
that computes with OpenFisca does. `bistand beslut` reads the case, builds this package's system, decides and
prints the decision with every line and reason. Goal (issue 24): at most 1.2× the template script's wall time.
Needs the bench extra: pip install -e '.[bench]'.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time

MAL = 1.2
MALLSKRIPT = """
import json
from importlib import resources
from openfisca_core.simulations import SimulationBuilder
from openfisca_country_template import CountryTaxBenefitSystem
system = CountryTaxBenefitSystem()
exempel = resources.files("openfisca_country_template") / "situation_examples" / "couple.json"
situation = json.loads(exempel.read_text())
simulering = SimulationBuilder().build_from_entities(system, situation)
print(simulering.calculate("disposable_income", "2017-01"))
"""


def kor(kommando: list[str]) -> tuple[float, float]:
    """(wall, CPU) seconds of one run of ``kommando``."""
    fore = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(kommando, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    vagg = time.perf_counter() - start
    efter = resource.getrusage(resource.RUSAGE_CHILDREN)
    return vagg, (efter.ru_utime - fore.ru_utime) + (efter.ru_stime - fore.ru_stime)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--exempel", default="familj_2026")
    args = parser.parse_args()
    bistand = shutil.which("bistand")
    kommandon = {
        "bistand beslut": [bistand, "beslut", "--exempel", args.exempel] if bistand else
        [sys.executable, "-m", "openfisca_sweden_bistand.granssnitt.cli", "beslut", "--exempel", args.exempel],
        "template script": [sys.executable, "-c", MALLSKRIPT],
    }
    for kommando in kommandon.values():
        kor(kommando)  # warm-up
    matt: dict[str, list[tuple[float, float]]] = {namn: [] for namn in kommandon}
    for _ in range(max(1, args.runs)):
        for namn, kommando in kommandon.items():
            matt[namn].append(kor(kommando))

    print(f"{args.runs} runs each, interleaved, {os.cpu_count()} cores; medians (range), seconds")
    print(f"{'':18}{'wall':>8}{'(range)':>16}{'CPU':>8}{'(range)':>16}")
    for namn, varden in matt.items():
        vagg, cpu = [v for v, _ in varden], [c for _, c in varden]
        print(f"{namn:18}{statistics.median(vagg):>8.2f}{f'({min(vagg):.2f}–{max(vagg):.2f})':>16}"
              f"{statistics.median(cpu):>8.2f}{f'({min(cpu):.2f}–{max(cpu):.2f})':>16}")
    kvot = statistics.median(v for v, _ in matt["bistand beslut"]) / statistics.median(
        v for v, _ in matt["template script"])
    kvot_cpu = statistics.median(c for _, c in matt["bistand beslut"]) / statistics.median(
        c for _, c in matt["template script"])
    print(f"ratio bistand beslut ÷ template script: wall {kvot:.2f}×, CPU {kvot_cpu:.2f}×")
    print(f"goal ≤ {MAL}× the template script's wall time: {'met' if kvot <= MAL else 'NOT met'} ({kvot:.2f}×)")
    return 0 if kvot <= MAL else 1


if __name__ == "__main__":
    sys.exit(main())
