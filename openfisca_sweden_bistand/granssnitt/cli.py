"""Command line: ``bistand``.

    bistand beslut CASE.json [--format text|json]    the decision (or decision proposal) with its reasons
        [--registrera [--register URL] [--delegation FIL] [--arende-referens REF]]   and record it
    bistand ateransokan ANSOKAN.json --ssbtek PERSON=SVAR.xml [--ssbtek …] [--format text|json]   a renewal
        checked against each adult's SSBTEK answer, every fact with its source (and --registrera, as beslut)
    bistand berakna CASE.json [--format text|json]   the calculation alone, every part
    bistand beslut --exempel NAMN                     (either command) an embedded example
    bistand exempel                                   list the embedded examples
    bistand serve [--port P] [--workers N] [--register URL --delegation FIL --nyckelfil FIL] [--testfall KATALOG]
                                                      the web API (webb.py) and the web pages (webbsida/)
    bistand register nyckel --ut FIL                  create the register's secret key (mode 0600), once
    bistand register skapa                            create a new register (e.g. as the PostgreSQL owner)
    bistand register ankra [--forsta]                 append the chain head to the anchor file (--ankare);
                                                      --forsta begins the anchoring, once
    bistand register verifiera [--forvantat-huvud N:SUMMA] [--nytt] [--tillat-utan-nyckel]   check the chain
                                                      (and its anchors)
    bistand register omprova [--from DATUM] [--to DATUM]   decisions today's rules would decide otherwise
    bistand register stickprov --andel 0.05 --seed S --period ÅÅÅÅ-MM   a logged random sample
    bistand register granska LOPNUMMER --resultat korrekt|felaktigt [--kommentar TEXT]
    bistand register rapport --period ÅÅÅÅ-MM [--ut KATALOG] [--manader 6]   the report to the nämnd
    bistand granskning [KATALOG] [--format text|json] [--ci] [--mot REV] [--granskare FIL]   the sign-off status
        of every YAML test case (KATALOG: tests/yaml), each signature checked against the reviewers' public keys
        (granskare.yaml in the package, or FIL); --ci: exit code 1 if a reviewed case has changed since its
        review, a sign-off's signature does not hold or a file cannot be read (invalid YAML, a Python tag,
        too large, not a list of cases: listed with its reason); --mot REV (e.g. origin/main): also the cases
        reviewed at that git revision and not now (sign-off, case or file removed, case renamed or changed), with
        --ci exit code 1 if there is one
    bistand granskning signera FIL "FALLETS NAMN" --nyckel NYCKELFIL [--kommentar TEXT] [--katalog tests/yaml]
        sign off one case with the reviewer's private key (FIL relative to the catalogue, e.g. beslut/beslut.yaml)
    bistand granskning signatur FIL "FALLETS NAMN" --nyckel NYCKELFIL [--kommentar T] [--datum D] [--regelversion R]
        print the signature to paste into the web page's sign-off form (without its script); nothing is written
    bistand granskning nyckel --ut FIL --id ID --namn NAMN --roll ROLL
        create a reviewer's private key (mode 0600) and print the entry to add to granskare.yaml
    bistand test [KATALOG] [--namn TEXT] [-v]         the YAML legal tests (KATALOG: tests/yaml) with OpenFisca's
        runner, after every file is read safely and checked (testfall/saker.py): a file that fails (a Python
        tag, invalid YAML, a reform or extension not the package's …) is named and nothing runs (exit code 2);
        exit code 0 all passed, 1 a case failed. Use it, not ``openfisca test``, on a catalogue you did not write

The register is a SQLite file by default (``bistand_register.sqlite`` in the working directory, or
``$BISTAND_REGISTER``); give a PostgreSQL URL (``postgresql+psycopg://…``) with ``--register``.
Writing to it needs the key file (``--nyckel`` or ``$BISTAND_REGISTER_NYCKEL``); the anchor file
(``--ankare`` or ``$BISTAND_REGISTER_ANKARE``) keeps the chain head outside the database, from
``register ankra --forsta`` on (after which a missing or emptied anchor file is an error).
Bad input gives one line on standard error naming the field (any personnummer in it masked), and exit
code 2. ``register verifiera``: 0 the chain is whole, 1 broken (or the register is missing, emptied or
replaced), 2 bad input or no key, 3 the register cannot be read (unreachable, damaged file or rows).

``bistand granskning`` takes its words as positionals: none or one (the catalogue to list), or
``signera FIL FALL``, ``signatur FIL FALL`` or ``nyckel`` (a catalogue literally named so is listed as
``./signera``), the words together (options before or after them, not between); each option belongs to the
words its help names (``--ci`` and ``--mot`` to the list); a misplaced option is bad input (exit code 2). See
docs/skriva_testfall.rst, "Sign-off (granskning)".
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from openfisca_sweden_bistand import exempel
from openfisca_sweden_bistand.arende.las import Arende, ArendeFel, las_arende, las_dag, las_kommun
from openfisca_sweden_bistand.personnummer import maskera

if TYPE_CHECKING:
    from openfisca_sweden_bistand.testfall.jamforelse import ForloradGranskning

# argparse's own words, in Swedish like the rest of the command line (argparse looks ``_`` up when it prints).
ARGPARSE_PA_SVENSKA = {
    "usage: ": "användning: ", "options": "argument", "positional arguments": "argument i ordning",
    "show this help message and exit": "visa den här hjälpen och avsluta",
    "the following arguments are required: %s": "följande argument krävs: %s",
    "unrecognized arguments: %s": "okända argument: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "ogiltigt val: %(value)r (välj bland %(choices)s)",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fel: %(message)s\n",
    "expected one argument": "ett värde krävs",
    "argument %(argument_name)s: %(message)s": "argumentet %(argument_name)s: %(message)s",
    "invalid %(type)s value: %(value)r": "ogiltigt värde (%(type)s): %(value)r",
}


def _svenska(text: str) -> str:
    return ARGPARSE_PA_SVENSKA.get(text, text)


argparse._ = _svenska  # type: ignore[attr-defined]

FEL_INDATA = 2
FEL_LASNING = 3  # the register cannot be reached or read


def _las(args: argparse.Namespace) -> Arende:
    """The case named on the command line (a file, or an embedded example), under --kommun's guidelines if given."""
    if (args.arende is None) == (args.exempel is None):
        raise ArendeFel("", "ange antingen en ärendefil eller --exempel NAMN")
    if args.exempel is not None:
        try:
            arende = las_arende(exempel.sokvag(args.exempel))
        except KeyError as fel:
            raise ArendeFel("--exempel", fel.args[0]) from None
    else:
        arende = las_arende(Path(args.arende))  # only the command line names a file
    if args.kommun is None:
        return arende
    kommun = las_kommun(args.kommun, "--kommun")
    if arende.kommun not in (None, kommun):
        raise ArendeFel("--kommun", f"ärendet anger redan kommunen {arende.kommun}")
    arende.kommun = kommun
    return arende


