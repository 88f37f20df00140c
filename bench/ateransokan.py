"""Speed of a renewal decided against the registers (SSBTEK), beside the same decision without them.

    python bench/ateransokan.py [--rounds 5] [--n 40] [--periodcache]

For each case, in one process, ``--rounds`` interleaved rounds (the order of the ways turns from round to
round and from case to case, so that a slow spell of the machine falls on each), each way run ``--n`` times
on the same case:

    register check   las_svar on each adult's answer (the bytes as received) + fatta_beslut(..., ssbtek=...)
    beslut alone     fatta_beslut on the same case without answers (what ``bistand beslut`` does)
    same facts       fatta_beslut, without answers, on the case with the registers' amounts declared and
                     confirmed by a caseworker: the decision the register check ends in, without the check
    reading alone    las_svar on each adult's answer
    the commands     what ``bistand ateransokan --format json`` and ``bistand beslut --format json`` do in the
                     process: read the case's JSON, (read the answers, check,) decide, write the decision's JSON

The cases: the embedded renewal ``ateransokan_2026`` with its own answer (one adult, nine payments), the same
household with a sambo who has an answer of his own (two adults), and the single parent with a year of
payments in her answer (50 payments: the a-kassa every second week, barnbidrag and bostadsbidrag every
month). The variants' answers are built with the test fixtures (tests/kontroll/ssbtek_fixturer.py);
every answer is synthetic and every case is decided automatically (checked before timing).

The goal is judged on the commands (``bistand beslut`` alone beside ``bistand ateransokan``, the issue's
comparison), without the start of the Python process, which would hide any difference; the decision alone
(``fatta_beslut``) is printed beside it. It prints, per case and over all cases, renewals per CPU second
each way (the median over the rounds; the
process's CPU time, not the wall clock, so that other work on the machine counts less), the reading per
answer, and the ratio "registerkontrollen kostar +X %": the median over the rounds of the register check's
time over the decision's alone, against the goal that the register check adds at most 20 % to the time of a
decision; "itself" is the same over the decision on the same facts: the reading and the comparison, without
the facts the registers add to the simulation (a zero for each income they report). Reading alone is faster
than reading between decisions (its code and data are then out of the processor's caches): the reading
inside "with check" costs more than "read ms". ``--periodcache`` measures as ``bistand serve`` runs, with
its cache of period strings (granssnitt/perioder.py), which makes a decision cheaper and so the check dearer
in proportion. The machine is small and noisy: compare the ways of one run with each other, not with
another machine's numbers.
"""

from __future__ import annotations

import argparse
import copy
import datetime
import gc
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROT))
sys.path.insert(0, str(ROT / "tests" / "kontroll"))

import ssbtek_fixturer as fx  # noqa: E402

from openfisca_sweden_bistand import exempel  # noqa: E402
from openfisca_sweden_bistand.arende.las import Arende, las_arende, las_json  # noqa: E402
from openfisca_sweden_bistand.forklaring.beslut import fatta_beslut  # noqa: E402
from openfisca_sweden_bistand.kontroll.jamforelse import jamfor  # noqa: E402
from openfisca_sweden_bistand.kontroll.ssbtek import las_svar  # noqa: E402
from openfisca_sweden_bistand.system import skattesystem  # noqa: E402

MAL = 0.20  # the register check adds at most 20 % to the time of a decision
VAGAR = ("med", "utan", "samma", "las", "kommando_med", "kommando_utan")
EXEMPEL = "ateransokan_2026"
SARA = "199203142389"  # the synthetic personnummer of the example's answer
OMAR = "199006152396"  # synthetic: the sambo of the two-adult variant
HANDLAGGARE = {"typ": "handlaggare", "av": "Handläggare 4711", "datum": "2026-02-11"}
INGET_KAPITAL = ("<Kapitaluppgift><b:Taxeringsar>2025</b:Taxeringsar><b:SummaIntakterPaKapital>0"
                 "</b:SummaIntakterPaKapital><b:OverskottPaKapital>0</b:OverskottPaKapital></Kapitaluppgift>")


