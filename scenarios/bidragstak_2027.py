"""Bidragstak 2027: what the proposed benefit cap costs and who loses.

    bistand scenario bidragstak_2027 [--households N] [--period YYYY-MM] [--out DIR] [--normandring -0.05]
"""

import argparse
import sys

from openfisca_sweden_bistand.analys.scenario import (
    Scenario,
    Variant,
    huvudprogram,
    kalibreringstext,
)
from openfisca_sweden_bistand.reforms.bidragstak import bidragstak


def skapa(args: argparse.Namespace) -> Scenario:
    """Bidragstak 2027 mot dagens regler."""
    varianter = [
        Variant("baslinje", "Dagens regler", None,
                "riksnormen för 2026 förs vidare (ingen norm för 2027 är fastställd)."),
        Variant("bidragstak", "Bidragstak 2027", bidragstak(), "barnets norm sätts ned från fjärde barnet: 75 % för "
                "sambor, 40 % för ensamstående förälder (nyhetsrapporter om regeringens förslag 2025-09-17)."),
    ]
    if args.normandring:
        varianter.append(Variant("bidragstak_norm", f"Bidragstak och riksnorm {args.normandring:+.0%}",
                                 bidragstak(args.normandring),
                                 "som ovan, och en schablonmässig ändring av alla riksnormsposter i stället för den "
                                 "nya normen (SCB:s jämförelsetal), vars belopp inte är kända."))
    return Scenario(
        namn="bidragstak_2027",
        titel="Bidragstak 2027",
        antaganden=f"""
- Förslaget i lagrådsremissen *Reformerat försörjningsstöd – bidragstak och ökade möjligheter till arbete*
  (december 2025), i kraft 1 januari 2027 enligt förslaget. Nedsättningen från fjärde barnet är läst i
  nyhetsrapporter, inte i lagtexten; barnen räknas efter ålder, äldst först; infasningen under 2027 modelleras inte.
- Riksnormen som tak (inga lokala tillägg) påverkar inte modellen, som saknar lokala tillägg.
- Den nya, strängare normen är inte känd; `--normandring` ger en schablon.
- Regeringens typfall att jämföra med: ett par med fem barn går från 46 500 till 38 500 kr i månaden i
  sammanlagda bidrag; cirka 4 700 stora familjer berörs.
- Syntetiskt ärendebestånd (`openfisca_sweden_bistand/analys/arendebestand.py`), kalibrerat mot:
{kalibreringstext()}
""",
        varianter=varianter,
    )


def extra(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--normandring", type=float, default=0.0, help="schablon för den nya normen, t.ex. -0.05")


def main(argv: list[str] | None = None) -> int:
    return huvudprogram(skapa, "2027-03", extra_argument=extra, argv=argv)


if __name__ == "__main__":
    sys.exit(main())