def _skriv(resultat: Any, format_: str, extra: dict[str, Any] | None = None) -> None:
    if format_ == "json":
        print(json.dumps(resultat.som_dict() | (extra or {}), ensure_ascii=False, indent=2))
    else:
        print(resultat.som_text())
        if extra:
            print(f"\nRegistrerat som post {extra['registrering']['lopnummer']} i beslutsregistret.")


def _register(args: argparse.Namespace, **kw: Any) -> Any:
    from openfisca_sweden_bistand.register.lagring import STANDARD_URL, Register

    adress = args.register or os.environ.get("BISTAND_REGISTER") or STANDARD_URL
    return Register(adress, getattr(args, "nyckel", None), **kw)


def _berakna(args: argparse.Namespace) -> int:
    from openfisca_sweden_bistand.forklaring.berakning import berakna

    _skriv(berakna(_las(args)), args.format)
    return 0


def _beslut(args: argparse.Namespace) -> int:
    _besluta(args, _las(args))
    return 0


def _besluta(args: argparse.Namespace, arende: Arende, ssbtek: dict[str, Any] | None = None) -> None:
    """Decide ``arende`` (against the SSBTEK answers, when given), write it, and record it with --registrera."""
    from openfisca_sweden_bistand.forklaring.beslut import fatta_beslut

    if args.beslutsdatum:
        arende = arende.med_beslutsdatum(las_dag(args.beslutsdatum, "--beslutsdatum"))
    if not args.registrera:
        _skriv(fatta_beslut(arende, ssbtek=ssbtek), args.format)
        return
    from openfisca_sweden_bistand.register.delegation import las_delegationer

    delegationer = las_delegationer(args.delegation) if args.delegation else []
    beslut, rad = _register(args).registrera_beslut(arende, delegationer, args.arende_referens, ssbtek=ssbtek)
    registrering = {"lopnummer": rad["lopnummer"], "kontrollsumma": rad["kontrollsumma"]}
    _skriv(beslut, args.format, {"registrering": registrering})


def _ateransokan(args: argparse.Namespace) -> int:
    """A renewal checked against each adult's SSBTEK answer: --ssbtek PERSON=FIL, or an example's own answers."""
    from openfisca_sweden_bistand.kontroll.jamforelse import kontrollera_personer
    from openfisca_sweden_bistand.kontroll.ssbtek import las_svar

    arende = _las(args)
    filer = exempel.ssbtek(args.exempel) if args.exempel else {}  # an answer given below replaces the example's
    angivna: set[str] = set()
    for angivet in args.ssbtek or []:
        person, likhet, fil = angivet.partition("=")
        if not likhet or not person or not fil:
            raise ArendeFel("--ssbtek", "ange PERSON=SVAR.xml, där PERSON är personens id i ärendet")
        if person in angivna:
            raise ArendeFel(f"--ssbtek {person}", "personen har redan ett svar")
        angivna.add(person)
        filer[person] = Path(fil)  # only the command line names a file
    if not filer:
        raise ArendeFel("--ssbtek", "ange minst ett registersvar: --ssbtek PERSON=SVAR.xml (ett per vuxen)")
    kontrollera_personer(arende, filer)  # before any file is read
    svar = {person: las_svar(_las_svarsfil(fil, person), person) for person, fil in filer.items()}
    _besluta(args, arende, svar)
    return 0


def _las_svarsfil(fil: Path, person: str) -> bytes:
    """An SSBTEK answer file, read no further than the reader's limit."""
    from openfisca_sweden_bistand.kontroll.ssbtek import HOGSTA_STORLEK

    try:
        with open(fil, "rb") as handtag:
            data = handtag.read(HOGSTA_STORLEK + 1)
    except OSError as fel:
        raise ArendeFel(f"--ssbtek {person}", f"kan inte läsa {fil}: {fel.strerror}") from None
    if len(data) > HOGSTA_STORLEK:
        raise ArendeFel(f"ssbtek.{person}", f"svaret är större än {HOGSTA_STORLEK // (1024 * 1024)} MiB och läses inte")
    return data


def _serve(args: argparse.Namespace) -> int:
    from openfisca_sweden_bistand.granssnitt.server import kor
    from openfisca_sweden_bistand.granssnitt.webb import las_api_nyckel

    if args.delegation and not args.register:
        raise ArendeFel("--delegation", "gäller bara med --register")
    for flagga, varde, minst in (("--per-klient", args.per_klient, 0), ("--tunga-platser", args.tunga_platser, 1),
                                 ("--tung-frist", args.tung_frist, 1), ("--tung-andel", args.tung_andel, 0.05)):
        if varde is not None and not varde >= minst:
            raise ArendeFel(flagga, f"ska vara minst {minst}")
    if not args.tung_andel <= 1:
        raise ArendeFel("--tung-andel", "ska vara högst 1")
    nyckel = las_api_nyckel(args.nyckelfil)
    if args.register and nyckel is None:
        raise ArendeFel("--register", "ett API som för in beslut i registret kräver en API-nyckel: --nyckelfil FIL, "
                                      "BISTAND_API_NYCKEL_FIL eller BISTAND_API_NYCKEL (se README)")
    register = _register(args) if args.register else None
    kor(args.port, args.workers, args.host, args.max_bytes, args.max_personer, args.timeout,
        register_url=register.url if register else None, delegation=args.delegation, threads=args.threads,
        las_timeout=args.las_timeout, max_kostnad=args.max_kostnad, cors_origins=args.cors_origin,
        bakom_proxy=args.bakom_proxy, api_nyckel=nyckel, atkomstlogg=args.atkomstlogg,
        testkatalog=_testkatalog(args.testfall), granskare=_granskarfil(args.granskare), per_klient=args.per_klient,
        tunga_platser=args.tunga_platser, tung_frist=args.tung_frist, tung_andel=args.tung_andel)
    return 0


def _granskarfil(fil: Path | None) -> Path | None:
    """The reviewers' file for the sign-offs of the web pages, read once here so that a bad file stops the start."""
    from openfisca_sweden_bistand.testfall.granskare import las_granskare

    las_granskare(fil)
    return None if fil is None else fil.resolve()


def _testkatalog(katalog: Path | None) -> Path | None:
    """The directory of YAML legal tests for the web pages: as given, else tests/yaml here if there is one."""
    from openfisca_sweden_bistand.granssnitt.webbsida.vyer import testkatalog_standard

    if katalog is None:
        return testkatalog_standard()
    if not katalog.is_dir():
        raise ArendeFel("--testfall", f"{katalog} är ingen katalog")
    return katalog.resolve()


