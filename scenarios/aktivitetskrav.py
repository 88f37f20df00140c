"""Aktivitetskrav: the proposed activity requirement, with a share of those subject to it refusing.

    bistand scenario aktivitetskrav [--households N] [--period YYYY-MM] [--out DIR] [--andel-vagrar 0.05]
"""

import argparse
import sys
from typing import Any

import numpy as np

from openfisca_sweden_bistand.analys.scenario import (
    Scenario,
    Variant,
    huvudprogram,
    kalibreringstext,
)
from openfisca_sweden_bistand.reforms.aktivitetskrav import aktivitetskrav


def skapa(args: argparse.Namespace) -> Scenario:
    """Aktivitetskrav med en andel som vägrar anvisad aktivitet."""

    def vagrar(bestand: Any, rng: Any) -> Any:
        vuxen = bestand.person_roll == "vuxen"
        return {"vagrar_aktivitet": vuxen & (rng.random(bestand.antal_personer) < args.andel_vagrar)}

    return Scenario(
        namn="aktivitetskrav",
        titel="Aktivitetskrav",
        antaganden=f"""
- Förslaget i lagrådsremissen *Aktivitetskrav för mottagare av försörjningsstöd* (december 2025): den som haft
  försörjningsstöd minst tre månader i följd ska delta i anvisade aktiviteter; undantagna är personer under 18,
  18–20-åringar i skolan, personer med heltidssysselsättning, personer vid riktåldern och personer med sjukpenning
  m.m. Vägran utan godtagbart skäl ger nekat eller nedsatt försörjningsstöd. Tillämpas från oktober 2026
  enligt förslaget.
- {args.andel_vagrar:.0%} av de vuxna antas vägra (argument `--andel-vagrar`); vägran ger
  {args.nedsattning:.0%} nedsättning (argument `--nedsattning`). Riktåldern 67 år.
- Syntetiskt ärendebestånd, kalibrerat mot:
{kalibreringstext()}
""",
        varianter=[
            Variant("baslinje", "Dagens regler", None, "inget aktivitetskrav."),
            Variant("aktivitetskrav", "Aktivitetskrav", aktivitetskrav(args.nedsattning),
                    f"{args.andel_vagrar:.0%} vägrar; nedsättning {args.nedsattning:.0%}.", vagrar),
        ],
    )


def extra(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--andel-vagrar", type=float, default=0.05, help="andel vuxna som vägrar anvisad aktivitet")
    parser.add_argument("--nedsattning", type=float, default=1.0, help="nedsättning vid vägran (1 = nekas helt)")


def main(argv: list[str] | None = None) -> int:
    np.seterr(all="ignore")
    return huvudprogram(skapa, "2026-11", extra_argument=extra, argv=argv)


if __name__ == "__main__":
    sys.exit(main())