@dataclass
class Fall:
    namn: str
    text: str  # the case as bistand reads it (JSON)
    arende: Arende
    svar: dict[str, bytes]  # person id -> that adult's answer, as received
    samma_fakta: Arende  # the registers' amounts declared, confirmed by a caseworker: no answers needed

    @property
    def utbetalningar(self) -> int:
        """The payments in the answers, preliminary ones included."""
        lasta = [las_svar(data, person) for person, data in self.svar.items()]
        return sum(len(block.utbetalningar) for svar in lasta for block in svar.myndigheter.values())


def _person_svar(pnr: str, so_utbetalningar: list[str], lefi: dict[str, Any]) -> bytes:
    """One adult's whole answer (seven agencies): nothing to report beyond the payments given."""
    return fx.svar(
        fx.af(pnr=pnr), fx.csn(fx.csn_svar(fx.csn_person(pnr=pnr))), fx.fk(lefi),
        fx.skv(fx.skv_svar(pnr=pnr, kapital=INGET_KAPITAL)), fx.so(*so_utbetalningar, pnr=pnr), fx.tns(),
        fx.miv(pnr=pnr), tidpunkt="2026-03-02T08:15:00+01:00",
    ).encode()


def _akassa(fran: str, till: str, belopp: str) -> list[str]:
    """The a-kassa's payments every second Friday from ``fran`` to ``till`` (YYYY-MM-DD), two weeks each."""
    dag, slut, ut = datetime.date.fromisoformat(fran), datetime.date.fromisoformat(till), []
    while dag <= slut:
        ut.append(fx.so_utbetalning(dag.isoformat(), belopp, (dag - datetime.timedelta(days=32)).isoformat(),
                                    (dag - datetime.timedelta(days=19)).isoformat()))
        dag += datetime.timedelta(days=14)
    return ut