def _kommuner(args: argparse.Namespace) -> int:
    from openfisca_sweden_bistand import kommuner

    for kommun in kommuner.kanda().values():
        datum = kommun.senaste_datum() or "odaterad"
        print(f"{kommun.id:<12} {kommun.namn:<22} riktlinjer t.o.m. {datum}")
        for riktlinje in kommun.riktlinjer:
            print(f"{'':<14}- {riktlinje.citat()}: {riktlinje.url}")
    return 0


def _ny_kommun(args: argparse.Namespace) -> int:
    from openfisca_sweden_bistand.kommuner import KommunFel
    from openfisca_sweden_bistand.kommuner.mall import skapa

    try:
        katalog = skapa(args.id, args.namn or args.id, args.katalog)
    except KommunFel as fel:
        raise ArendeFel("kommun ny", str(fel)) from None
    print(f"Skrev {katalog}: fyll i riktlinje.yaml, och skriv varje värde kommunen sätter under parameters/ "
          "(se oppna_termer.yaml och docs/kommuner.rst).")
    return 0


def _mcp(args: argparse.Namespace) -> int:
    import anyio

    from openfisca_sweden_bistand.granssnitt.assistent import kor

    anyio.run(kor)
    return 0


def _exempel(args: argparse.Namespace) -> int:
    for namn in exempel.namn():
        data = exempel.arende(namn)
        ssbtek = exempel.ssbtek(namn)
        med = f"  med registersvar för {', '.join(ssbtek)}: bistand ateransokan --exempel {namn}" if ssbtek else ""
        vuxna = len(next(iter(data["hushallen"].values())).get("vuxna", []))
        barn = len(data["personer"]) - vuxna
        hushall = f"{vuxna} {'vuxen' if vuxna == 1 else 'vuxna'}" + (f", {barn} {'barn'}" if barn else "")
        print(f"{namn:<24} {data['period']}  {hushall}{med}")
    return 0


def _ankarfil(args: argparse.Namespace) -> str | None:
    return args.ankare or os.environ.get("BISTAND_REGISTER_ANKARE")


def _verifiera(args: argparse.Namespace) -> int:
    from openfisca_sweden_bistand.register.ankare import forvantat_huvud, las_ankare
    from openfisca_sweden_bistand.register.fel import RegisterSaknas

    ankarfil = _ankarfil(args)
    ankare = [forvantat_huvud(args.forvantat_huvud)] if args.forvantat_huvud else []
    try:
        register = _register(args, skapa=False, las_bara=True)  # verifiera never creates a register
    except RegisterSaknas as fel:
        ankare += las_ankare(ankarfil) if ankarfil else []
        if args.nytt and not ankare:
            print("Registret finns inte ännu (--nytt): inget att verifiera.")
            return 0
        print(f"{fel}: " + ("det är raderat eller flyttat (ankaret visar poster)" if ankare
                            else "raderat eller flyttat? (ange --nytt om registret är nytt)"))
        return 1
    verifiering = register.verifiera(ankare, nytt=args.nytt, ankarfil=ankarfil,
                                     tillat_utan_nyckel=args.tillat_utan_nyckel)
    _skriv_verifiering(verifiering)
    _skriv_ankaret(ankarfil, verifiering)
    return int(verifiering.slutkod)


def _skriv_verifiering(verifiering: Any) -> None:
    for rad in verifiering.varningar:
        print(f"Varning: {rad}")
    for rad in verifiering.fel:
        print(rad)
    huvud = verifiering.huvud
    if verifiering.olasligt:
        print("Registret kan inte läsas helt: de skadade posterna ovan kan inte kontrolleras.")
    elif huvud:
        antal = verifiering.antal_ankare
        print(f"{'Kedjan är bruten' if verifiering.fel else 'Kedjan är hel'}: {huvud['poster']} poster, sista post "
              f"{huvud['lopnummer']}, kedjehuvud {huvud['kontrollsumma']}"
              + (f" (stämmer med {antal} ankare)" if antal and not verifiering.fel else ""))
    elif not verifiering.fel:
        print("Registret är tomt (nytt).")


def _skriv_ankaret(ankarfil: str | None, verifiering: Any) -> None:
    """Append the chain head to the anchor file once anchoring has begun; until then say how to begin."""
    from openfisca_sweden_bistand.register.ankare import skriv_ankare

    if not ankarfil:
        return
    if verifiering.bor_ankras():
        skriv_ankare(ankarfil, verifiering.huvud, verifiering.register_id)
        print(f"Kedjehuvudet är tillagt i ankarfilen {ankarfil}.")
    elif verifiering.slutkod == 0 and not verifiering.ankras:
        print(f"Inget ankare skrivet: ankringen har inte börjat. Skriv det första ankaret i {ankarfil} med "
              "bistand register ankra --forsta (en gång; därefter är en raderad eller tömd ankarfil ett fel).")


def _ankra(args: argparse.Namespace) -> int:
    """bistand register ankra [--forsta]: check the chain and append its head to the anchor file; --forsta
    begins the anchoring (recorded in the register, so that verifiera then requires the anchors)."""
    from openfisca_sweden_bistand.register.ankare import skriv_ankare

    ankarfil = _ankarfil(args)
    if not ankarfil:
        raise ArendeFel("--ankare", "ange ankarfilen med --ankare FIL eller $BISTAND_REGISTER_ANKARE")
    register = _register(args, skapa=False)
    if args.forsta:
        fore = register.verifiera(nytt=True, ankarfil=ankarfil)
        if fore.slutkod:
            _skriv_verifiering(fore)
            return int(fore.slutkod)
        if fore.ankras_sedan is not None:
            raise ArendeFel("--forsta", f"registret ankras redan sedan post {fore.ankras_sedan}: ankringen börjar "
                                        "bara en gång (bistand register ankra, utan --forsta)")
        rad = register.borja_ankra()
        forsta = {"lopnummer": rad["lopnummer"], "poster": rad["lopnummer"], "kontrollsumma": rad["kontrollsumma"]}
        skriv_ankare(ankarfil, forsta, register.register_id)  # its own row: the first anchor
        print(f"Ankringen börjar: registrerad som post {rad['lopnummer']}, det första ankaret skrivet i {ankarfil}.")
    verifiering = register.verifiera(ankarfil=ankarfil)
    _skriv_verifiering(verifiering)
    if verifiering.slutkod == 0 and not verifiering.ankras:
        raise ArendeFel("--forsta", "ankringen har inte börjat: skriv det första ankaret med bistand register "
                                    "ankra --forsta")
    _skriv_ankaret(ankarfil, verifiering)
    return int(verifiering.slutkod)


def _nyckel(args: argparse.Namespace) -> int:
    from openfisca_sweden_bistand.register.nyckel import skapa_nyckelfil

    fil = skapa_nyckelfil(args.ut)
    print(f"Skrev en ny registernyckel till {fil} (läge 0600). "
          f"Ange den med BISTAND_REGISTER_NYCKEL={fil} eller "
          "--nyckel. Förvara en kopia säkert och utanför databasens säkerhetskopior: utan nyckeln kan registret "
          "inte verifieras eller skrivas.")
    return 0


