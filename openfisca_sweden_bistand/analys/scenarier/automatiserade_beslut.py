"""Automatiserade beslut: how many cases each legal regime lets an automated decision function decide,
and how many caseworker hours the rest take.

    bistand scenario automatiserade_beslut [--households N] [--period YYYY-MM] [--out DIR] [--minuter 45]
"""

import argparse
import sys

from openfisca_sweden_bistand.analys.scenario import (
    Scenario,
    Variant,
    huvudprogram,
    kalibreringstext,
)
from openfisca_sweden_bistand.reforms.automatisering import (
    AllaUtfallAutomatiseras,
    AutomatiseradeBifall,
    IngaAutomatiseradeBeslut,
)


def skapa(args: argparse.Namespace) -> Scenario:
    """Andel automatiskt beslutade ärenden och handläggartimmar under olika regimer."""
    return Scenario(
        namn="automatiserade_beslut",
        titel="Automatiserade beslut under olika regimer",
        minuter_per_manuellt_arende=args.minuter,
        antaganden=f"""
- Regimerna: *inga automatiserade beslut* (rättsläget före 1 juli 2022, eller en nämnd som inte delegerar),
  *endast bifall automatiskt* (standard i detta paket: avslag och delvis bifall prövas av handläggare) och
  *alla utfall automatiskt* (så som Trelleborgs robot beskrevs; inte rekommenderat: ett avslag
  eller delvis avslag bör prövas av en människa, dataskyddsförordningen art. 22).
- Varje skäl för manuell prövning (`openfisca_sweden_bistand/regelstod/skal.py`) gäller i alla regimer:
  saknade uppgifter, tillgångar, näringsverksamhet, ingen aktiv arbetsmarknadsplanering, nedsatt arbetsförmåga,
  provisorisk riksnorm, ändrat hushåll, stor förändring mot föregående månad, första ansökan.
- Föregående månads belopp: samma som denna månad för 85 % av hushållen, annars ändrat med upp till ±40 %.
- {args.minuter:g} minuter per manuellt prövat ärende (argument `--minuter`).
- Riksnormen: för 2026 är bara ensamståendes och sammanboendes utan barn norm officiell (regeringens
  totalbelopp); övriga hushåll prövas manuellt eftersom normen är provisorisk.
- Syntetiskt ärendebestånd, kalibrerat mot:
{kalibreringstext()}
""",
        varianter=[
            Variant("inga", "Inga automatiserade beslut", IngaAutomatiseradeBeslut, "alla ärenden till handläggare."),
            Variant("bifall", "Endast bifall automatiskt", AutomatiseradeBifall, "standard: bifall automatiskt."),
            Variant("alla", "Alla utfall automatiskt", AllaUtfallAutomatiseras, "bifall, delvis bifall och avslag."),
        ],
    )


def extra(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--minuter", type=float, default=45.0, help="minuter per manuellt prövat ärende")


def main(argv: list[str] | None = None) -> int:
    return huvudprogram(skapa, "2026-06", extra_argument=extra, argv=argv)


if __name__ == "__main__":
    sys.exit(main())
