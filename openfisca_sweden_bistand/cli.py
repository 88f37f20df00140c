"""Command line: ``bistand``.

    bistand beslut CASE.json [--format text|json]    the decision (or decision proposal) with its reasons
    bistand berakna CASE.json [--format text|json]   the calculation alone, every part
    bistand beslut --exempel NAMN                     (either command) an embedded example
    bistand exempel                                   list the embedded examples
    bistand serve [--port P] [--workers N]            the web API under gunicorn (see webb.py)

Bad input gives one line on standard error naming the field, and exit code 2.
"""

from __future__ import annotations

import argparse
import json
import sys

from openfisca_sweden_bistand import exempel
from openfisca_sweden_bistand.arende import ArendeFel, las_arende

FEL_INDATA = 2


def _las(args):
    """The case named on the command line: a file, or an embedded example."""
    if (args.arende is None) == (args.exempel is None):
        raise ArendeFel("", "ange antingen en ärendefil eller --exempel NAMN")
    if args.exempel is not None:
        try:
            return las_arende(exempel.sokvag(args.exempel))
        except KeyError as fel:
            raise ArendeFel("--exempel", fel.args[0]) from None
    return las_arende(args.arende)


def _skriv(resultat, format_: str) -> None:
    if format_ == "json":
        print(json.dumps(resultat.som_dict(), ensure_ascii=False, indent=2))
    else:
        print(resultat.som_text())


def _berakna(args) -> int:
    from openfisca_sweden_bistand.berakning import berakna

    _skriv(berakna(_las(args)), args.format)
    return 0


def _beslut(args) -> int:
    from openfisca_sweden_bistand.beslut import fatta_beslut

    _skriv(fatta_beslut(_las(args)), args.format)
    return 0


def _serve(args) -> int:
    from openfisca_sweden_bistand.server import kor

    kor(args.port, args.workers, args.host, args.max_bytes, args.max_personer, args.timeout)
    return 0


def _exempel(args) -> int:
    for namn in exempel.namn():
        data = exempel.arende(namn)
        print(f"{namn:<24} {data['period']}  {len(data['personer'])} personer")
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="bistand", description="Ekonomiskt bistånd (försörjningsstöd) som lag-som-kod.")
    under = p.add_subparsers(dest="kommando", required=True)
    for namn, hjalp, kor in (
        ("beslut", "beslut eller förslag till beslut om försörjningsstöd, med skäl och lagrum", _beslut),
        ("berakna", "beräkna försörjningsstöd för ett ärende och visa alla delar", _berakna),
    ):
        b = under.add_parser(namn, help=hjalp)
        b.add_argument("arende", nargs="?", help="ärendefil (JSON), se README")
        b.add_argument("--exempel", metavar="NAMN", help=f"ett inbyggt exempel: {', '.join(exempel.namn())}")
        b.add_argument("--format", choices=("text", "json"), default="text")
        b.set_defaults(kor=kor)
    from openfisca_sweden_bistand.webb import STANDARD_MAX_BYTES, STANDARD_MAX_PERSONER

    s = under.add_parser("serve", help="starta webb-API:t (OpenFisca-ändpunkterna och POST /beslut) under gunicorn")
    s.add_argument("--port", type=int, default=5000)
    s.add_argument("--workers", type=int, default=2, help="antal gunicorn-arbetare (standard 2)")
    s.add_argument("--host", default="127.0.0.1", help="adress att lyssna på (standard 127.0.0.1)")
    s.add_argument("--max-bytes", type=int, default=STANDARD_MAX_BYTES, help="största förfrågan i byte (annars 413)")
    s.add_argument("--max-personer", type=int, default=STANDARD_MAX_PERSONER, help="flest personer i en förfrågan")
    s.add_argument("--timeout", type=int, default=30, help="sekunder innan en arbetare som inte svarar startas om")
    s.set_defaults(kor=_serve)
    e = under.add_parser("exempel", help="lista de inbyggda exemplen")
    e.set_defaults(kor=_exempel)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.kor(args)
    except ArendeFel as fel:
        print(f"bistand: fel i ärendet: {fel}", file=sys.stderr)
        return FEL_INDATA


if __name__ == "__main__":
    sys.exit(main())