def _skapa_register(args: argparse.Namespace) -> int:
    register = _register(args)
    nyckel = "utan nyckel" if register.info.get("nyckel_id") == "utan nyckel" else "med nyckel"
    print(f"Registret {register.adress} finns ({nyckel}, id {register.register_id}).")
    return 0


def _datum(text: str | None, falt: str) -> datetime.date | None:
    if text is None:
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise ArendeFel(falt, f"ett datum skrivs ÅÅÅÅ-MM-DD, inte {text!r}") from None


def _omprova(args: argparse.Namespace) -> int:
    register = _register(args, skapa=False, las_bara=True)
    skillnader = register.omprova(_datum(args.fran, "--from"), _datum(args.till, "--to"))
    if args.format == "json":
        print(json.dumps(skillnader, ensure_ascii=False, indent=2))
    else:
        for s in skillnader:
            print(f"post {s['lopnummer']} ({s['period']}, {s['arende_referens'] or 'ingen ärendereferens'}): "
                  f"registrerat {s['registrerat']['utfall']} {s['registrerat']['belopp']} kr, "
                  f"med dagens regler {s['idag']['utfall']} {s['idag']['belopp']} kr"
                  + (f" (ändrat: {', '.join(s['andrade_regler'])})" if s["andrade_regler"] else ""))
        print(f"{len(skillnader)} beslut skulle bli annorlunda med dagens regler.")
    return 0


def _stickprov(args: argparse.Namespace) -> int:
    from openfisca_sweden_bistand.arende.las import las_manad

    las_manad(args.period, "--period")
    prov = _register(args, skapa=False).stickprov(args.andel, args.seed, args.period)
    print(f"Stickprov (post {prov['lopnummer']}): {len(prov['urval'])} av {prov['population']} automatiserade beslut "
          f"för {prov['period']}, seed {prov['seed']}: poster {', '.join(map(str, prov['urval']))}")
    return 0


def _granska(args: argparse.Namespace) -> int:
    _register(args, skapa=False).granska(args.lopnummer, args.resultat, args.kommentar or "")
    print(f"Granskning av post {args.lopnummer} registrerad: {args.resultat}.")
    return 0


def _rapport(args: argparse.Namespace) -> int:
    from openfisca_sweden_bistand.arende.las import las_manad
    from openfisca_sweden_bistand.register.namndrapport import skriv_rapport

    las_manad(args.period, "--period")
    ut = args.ut or Path("rapport") / args.period
    ankarfil = _ankarfil(args)
    sammanfattning = skriv_rapport(_register(args, skapa=False, las_bara=True), args.period, ut, args.manader,
                                   Path(ankarfil) if ankarfil else None)
    huvud = sammanfattning["huvud"]
    print(f"Skrev {ut / 'rapport.md'}, {ut / 'rapport.csv'} och {ut / 'utveckling.png'}: "
          f"{sammanfattning['beslut']} beslut, kedjan {'hel' if sammanfattning['kedjan_hel'] else 'BRUTEN'}"
          + (f", kedjehuvud {huvud['lopnummer']}:{huvud['kontrollsumma']} ({huvud['poster']} poster)" if huvud else "")
          + ".")
    return 0 if sammanfattning["kedjan_hel"] else 1


