"""Jobbstimulans: what changing or removing the special calculation rule does.

    bistand scenario jobbstimulans [--households N] [--period YYYY-MM] [--out DIR] [--andel 0.5] [--manader 12]
"""

import argparse
import sys

from openfisca_sweden_bistand.analys.scenario import (
    Scenario,
    Variant,
    huvudprogram,
    kalibreringstext,
)
from openfisca_sweden_bistand.reforms.jobbstimulans import jobbstimulans


def skapa(args: argparse.Namespace) -> Scenario:
    """Jobbstimulansen ändrad eller borttagen."""
    fran = f"{args.period[:4]}-01-01"
    return Scenario(
        namn="jobbstimulans",
        titel="Jobbstimulans ändrad eller borttagen",
        antaganden=f"""
- Gällande regel: SoL (2001:453) 4 kap. 1 b § / SoL (2025:400) 12 kap. 8 §: efter sex månader i följd med
  försörjningsstöd räknas 25 % av inkomst av anställning inte, i två år.
- Varianterna ändrar andelen och varaktigheten från {fran}; kravet på sex månader i följd behålls.
- Endast hushåll med inkomst av anställning och minst sex månader i följd med stöd påverkas.
- Syntetiskt ärendebestånd, kalibrerat mot:
{kalibreringstext()}
""",
        varianter=[
            Variant("baslinje", "Dagens regler (25 %, 24 månader)", None, "gällande jobbstimulans."),
            Variant("andrad", f"Jobbstimulans {args.andel:.0%}, {args.manader} månader",
                    jobbstimulans(args.andel, args.manader, fran), f"andel {args.andel:.0%}, {args.manader} månader."),
            Variant("borttagen", "Ingen jobbstimulans", jobbstimulans(0, 24, fran), "regeln tas bort."),
        ],
    )


def extra(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--andel", type=float, default=0.5, help="andel av inkomst av anställning som inte räknas")
    parser.add_argument("--manader", type=int, default=12, help="antal månader regeln gäller")


def main(argv: list[str] | None = None) -> int:
    return huvudprogram(skapa, "2026-06", extra_argument=extra, argv=argv)


if __name__ == "__main__":
    sys.exit(main())
