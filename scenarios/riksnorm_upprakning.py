"""Riksnormsuppräkning: what a uniform uplift of the national norm costs.

    bistand scenario riksnorm_upprakning [--households N] [--period YYYY-MM] [--out DIR] [--procent 2 5]
"""

import argparse
import sys

from openfisca_sweden_bistand.analys.scenario import (
    Scenario,
    Variant,
    huvudprogram,
    kalibreringstext,
)
from openfisca_sweden_bistand.reforms.riksnorm import riksnorm_upprakning


def skapa(args: argparse.Namespace) -> Scenario:
    """Riksnormen räknas upp med givna procent från månadens år."""
    fran = f"{args.period[:4]}-01-01"
    varianter = [Variant("baslinje", "Dagens regler", None, "riksnormen som den är inlagd för perioden.")]
    for procent in args.procent:
        varianter.append(Variant(f"upprakning_{procent:g}".replace(".", "_").replace("-", "minus"),
                                 f"Riksnorm {procent:+g} %", riksnorm_upprakning(procent / 100, fran),
                                 f"alla riksnormsposter {procent:+g} % från {fran}, avrundat till tiotal "
                                 "kronor per post."))
    return Scenario(
        namn="riksnorm_upprakning",
        titel="Uppräkning av riksnormen",
        antaganden=f"""
- Regeringen räknar varje år upp riksnormens delposter (2024 +8,7 %, 2025 +2,8 %, 2026 +0,7 %; regeringen.se).
  Uppräkningen här gäller alla poster lika, avrundat till närmaste tiotal kronor per post.
- Normen för perioden är den som är inlagd i `parameters/riksnorm/` (för månader efter 2026 förs 2026 års
  belopp vidare, vilket markeras som provisoriskt).
- Syntetiskt ärendebestånd, kalibrerat mot:
{kalibreringstext()}
""",
        varianter=varianter,
    )


def extra(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--procent", type=float, nargs="+", default=[2.0, 5.0], help="uppräkningar i procent")


def main(argv: list[str] | None = None) -> int:
    return huvudprogram(skapa, "2027-03", extra_argument=extra, argv=argv)


if __name__ == "__main__":
    sys.exit(main())