def _beslut_och_berakna(under: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """bistand beslut, bistand ateransokan and bistand berakna: a case from a file or an embedded example."""
    for namn, hjalp, kor in (
        ("beslut", "beslut eller förslag till beslut om försörjningsstöd, med skäl och lagrum", _beslut),
        ("ateransokan", "en återansökan kontrollerad mot registren (SSBTEK): beslut med varje uppgifts källa",
         _ateransokan),
        ("berakna", "beräkna försörjningsstöd för ett ärende och visa alla delar", _berakna),
    ):
        b = under.add_parser(namn, help=hjalp)
        b.add_argument("arende", nargs="?", help="ärendefil (JSON), se README" + (
            "; ansökan i samma format" if namn == "ateransokan" else ""))
        b.add_argument("--exempel", metavar="NAMN", help=f"ett inbyggt exempel: {', '.join(exempel.namn())}")
        b.add_argument("--format", choices=("text", "json"), default="text")
        b.add_argument("--kommun", metavar="NAMN", help="kommunens riktlinjer över de nationella standardvärdena "
                                                         "(bistand kommuner listar dem)")
        if namn == "ateransokan":
            b.add_argument("--ssbtek", action="append", metavar="PERSON=SVAR.xml",
                           help="en vuxens svar från SSBTEK (v10), PERSON är personens id i ärendet; en gång per vuxen "
                                "(ett exempel med registersvar har sina egna)")
        if namn != "berakna":
            b.add_argument("--beslutsdatum", metavar="ÅÅÅÅ-MM-DD",
                           help="dagen beslutet fattas (standard: ärendets beslutsdatum, annars i dag); styr "
                                "kommunallagen, förvaltningslagen och överklagandet")
            b.add_argument("--registrera", action="store_true", help="för in beslutet i beslutsregistret")
            b.add_argument("--register", help="registrets adress (standard: SQLite-fil, se README)")
            b.add_argument("--delegation", type=Path, help="nämndens delegationer (YAML)")
            b.add_argument("--arende-referens", help="ärendesystemets diarienummer (inget personnummer)")
            b.add_argument("--nyckel", type=Path, help="registrets nyckelfil (standard: $BISTAND_REGISTER_NYCKEL)")
        b.set_defaults(kor=kor)


def _serve_kommando(under: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """bistand serve: the web API and its limits."""
    from openfisca_sweden_bistand.granssnitt.granser import (
        STANDARD_MAX_BYTES,
        STANDARD_MAX_KOSTNAD,
        STANDARD_MAX_PERSONER,
    )

    s = under.add_parser("serve", help="starta webb-API:t (OpenFisca-ändpunkterna och POST /beslut) under gunicorn")
    s.add_argument("--port", type=int, default=5000, help="port att lyssna på (standard 5000)")
    s.add_argument("--workers", type=int, default=2, help="antal gunicorn-arbetare (standard 2)")
    s.add_argument("--host", default="127.0.0.1", help="adress att lyssna på (standard 127.0.0.1)")
    s.add_argument("--max-bytes", type=int, default=STANDARD_MAX_BYTES, help="största förfrågan i byte (annars 413)")
    s.add_argument("--max-personer", type=int, default=STANDARD_MAX_PERSONER, help="flest personer i en förfrågan")
    s.add_argument("--timeout", type=int, default=30, help="sekunder innan en arbetare som inte svarar startas om")
    s.add_argument("--register", help="för in varje beslut från POST /beslut i detta register")
    s.add_argument("--delegation", type=Path, help="nämndens delegationer (YAML), med --register")
    s.add_argument("--nyckelfil", type=Path, help="fil med API-nyckeln som POST /beslut kräver med --register "
                   "(annars $BISTAND_API_NYCKEL_FIL eller $BISTAND_API_NYCKEL)")
    s.add_argument("--threads", type=int, default=4, help="trådar per arbetare (standard 4)")
    s.add_argument("--las-timeout", type=float, default=5.0,
                   help="sekunder en klient har på sig att skicka hela sin förfrågan (standard 5)")
    s.add_argument("--max-kostnad", type=int, default=STANDARD_MAX_KOSTNAD,
                   help="högst personer × efterfrågade värden i en /calculate eller /trace (annars 422)")
    s.add_argument("--cors-origin", action="append", metavar="URL",
                   help="tillåt webbsidor från detta ursprung (kan upprepas); standard: ingen CORS")
    s.add_argument("--bakom-proxy", action="store_true",
                   help="lita på X-Forwarded-* från en omvänd proxy på samma maskin")
    s.add_argument("--per-klient", type=int, metavar="N",
                   help="högst N öppna anslutningar per klientadress och arbetare (standard 8; 0: ingen gräns; "
                        "bakom en proxy ingen gräns, proxyn begränsar)")
    s.add_argument("--tunga-platser", type=int, default=1, metavar="N",
                   help="tunga förfrågningar som räknas samtidigt på servern, var i en egen process (standard 1)")
    s.add_argument("--tung-frist", type=float, default=30.0, metavar="S",
                   help="sekunder en tung förfrågan får ta i allt, väntan inräknad (standard 30; sedan 503)")
    s.add_argument("--tung-andel", type=float, default=0.5, metavar="A",
                   help="andel av tiden en tung förfrågans process räknar, 0,05–1 (standard 0,5; vilar resten)")
    s.add_argument("--atkomstlogg", metavar="FIL", help="skriv en åtkomstlogg (maskerad) hit; '-' för standard ut")
    s.add_argument("--testfall", type=Path, metavar="KATALOG",
                   help="YAML-testfallen som webbsidan /testfall visar och granskar "
                        "(standard: tests/yaml om den finns)")
    s.add_argument("--granskare", type=Path, metavar="FIL",
                   help="granskarnas publika nycklar som signeringarna prövas mot (standard: paketets granskare.yaml)")
    s.set_defaults(kor=_serve)


def _register_kommando(under: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """bistand register: the decision register's key, creation and checks."""
    r = under.add_parser("register", help="beslutsregistret: verifiera, ompröva, stickprov, granska, rapport")
    r.add_argument("--register", help="registrets adress (standard: SQLite-fil, se README)")
    r.add_argument("--nyckel", type=Path, help="registrets nyckelfil (standard: $BISTAND_REGISTER_NYCKEL)")
    r.add_argument("--ankare", type=Path, help="ankarfilen med kedjehuvuden (standard: $BISTAND_REGISTER_ANKARE)")
    rr = r.add_subparsers(dest="registerkommando", required=True)
    n = rr.add_parser("nyckel", help="skapa registrets hemliga nyckel i en ny fil (läge 0600)")
    n.add_argument("--ut", type=Path, required=True, help="nyckelfilen (skrivs aldrig över)")
    n.set_defaults(kor=_nyckel)
    rr.add_parser("skapa", help="skapa ett nytt register (tabeller, skydd och identitet)").set_defaults(
        kor=_skapa_register)
    a = rr.add_parser("ankra", help="kontrollera kedjan och skriv kedjehuvudet i ankarfilen (--ankare)")
    a.add_argument("--forsta", action="store_true",
                   help="börja ankra: registrera det i registret och skriv det första ankaret (en gång); därefter "
                        "är en raderad eller tömd ankarfil ett fel")
    a.set_defaults(kor=_ankra)
    _registerkontroller(rr)


def _registerkontroller(rr: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """register verifiera, omprova, stickprov, granska, rapport."""
    v = rr.add_parser("verifiera", help="kontrollera kedjan och namnge varje ändrad, raderad eller omflyttad post; "
                      "slutkod 0 hel, 1 bruten, 3 kan inte läsas")
    v.add_argument("--forvantat-huvud", metavar="LOPNUMMER:KONTROLLSUMMA",
                   help="kedjehuvudet ur rapporten till nämnden: registret ska fortfarande innehålla det")
    v.add_argument("--nytt", action="store_true", help="registret är nytt: tomt eller saknat är inget fel")
    v.add_argument("--tillat-utan-nyckel", action="store_true",
                   help="godta ett register skrivet utan nyckel (tester och utveckling; annars slutkod 1)")
    v.set_defaults(kor=_verifiera)
    o = rr.add_parser("omprova", help="beslut som dagens regler skulle besluta annorlunda")
    o.add_argument("--from", dest="fran", metavar="ÅÅÅÅ-MM-DD")
    o.add_argument("--to", dest="till", metavar="ÅÅÅÅ-MM-DD")
    o.add_argument("--format", choices=("text", "json"), default="text")
    o.set_defaults(kor=_omprova)
    sp = rr.add_parser("stickprov", help="dra ett loggat, reproducerbart stickprov av automatiserade beslut")
    sp.add_argument("--andel", type=float, required=True)
    sp.add_argument("--seed", type=int, required=True)
    sp.add_argument("--period", required=True)
    sp.set_defaults(kor=_stickprov)
    g = rr.add_parser("granska", help="registrera granskningen av ett beslut i ett stickprov")
    g.add_argument("lopnummer", type=int)
    g.add_argument("--resultat", choices=("korrekt", "felaktigt"), required=True)
    g.add_argument("--kommentar")
    g.set_defaults(kor=_granska)
    ra = rr.add_parser("rapport", help="rapport till nämnden för en månad")
    ra.add_argument("--period", required=True)
    ra.add_argument("--ut", type=Path)
    ra.add_argument("--manader", type=int, default=6)
    ra.set_defaults(kor=_rapport)


def _versionstext() -> str:
    """The package version and the commit of the rules (the same as a decision's rule version)."""
    from openfisca_sweden_bistand.testfall.granskning import regelversion_text

    return regelversion_text()


# Which words of ``bistand granskning`` each option belongs to ("" is the list).
GRANSKNINGSFLAGGOR = {
    "--ci": ("",), "--mot": ("",), "--av": ("signera",), "--kommentar": ("signera", "signatur"),
    "--katalog": ("signera", "signatur"), "--nyckel": ("signera", "signatur"), "--datum": ("signatur",),
    "--regelversion": ("signatur",), "--ut": ("nyckel",), "--id": ("nyckel",), "--namn": ("nyckel",),
    "--roll": ("nyckel",),
}
GRANSKNINGSORD = {"signera": 3, "signatur": 3, "nyckel": 1}  # a word and how many words it takes, itself included


def _granskning(args: argparse.Namespace) -> int:
    """bistand granskning: list the sign-off of every case, sign one off (``signera FIL FALL``), make the
    signature for the web page's form (``signatur FIL FALL``) or create a reviewer's key (``nyckel``)."""
    ord_ = list(args.ord)
    kommando = ord_[0] if ord_[:1] and ord_[0] in GRANSKNINGSORD else ""
    if kommando and len(ord_) != GRANSKNINGSORD[kommando]:
        raise ArendeFel(kommando, 'ange testfilen och fallets namn: signera FIL "FALLETS NAMN" --nyckel NYCKELFIL'
                        if kommando != "nyckel" else "nyckel tar inga fler ord: --ut FIL --id ID --namn N --roll R")
    if not kommando and len(ord_) > 1:
        raise ArendeFel("KATALOG", "ange högst en testkatalog (eller signera FIL FALL)")
    for flagga, ord_for in GRANSKNINGSFLAGGOR.items():
        varde = getattr(args, flagga[2:])
        if varde not in (None, False) and kommando not in ord_for:
            raise ArendeFel(flagga, f"gäller listan, inte {kommando}" if ord_for == ("",)
                            else f"gäller bara bistand granskning {' och '.join(ord_for)}")
    if kommando == "nyckel":
        return _ny_granskarnyckel(args)
    from openfisca_sweden_bistand.testfall.granskare import las_granskare

    granskare = las_granskare(args.granskare)
    if kommando == "signera":
        return _signera(args, ord_[1], ord_[2], granskare)
    if kommando == "signatur":
        return _signatur(args, ord_[1], ord_[2], granskare)
    from openfisca_sweden_bistand.testfall.katalog import STANDARD_KATALOG

    return _granskningslista(Path(ord_[0]) if ord_ else STANDARD_KATALOG, args.format, args.ci, args.mot, granskare)


def _granskningslista(rot: Path, format_: str, ci: bool, mot: str | None = None, granskare: Any = None) -> int:
    from openfisca_sweden_bistand.testfall.granskning import ANDRAD, ANTALTEXT, GRANSKAD, OGILTIG, STATUSTEXT
    from openfisca_sweden_bistand.testfall.jamforelse import forlorade_granskningar, las_katalog_vid
    from openfisca_sweden_bistand.testfall.katalog import las_katalog

    filer = las_katalog(rot, granskare)
    commit, forlorade, granskade_da = "", [], 0
    if mot is not None:  # read and compared before anything is printed: an error is one line
        commit, fore = las_katalog_vid(rot, mot, granskare)
        forlorade = forlorade_granskningar(fore, filer)
        granskade_da = sum(f.status == GRANSKAD for fil in fore for f in fil.fall)
    antal = {status: sum(f.status == status for fil in filer for f in fil.fall) for status in STATUSTEXT}
    if format_ == "json":
        print(json.dumps({"katalog": str(rot), "antal": antal, "filer": [
            {"fil": fil.relativ, "fel": fil.fel, "fall": [{"namn": f.namn, "rad": f.rad, "status": f.status,
                                           "statustext": STATUSTEXT[f.status], "orsak": f.orsak,
                                           "granskning": f.granskning and vars(f.granskning)} for f in fil.fall]}
            for fil in filer]} | ({} if mot is None else {"mot": {"revision": mot, "commit": commit, "forlorade": [
                {"fil": f.relativ, "namn": f.namn, "rad": f.rad, "orsak": f.orsak, "orsakstext": f.text,
                 "granskning": vars(f.granskning)} for f in forlorade]}}), ensure_ascii=False, indent=2))
    else:
        for fil in filer:
            visade = [f for f in fil.fall if not ci or f.status in (ANDRAD, OGILTIG)]
            if visade or fil.fel:
                print(fil.relativ)
            if fil.fel:
                print(f"  kan inte läsas: {fil.fel}")
            for f in visade:
                vem = f" ({f.granskning.granskad_av}, {f.granskning.datum})" if f.granskning else ""
                orsak = f": {f.orsak}" if f.status == OGILTIG else ""
                print(f"  rad {f.rad:<5} {STATUSTEXT[f.status]:<24} {f.namn}{vem}{orsak}")
        print(f"{sum(antal.values())} testfall i {len(filer)} filer: "
              + ", ".join(f"{ANTALTEXT[s]} {n}" for s, n in antal.items()) + ".")
        if mot is not None:
            _skriv_forlorade(forlorade, f"{mot} ({commit[:12]})", granskade_da)
    if ci and antal[ANDRAD]:
        print(f"bistand granskning: {antal[ANDRAD]} granskade testfall har ändrats sedan granskningen; "
              'låt en jurist granska dem igen (bistand granskning signera FIL "FALLETS NAMN" --nyckel NYCKELFIL)',
              file=sys.stderr)
    if ci and antal[OGILTIG]:
        print(f"bistand granskning: {antal[OGILTIG]} testfall har en granskning vars signatur inte håller (okänd "
              "nyckel, fel signatur, ändrad granskning eller ingen signatur); låt en jurist signera dem eller ta "
              "bort blocket", file=sys.stderr)
    if ci and forlorade:
        print(f"bistand granskning: testfall som var granskade vid {mot} men inte är det nu: {len(forlorade)} "
              "(granskningen eller fallet borttaget, namnet bytt eller fallet ändrat); låt en jurist granska dem "
              "igen eller godkänna borttagningen", file=sys.stderr)
    trasiga = [fil.fel for fil in filer if fil.fel]
    if ci and trasiga:
        print(f"bistand granskning: testfiler som inte kan läsas ({len(trasiga)}): " + "; ".join(trasiga),
              file=sys.stderr)
    return 1 if ci and (antal[ANDRAD] or antal[OGILTIG] or forlorade or trasiga) else 0


def _test(args: argparse.Namespace) -> int:
    """bistand test: the catalogue checked safely (``saker.kontrollera_katalog``), then run, or nothing run."""
    from openfisca_sweden_bistand.system import skattesystem
    from openfisca_sweden_bistand.testfall.katalog import STANDARD_KATALOG
    from openfisca_sweden_bistand.testfall.saker import kor_katalog

    rot = args.katalog or STANDARD_KATALOG
    resultat = kor_katalog(rot, skattesystem(), args.namn, args.v)
    if isinstance(resultat, int):
        return resultat
    for fel in resultat:
        print(f"bistand test: {rot}: {fel.meddelande}", file=sys.stderr)
    print(f"bistand test: testfiler i {rot} som inte kan köras säkert: {len(resultat)}; inget testfall kördes",
          file=sys.stderr)
    return FEL_INDATA


def _test_kommando(under: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    t = under.add_parser("test", help="kör YAML-testfallen med OpenFiscas testkörare, efter att varje fil lästs "
                                      "säkert och kontrollerats (inget körs om en fil inte går igenom)")
    t.add_argument("katalog", nargs="?", type=Path, metavar="KATALOG", help="testkatalogen (standard tests/yaml)")
    t.add_argument("--namn", metavar="TEXT", help="kör bara fall vars filnamn, namn eller nyckelord innehåller TEXT")
    t.add_argument("-v", action="store_true", help="visa varje testfall")
    t.set_defaults(kor=_test)


def _skriv_forlorade(forlorade: list[ForloradGranskning], vid: str, granskade_da: int) -> None:
    """The cases reviewed at the revision ``vid`` and not now, by file, each with its line there and the reason."""
    if not forlorade:
        print(f"Granskade testfall vid {vid}: {granskade_da}, alla granskade nu.")
        return
    print(f"Granskade testfall vid {vid}: {granskade_da}, varav inte granskade nu: {len(forlorade)}")
    forra = None
    for f in forlorade:
        if f.relativ != forra:
            print(f.relativ)
            forra = f.relativ
        print(f"  rad {f.rad:<5} {f.namn} ({f.granskning.granskad_av}, {f.granskning.datum}): {f.text}")


def _losenord() -> str:
    """The private key's passphrase: $BISTAND_NYCKEL_LOSENORD, or asked for (never echoed)."""
    import getpass

    losen = os.environ.get("BISTAND_NYCKEL_LOSENORD")
    return losen if losen is not None else getpass.getpass("Lösenord till nyckelfilen: ")


def _fil_i_katalogen(args: argparse.Namespace, fil: str) -> tuple[Path, str]:
    """The catalogue (--katalog, standard tests/yaml) and the file relative to it (a path to it works too)."""
    from openfisca_sweden_bistand.testfall.katalog import STANDARD_KATALOG

    rot = Path(args.katalog) if args.katalog else STANDARD_KATALOG
    try:  # a path to the file, as well as one relative to the catalogue
        fil = Path(fil).resolve(strict=True).relative_to(rot.resolve(strict=True)).as_posix()
    except (OSError, ValueError, RuntimeError):
        pass
    return rot, fil


def _privat_nyckel(args: argparse.Namespace) -> Any:
    from openfisca_sweden_bistand.testfall.granskare import las_privat_nyckel

    if args.nyckel is None:
        raise ArendeFel("--nyckel", "ange din privata nyckel: --nyckel NYCKELFIL (bistand granskning nyckel skapar en)")
    return las_privat_nyckel(Path(args.nyckel), _losenord)


def _signera(args: argparse.Namespace, fil: str, namn: str, granskare: Any) -> int:
    from openfisca_sweden_bistand.testfall.granskning import regelversion_text
    from openfisca_sweden_bistand.testfall.signering import granskaren, signera

    rot, fil = _fil_i_katalogen(args, fil)
    privat = _privat_nyckel(args)
    idag = datetime.date.today()
    post = granskaren(granskare, None, idag, privat)
    if args.av is not None and args.av.strip() != post.granskad_av:
        raise ArendeFel("--av", f"nyckeln är granskaren {post.id}:s, och granskad_av tas ur granskarfilen; "
                                "utelämna --av")
    fall = signera(rot, fil, namn, post.id, args.kommentar or "", regelversion_text(), idag, privat, granskare)
    if args.format == "json":
        print(json.dumps({"fil": fall.relativ, "namn": fall.namn, "rad": fall.rad, "status": fall.status,
                          "granskning": vars(fall.granskning) if fall.granskning else None},
                         ensure_ascii=False, indent=2))
    else:
        print(f"Granskningen av ”{fall.namn}” ({fall.relativ}, rad {fall.rad}) är signerad av {post.granskad_av} "
              "och sparad.")
    return 0


def _signatur(args: argparse.Namespace, fil: str, namn: str, granskare: Any) -> int:
    """The signature of a sign-off, for the web page's form (without its script): printed, nothing written."""
    from openfisca_sweden_bistand.testfall.granskning import regelversion_text
    from openfisca_sweden_bistand.testfall.signering import skapa_signatur

    rot, fil = _fil_i_katalogen(args, fil)
    dag = _datum(args.datum, "--datum") or datetime.date.today()
    signatur = skapa_signatur(rot, fil, namn, _privat_nyckel(args), args.kommentar or "",
                              args.regelversion or regelversion_text(), dag, granskare)
    print(signatur.removeprefix("ed25519:"))
    return 0


def _ny_granskarnyckel(args: argparse.Namespace) -> int:
    """bistand granskning nyckel: a reviewer's new key pair; the public half printed as an entry of granskare.yaml."""
    from openfisca_sweden_bistand.testfall.granskare import (
        kontrollera_id,
        kontrollera_text,
        las_granskare,
        post_yaml,
        skapa_nyckelfil,
    )

    for flagga in ("--ut", "--id", "--namn", "--roll"):
        if getattr(args, flagga[2:]) is None:
            raise ArendeFel(flagga, "krävs: bistand granskning nyckel --ut FIL --id ID --namn NAMN --roll ROLL")
    id_ = kontrollera_id(args.id, "--id")
    namn, roll = kontrollera_text(args.namn, "--namn"), kontrollera_text(args.roll, "--roll")
    granskare = las_granskare(args.granskare)
    if granskare.hitta(id_) is not None:
        raise ArendeFel("--id", f"{granskare.kalla} har redan en granskare med det id:t; välj ett annat")
    nyckel = skapa_nyckelfil(Path(args.ut), os.environ.get("BISTAND_NYCKEL_LOSENORD") or None)
    print(f"# Skrev en ny privat nyckel till {args.ut} (läge 0600). Behåll den för dig själv: aldrig i förrådet.\n"
          "# Lägg till posten nedan i granskare.yaml (openfisca_sweden_bistand/testfall/, eller kommunens egen fil\n"
          "# för --granskare) i en pull request; när den är granskad och sammanslagen kan du signera.")
    print(post_yaml(id_, namn, roll, nyckel.public_key()), end="")
    return 0


def _granskning_kommando(under: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """bistand granskning: the legal reviewer's sign-off of the YAML test cases."""
    g = under.add_parser(
        "granskning", help="juristens granskning av YAML-testfallen: lista status, signera ett fall, skapa en nyckel",
        usage='bistand granskning [KATALOG] [--format text|json] [--ci] [--mot REV] [--granskare FIL]\n'
              '       bistand granskning signera FIL "FALLETS NAMN" --nyckel NYCKELFIL [--kommentar TEXT] '
              '[--katalog KATALOG] [--granskare FIL]\n'
              '       bistand granskning signatur FIL "FALLETS NAMN" --nyckel NYCKELFIL [--kommentar TEXT] '
              '[--datum ÅÅÅÅ-MM-DD] [--regelversion TEXT] [--katalog KATALOG]\n'
              '       bistand granskning nyckel --ut FIL --id ID --namn NAMN --roll ROLL')
    g.add_argument("ord", nargs="*", metavar="KATALOG | signera FIL FALL | signatur FIL FALL | nyckel",
                   help="testkatalogen att lista (standard tests/yaml); signera eller signatur, filen (relativt "
                        "katalogen) och fallets namn; eller nyckel")
    g.add_argument("--format", choices=("text", "json"), default="text")
    g.add_argument("--ci", action="store_true",
                   help="visa bara fall som ändrats sedan granskningen eller vars signatur inte håller; slutkod 1 om "
                        "det finns något")
    g.add_argument("--mot", metavar="REV",
                   help="jämför med testkatalogen vid en git-revision (t.ex. origin/main): lista fall som var "
                        "granskade där men inte är det nu; med --ci slutkod 1 om det finns något")
    g.add_argument("--granskare", type=Path, metavar="FIL",
                   help="granskarnas publika nycklar (standard: paketets granskare.yaml)")
    g.add_argument("--nyckel", metavar="NYCKELFIL",
                   help="signera, signatur: din privata Ed25519-nyckel (PKCS#8 PEM eller OpenSSH); ett lösenord "
                        "ur $BISTAND_NYCKEL_LOSENORD eller frågas efter")
    g.add_argument("--av", help="signera: (behövs inte) granskaren som i granskarfilen; annat är ett fel")
    g.add_argument("--kommentar", help="signera, signatur: juristens kommentar")
    g.add_argument("--katalog", help="signera, signatur: testkatalogen (standard tests/yaml)")
    g.add_argument("--datum", metavar="ÅÅÅÅ-MM-DD", help="signatur: dagen som webbsidan visar (standard i dag)")
    g.add_argument("--regelversion", help="signatur: regelversionen som webbsidan visar (standard: den här)")
    g.add_argument("--ut", help="nyckel: filen för den nya privata nyckeln (skrivs aldrig över, läge 0600)")
    g.add_argument("--id", help="nyckel: nyckelns id i granskarfilen (a–z, 0–9, . _ -)")
    g.add_argument("--namn", help="nyckel: ditt namn")
    g.add_argument("--roll", help="nyckel: din roll, t.ex. 'jurist, socialförvaltningen'")
    g.set_defaults(kor=_granskning)


def _scenario(args: argparse.Namespace) -> int:
    from openfisca_sweden_bistand.analys.scenarier import NAMN, beskrivning, huvudfunktion

    if args.namn is None or args.scenariohjalp:
        print("användning: bistand scenario NAMN [--households N] [--period ÅÅÅÅ-MM] [--out KATALOG] …\n\n"
              "Scenarier (bistand scenario NAMN --help visar ett scenarios egna argument):")
        for namn in NAMN:
            print(f"  {namn:<24} {beskrivning(namn)}")
        return 0
    try:
        huvud = huvudfunktion(args.namn)
    except KeyError:
        print(f"bistand: inget scenario {maskera(args.namn)[:40]!r}; finns: {', '.join(NAMN)}", file=sys.stderr)
        return FEL_INDATA
    return huvud(args.argument)


class _Version(argparse.Action):
    """Print the version on one line (argparse's own action wraps it) and exit."""

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        print(_versionstext())
        parser.exit()


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="bistand", description="Ekonomiskt bistånd (försörjningsstöd) som lag-som-kod.")
    p.add_argument("--version", action=_Version, nargs=0, help="visa version och regelversionens git-commit")
    under = p.add_subparsers(dest="kommando", required=True)
    _beslut_och_berakna(under)
    _serve_kommando(under)
    e = under.add_parser("exempel", help="lista de inbyggda exemplen")
    e.set_defaults(kor=_exempel)
    under.add_parser("mcp", help="MCP-server för assistenter (stdio): hitta regel, beräkna, förslag till beslut, "
                                 "förklara en rad").set_defaults(kor=_mcp)
    under.add_parser("kommuner", help="lista kommunerna vars riktlinjer finns, med riktlinjernas datum").set_defaults(
        kor=_kommuner)
    k = under.add_parser("kommun", help="en kommuns riktlinjer: bistand kommun ny ID skapar ett skelett")
    kk = k.add_subparsers(dest="kommunkommando", required=True)
    ny = kk.add_parser("ny", help="skapa ett skelett med varje öppen term och dess nationella standardvärde")
    ny.add_argument("id", help="kommunens id: små bokstäver a–z, siffror och _ (t.ex. vaxjo)")
    ny.add_argument("--namn", help="kommunens namn (t.ex. 'Växjö kommun')")
    ny.add_argument("--katalog", type=Path, help="skapa skelettet här (standard: paketets kommuner/)")
    ny.set_defaults(kor=_ny_kommun)
    s = under.add_parser("scenario", help="kör ett scenario för analytiker (bistand scenario NAMN --help)",
                         add_help=False)
    s.add_argument("-h", "--help", action="store_true", dest="scenariohjalp", help="lista scenarierna")
    s.add_argument("namn", nargs="?", help="scenariots namn, t.ex. bidragstak_2027 (utan namn: en lista)")
    s.add_argument("argument", nargs=argparse.REMAINDER, help="scenariots egna argument")
    s.set_defaults(kor=_scenario)
    _register_kommando(under)
    _granskning_kommando(under)
    _test_kommando(under)
    return p


# Optional dependencies, by the extra that installs them (pyproject.toml).
TILLAGG = {
    "mcp": "mcp", "anyio": "mcp",
    "sqlalchemy": "register", "psycopg": "register", "matplotlib": "analys", "tqdm": "analys", "pandas": "analys",
}


def main(argv: list[str] | None = None) -> int:
    from openfisca_sweden_bistand.register.fel import RegisterFel, RegisterOtillgangligt

    args = parser().parse_args(argv)
    try:
        return int(args.kor(args))
    except ArendeFel as fel:  # it may quote a person id, a file name or a case reference: masked
        print(f"bistand: fel i ärendet: {maskera(str(fel))}", file=sys.stderr)
        return FEL_INDATA
    except RegisterOtillgangligt as fel:
        print(f"bistand: {fel}", file=sys.stderr)
        return FEL_LASNING
    except RegisterFel as fel:
        print(f"bistand: {fel}", file=sys.stderr)
        return FEL_INDATA
    except ModuleNotFoundError as fel:
        tillagg = TILLAGG.get((fel.name or "").split(".")[0])
        if tillagg is None:
            raise
        print(f"bistand: kommandot kräver tillägget [{tillagg}]: python -m pip install "
              f"'openfisca-sweden-bistand[{tillagg}]'", file=sys.stderr)
        return FEL_INDATA
    except Exception as fel:
        if not type(fel).__module__.startswith("sqlalchemy"):
            raise
        # never the stored data (SQLite quotes rows in some errors)
        print(f"bistand: registret kan inte läsas eller skrivas (databasfel {type(fel).__name__})", file=sys.stderr)
        return FEL_LASNING


if __name__ == "__main__":
    sys.exit(main())