def _ett_ars_fk() -> dict[str, Any]:
    """Barnbidrag on the 20th and bostadsbidrag (paid the month before) on the 25th of every month for a year."""
    rader = []
    for nummer in range(12):
        ar, manad = (2025, 3 + nummer) if nummer < 10 else (2026, nummer - 9)
        nasta = (ar + manad // 12, manad % 12 + 1)
        rader.append(fx.fk_utbetalning(f"{ar}-{manad:02d}-20", 1250, "ABB", "Barnbidrag", fran=f"{ar}-{manad:02d}"))
        rader.append(fx.fk_utbetalning(f"{ar}-{manad:02d}-25", 1900, "BOB", "Bostadsbidrag",
                                       fran=f"{nasta[0]}-{nasta[1]:02d}"))
    return fx.lefi(utbetalningsuppgift=rader, pnr=SARA)


def fallen(system: Any) -> list[Fall]:
    """The embedded renewal, the same household with a sambo, and the single parent with a year of payments."""
    grund = exempel.arende(EXEMPEL)
    egna = {p: fil.read_bytes() for p, fil in exempel.ssbtek(EXEMPEL).items()}

    sambor = copy.deepcopy(grund)
    sambor["personer"]["omar"] = {
        "alder": 36, "arbetsloshetsersattning": 6200, "inkomst_av_anstallning": 0, "inkomst_av_naringsverksamhet": 0,
        "ovriga_inkomster": 0, "arbetsresor": 0, "avgift_fackforening": 0, "avgift_arbetsloshetskassa": 140,
        "aktiv_arbetsmarknadsplanering": True, "mottog_forsorjningsstod": {f"2025-{m:02d}": True for m in (10, 11, 12)}
        | {"2026-01": True, "2026-02": True},
    }
    sambor["hushallen"]["hushallet"]["vuxna"].append("omar")
    sambor["hushallen"]["hushallet"]["antal_personer_foregaende_manad"] = 3
    sambor["hushallen"]["hushallet"]["forsorjningsstod_foregaende_manad"] = 1340
    for falt in ("inkomst_av_anstallning", "inkomst_av_naringsverksamhet", "ovriga_inkomster", "arbetsresor",
                 "avgift_fackforening", "avgift_arbetsloshetskassa"):
        sambor["kallor"][f"personer.omar.{falt}"] = dict(HANDLAGGARE)
    omar = _person_svar(OMAR, [fx.so_utbetalning("2026-02-06", "3100", "2026-01-05", "2026-01-18"),
                               fx.so_utbetalning("2026-02-20", "3100", "2026-01-19", "2026-02-01")],
                        fx.lefi(pnr=OMAR))

    ett_ar = _person_svar(SARA, _akassa("2025-03-07", "2026-02-27", "4550"), _ett_ars_fk())
    return [
        _fall("ateransokan_2026 (1 vuxen)", grund, egna, system),
        _fall("sambor (2 vuxna, 2 svar)", sambor, {**egna, "omar": omar}, system),
        _fall("ett års utbetalningar (1 vuxen)", grund, {"sara": ett_ar}, system),
    ]


def _fall(namn: str, data: dict[str, Any], svar: dict[str, bytes], system: Any) -> Fall:
    """A case, its answers, and the case with what the registers report declared and confirmed instead."""
    arende = las_arende(data, system)
    kontroll = jamfor(arende, {p: las_svar(d, p) for p, d in svar.items()}, system,
                      datetime.date.fromisoformat(str(arende.beslutsdatum)))
    samma = copy.deepcopy(data)
    for falt in kontroll.kallor:
        grupp, entitet, variabel = falt.split(".")  # no id of these cases has a dot
        if falt in kontroll.fakta:
            samma[grupp][entitet][variabel] = kontroll.fakta[falt]
        samma["kallor"][falt] = dict(HANDLAGGARE)
    return Fall(namn, json.dumps(data, ensure_ascii=False), arende, svar, las_arende(samma, system))


def kontrollera_fallen(fallen: list[Fall], system: Any) -> None:
    """Each case decided automatically against its answers, with no fact missing (else the timing is of
    another path than a renewal's)."""
    for fall in fallen:
        beslut = fatta_beslut(fall.arende, system, ssbtek={p: las_svar(d, p) for p, d in fall.svar.items()})
        samma = fatta_beslut(fall.samma_fakta, system)
        for vad, b in (("med registerkontroll", beslut), ("samma fakta", samma)):
            if not b.automatiserat or b.saknade_uppgifter:
                skal = [s["skal"] for s in b.skal_for_manuell_provning]
                raise SystemExit(f"{fall.namn}, {vad}: inte automatiserat ({skal}, saknas {b.saknade_uppgifter})")
        if (samma.utfall, samma.belopp) != (beslut.utfall, beslut.belopp):
            raise SystemExit(f"{fall.namn}: samma fakta ger ett annat beslut")


def tid(funktion: Callable[[], object], antal: int) -> float:
    """CPU seconds of this process per call of ``funktion`` over ``antal`` calls."""
    gc.collect()
    start = time.process_time()
    for _ in range(antal):
        funktion()
    return (time.process_time() - start) / antal


def mat(fallen: list[Fall], system: Any, rundor: int, antal: int) -> dict[str, dict[str, list[float]]]:
    """Seconds per call, per case and way, one value per round; the two ways alternate in order."""
    resultat: dict[str, dict[str, list[float]]] = {f.namn: {v: [] for v in VAGAR} for f in fallen}
    for runda in range(rundor):
        for nummer, fall in enumerate(fallen):
            def med(fall: Fall = fall) -> object:
                return fatta_beslut(fall.arende, system, ssbtek={p: las_svar(d, p) for p, d in fall.svar.items()})

            def utan(fall: Fall = fall) -> object:
                return fatta_beslut(fall.arende, system)

            def samma(fall: Fall = fall) -> object:
                return fatta_beslut(fall.samma_fakta, system)

            def las(fall: Fall = fall) -> object:
                return [las_svar(d, p) for p, d in fall.svar.items()]

            def kommando_med(fall: Fall = fall) -> object:  # bistand ateransokan --format json, in the process
                arende = las_arende(las_json(fall.text), system)
                svar = {p: las_svar(d, p) for p, d in fall.svar.items()}
                return json.dumps(fatta_beslut(arende, system, ssbtek=svar).som_dict(), ensure_ascii=False)

            def kommando_utan(fall: Fall = fall) -> object:  # bistand beslut --format json, in the process
                arende = las_arende(las_json(fall.text), system)
                return json.dumps(fatta_beslut(arende, system).som_dict(), ensure_ascii=False)

            ordning = [("med", med), ("utan", utan), ("samma", samma), ("las", las), ("kommando_med", kommando_med),
                       ("kommando_utan", kommando_utan)]
            vrid = (runda + nummer) % len(ordning)
            for vag, funktion in ordning[vrid:] + ordning[:vrid]:
                resultat[fall.namn][vag].append(tid(funktion, antal))
    return resultat


def procent(x: float) -> str:
    return f"{x * 100:+.0f} %".replace("-", "−")


def kvot(taljare: list[float], namnare: list[float]) -> float:
    """The median over the rounds of one way's time over another's, minus one."""
    return statistics.median(t / n for t, n in zip(taljare, namnare, strict=True)) - 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds (the median is reported)")
    parser.add_argument("--n", type=int, default=40, help="decisions per case, way and round")
    parser.add_argument("--periodcache", action="store_true", help="as bistand serve runs (granssnitt/perioder.py)")
    args = parser.parse_args(argv)
    if not 1 <= args.rounds <= 100 or not 1 <= args.n <= 10_000:
        parser.error("--rounds 1–100, --n 1–10000")
    if args.periodcache:
        from openfisca_sweden_bistand.granssnitt import perioder

        perioder.installera()

    system = skattesystem()
    fall = fallen(system)
    kontrollera_fallen(fall, system)
    for enskilt in fall:  # warm-up: the first decision of a case fills OpenFisca's caches
        fatta_beslut(enskilt.arende, system)
    resultat = mat(fall, system, args.rounds, args.n)

    print(f"Renewals against SSBTEK: {args.rounds} interleaved rounds × {args.n} decisions per case and way; "
          f"{os.cpu_count()} cores; per CPU second of this process, medians over the rounds"
          f"{'; with the period cache of bistand serve' if args.periodcache else ''}.")
    print(f"{'':33}{'answers':>8}{'payments':>9}{'beslut/s':>9}{'same facts/s':>13}{'with check/s':>13}"
          f"{'read ms':>8}{'check costs':>12}{'itself':>8}")
    totalt: dict[str, list[float]] = {v: [0.0] * args.rounds for v in VAGAR}
    for enskilt in fall:
        r = resultat[enskilt.namn]
        for vag in VAGAR:
            totalt[vag] = [a + b for a, b in zip(totalt[vag], r[vag], strict=True)]
        per_s = {vag: 1 / statistics.median(r[vag]) for vag in VAGAR}
        print(f"{enskilt.namn:33}{len(enskilt.svar):>8}{enskilt.utbetalningar:>9}{per_s['utan']:>9.0f}"
              f"{per_s['samma']:>13.0f}{per_s['med']:>13.0f}"
              f"{statistics.median(r['las']) / len(enskilt.svar) * 1000:>8.2f}"
              f"{procent(kvot(r['med'], r['utan'])):>12}{procent(kvot(r['med'], r['samma'])):>8}")
    kostar = kvot(totalt["med"], totalt["utan"])
    kommandot = kvot(totalt["kommando_med"], totalt["kommando_utan"])
    lasning = statistics.median(totalt["las"]) / statistics.median(totalt["utan"])
    print("(read ms: reading one answer alone; check costs: with check over beslut alone; itself: with check over "
          "the decision on the same facts)")
    print(f"all cases, the decision alone (fatta_beslut): registerkontrollen kostar {procent(kostar)} "
          f"({procent(kvot(totalt['med'], totalt['samma']))} over the decision on the same facts; reading the answers "
          f"alone {procent(lasning)})")
    per_s = {vag: len(fall) / statistics.median(totalt[vag]) for vag in ("kommando_utan", "kommando_med")}
    print(f"all cases, what the commands do in the process (read the case, decide, write the JSON): bistand beslut "
          f"{per_s['kommando_utan']:.0f}/s, bistand ateransokan {per_s['kommando_med']:.0f}/s: registerkontrollen "
          f"kostar {procent(kommandot)}; goal ≤ +{MAL * 100:.0f} %: {'met' if kommandot <= MAL else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
