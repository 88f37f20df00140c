"""Kommunernas riktlinjer: one caseload through several municipalities' guidelines, side by side.

    bistand scenario kommuner [--households N] [--period YYYY-MM] [--out DIR] [--kommun malmo --kommun hogsby …]
        [--bidragstak]

The same synthetic (or the municipality's own, ``--csv``) caseload is decided under the national defaults and under
each municipality's guidelines (openfisca_sweden_bistand/kommuner/): the cost, the amounts by household type and
the share decided automatically differ only by the guidelines' open terms (the housing ceiling by household size,
a supplement to the norm per child, …). With ``--bidragstak`` each municipality is also run under the 2027 proposal,
which ends local supplements to the norm (``reforms/bidragstak.py``); use ``--period 2027-03`` for it to apply.
"""

from __future__ import annotations

import argparse
import sys

from openfisca_sweden_bistand import kommuner
from openfisca_sweden_bistand.analys.scenario import (
    Scenario,
    Variant,
    huvudprogram,
    kalibreringstext,
)
from openfisca_sweden_bistand.arende.las import las_kommun
from openfisca_sweden_bistand.reforms.bidragstak import Bidragstak2027

STANDARD = ("malmo", "hogsby", "engelholm", "sundsvall")


def skapa(args: argparse.Namespace) -> Scenario:
    """Kommunernas riktlinjer sida vid sida."""
    valda = [las_kommun(k, "--kommun") for k in (args.kommun or STANDARD)]
    varianter = [Variant("nationellt", "Nationella standardvärden", None,
                         "inget tak för boendekostnaden, inget tillägg till normen, handläggaren bedömer övrigt.")]
    for id_ in dict.fromkeys(valda):
        kommun = kommuner.hitta(id_)
        riktlinjer = "; ".join(r.citat() for r in kommun.riktlinjer)
        varianter.append(Variant(id_, kommun.namn, None, f"riktlinjerna: {riktlinjer}.", kommun=id_))
        if args.bidragstak:
            varianter.append(Variant(f"{id_}_bidragstak", f"{kommun.namn}, bidragstak 2027", Bidragstak2027,
                                     "som ovan, med förslaget om bidragstak (inga lokala tillägg till normen).",
                                     kommun=id_))
    return Scenario(
        namn="kommuner",
        titel="Kommunernas riktlinjer",
        antaganden=f"""
- Samma ärendebestånd beräknas med de nationella standardvärdena och med varje kommuns riktlinjer
  (`openfisca_sweden_bistand/kommuner/`): kommunens värden gäller från sina datum, bara för lagens öppna termer.
- Beloppen är lästa på kommunernas webbsidor (konfidens reprint); ett provisoriskt värde (t.ex. ett odaterat
  tillägg) skickar beslutet till en handläggare och sänker andelen automatiska beslut.
- Ett tak som en kommun inte har angett för en hushållsstorlek är det nationella: inget tak.
- Syntetiskt ärendebestånd (`openfisca_sweden_bistand/analys/arendebestand.py`), kalibrerat mot:
{kalibreringstext()}
""",
        varianter=varianter,
    )


def extra(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--kommun", action="append", metavar="NAMN",
                        help=f"en kommun att jämföra (flera gånger; standard: {', '.join(STANDARD)})")
    parser.add_argument("--bidragstak", action="store_true", help="varje kommun även med bidragstak 2027")


def main(argv: list[str] | None = None) -> int:
    return huvudprogram(skapa, "2026-03", extra_argument=extra, argv=argv)


if __name__ == "__main__":
    sys.exit(main())
