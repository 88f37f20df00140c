"""Automatiserade beslut: how many cases each legal regime lets an automated decision function decide,
and how many caseworker hours the rest take; and how the rate falls when the registers a renewal is
checked against (SSBTEK) disagree with the application or do not answer.

    bistand scenario automatiserade_beslut [--households N] [--period YYYY-MM] [--out DIR] [--minuter 45]
        [--andel-avviker 0 0.05 0.1] [--andel-nere 0 0.02]

The caseload does not model where each fact comes from: every fact is taken as confirmed (as
``arendebestand.bygg_simulering`` sets ``uppgifter_kompletta``), so the register check's outcome is drawn.
For each share ``a`` of ``--andel-avviker`` and ``n`` of ``--andel-nere`` (but 0 and 0, which is the
regime itself), a variant of each regime that automates sets, per household, ``registeruppgift_avviker``
(a register shows another amount than the application beyond the tolerance, or a payment it leaves out:
``kontroll/jamforelse.py``'s ``avviker`` and ``saknas_i_ansokan``) with probability ``a`` and
``registeruppgift_okontrollerad`` (an agency was not asked, answered with an error or could not deliver:
``ej_kontrollerbar``) with probability ``n``, independently. The draws are common to the variants
(``registerutfall``): a household whose register disagrees at 5 % also does at 10 %, so the rate falls
monotonically with the shares, and the same ``--seed`` gives the same draws.
"""

from __future__ import annotations

import argparse
import sys
import zlib
from collections.abc import Callable

import numpy as np

from openfisca_sweden_bistand import text
from openfisca_sweden_bistand.analys.arendebestand import Arendebestand
from openfisca_sweden_bistand.analys.scenario import (
    Resultat,
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

# The regimes: id, name, reform, description. The last two automate something, so the register check matters.
REGIMER: tuple[tuple[str, str, type, str], ...] = (
    ("inga", "Inga automatiserade beslut", IngaAutomatiseradeBeslut, "alla ärenden till handläggare."),
    ("bifall", "Endast bifall automatiskt", AutomatiseradeBifall, "standard: bifall automatiskt."),
    ("alla", "Alla utfall automatiskt", AllaUtfallAutomatiseras,
     "bifall, delvis bifall och avslag, också avslag vid återansökan efter stöd föregående månad."),
)
REGIMER_MED_AUTOMATIK = ("bifall", "alla")
STANDARD_AVVIKER = (0.0, 0.05, 0.1)
STANDARD_NERE = (0.0, 0.02)
_STROM = 7_320_101  # the register draws' own stream of the scenario's seed (not the caseload's, not last month's)

_REGLER = "operaton-workers-financialaid/src/main/java/se/sundsvall/operaton/workers/financialaid/rules/"


def _sundsvall(commit: str, fil: str) -> str:
    """A file of Sundsvalls kommun's published renewal rules, as this package cites them (repository@commit:path)."""
    return f"`Sundsvallskommun/api-service-operaton@{commit}:{_REGLER}{fil}`"


KALLOR = f"""\
  - Sundsvalls kommuns publicerade regler för återansökan: registrens inkomster i kontrollmånaden (månaden före
    ansökningsmånaden) och jämförelsemånaden (två månader före) jämförs per förmån, och en ändring utöver
    tröskeln, 12{text.NBSP}% om inget annat sägs och 0 = summorna ska vara lika, ger en varning till handläggaren
    ({_sundsvall("c53d244", "IncomeRulesEvaluator.java")}; {_sundsvall("36de514", "SsbtekPeriods.java")}); en
    myndighet som inte kunde svara är ett läsfel, inte "inga inkomster": reglerna körs inte och handläggaren
    varnas ({_sundsvall("4716e19", "SsbtekAvailability.java")}).
  - Detta pakets jämförelse (`openfisca_sweden_bistand/kontroll/jamforelse.py`, nämndens policy i
    `parameters/kontroll/`): *avviker* och *saknas i ansökan* sätter `registeruppgift_avviker`,
    *kan inte kontrolleras* sätter `registeruppgift_okontrollerad`; båda är skäl för manuell prövning."""


def andel(varde: str) -> float:
    """A share 0–1 on the command line."""
    try:
        tal = float(varde.replace(",", "."))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{varde!r} är ingen andel (ett tal 0–1)") from None
    if not 0 <= tal <= 1:
        raise argparse.ArgumentTypeError(f"{varde!r}: andelen ska vara mellan 0 och 1")
    return tal


def _procent(andel: float) -> str:
    """A share as percent, whole when it is: 5 %, 2,5 %."""
    return text.procent(andel, 0 if float(round(100 * andel, 6)).is_integer() else 1)


def _id(andel: float) -> str:
    return f"{100 * andel:g}".replace(".", "_")


def slumptal(bestand: Arendebestand, seed: int) -> np.ndarray:
    """Two uniform numbers in [0, 1) per household (row 0: a register disagrees, row 1: it does not answer),
    the same for every variant: drawn from the scenario's seed and the households' ids, so a block of the
    caseload draws the same numbers whichever variant asks."""
    nyckel = zlib.crc32("\n".join(map(str, bestand.hushall_id)).encode("utf-8"))
    return np.random.default_rng([seed, _STROM, nyckel]).random((2, bestand.antal_hushall))


def registerutfall(andel_avviker: float, andel_nere: float,
                   seed: int) -> Callable[[Arendebestand, np.random.Generator], dict[str, np.ndarray]]:
    """The variant's inputs: each household's register check, drawn (``slumptal``) with these shares."""

    def indata(bestand: Arendebestand, _rng: np.random.Generator) -> dict[str, np.ndarray]:
        avviker, nere = slumptal(bestand, seed)
        return {"registeruppgift_avviker": avviker < andel_avviker, "registeruppgift_okontrollerad": nere < andel_nere}

    return indata


def registervariant(regim: str, andel_avviker: float, andel_nere: float, seed: int) -> Variant:
    """Regime ``regim`` (an id of ``REGIMER``) with registers that disagree for a share ``andel_avviker`` of the
    households and do not answer for a share ``andel_nere``."""
    _, namn, reform, _ = next(r for r in REGIMER if r[0] == regim)
    kort = namn.removesuffix(" automatiskt")
    return Variant(
        f"{regim}_avviker{_id(andel_avviker)}_nere{_id(andel_nere)}",
        f"{kort}; {_procent(andel_avviker)} avviker, {_procent(andel_nere)} obesvarade",
        reform,
        f"som *{namn.lower()}*; ett register avviker för {_procent(andel_avviker)} och svarar inte för "
        f"{_procent(andel_nere)} av hushållen (lottat, syntetiskt).",
        registerutfall(andel_avviker, andel_nere, seed),
    )


def _par(args: argparse.Namespace) -> list[tuple[float, float]]:
    avviker = sorted(set(args.andel_avviker))
    nere = sorted(set(args.andel_nere))
    return [(a, n) for a in avviker for n in nere if (a, n) != (0.0, 0.0)]


def _matris(args: argparse.Namespace,
            varianter: dict[tuple[str, float, float], str]) -> Callable[[Resultat], list[str]]:
    """The report's table: the automation rate per regime, share that disagrees (rows) and share unanswered."""
    avviker = sorted({0.0, *args.andel_avviker})
    nere = sorted({0.0, *args.andel_nere})

    def tabell(resultat: Resultat) -> list[str]:
        grad = {r["variant"]: r["automatiseringsgrad"] for r in resultat.sammanfattning()}
        rader = ["## Automatiseringsgrad med registerkontroll", "",
                 "Andelen ärenden som beslutas automatiskt när registren (SSBTEK) för en andel av hushållen avviker "
                 "från ansökan (rader) eller inte svarar (kolumner). **Andelarna är syntetiska antaganden, inte "
                 "mätningar**: varje hushåll lottas med scenariots frö; ärendebeståndet modellerar inte uppgifternas "
                 "källor (alla uppgifter antas bekräftade). Se Antaganden.", ""]
        for regim in REGIMER_MED_AUTOMATIK:
            namn = next(r[1] for r in REGIMER if r[0] == regim)
            rader += [f"**{namn}**", "",
                      "| Avviker \\ obesvarade | " + " | ".join(_procent(n) for n in nere) + " |",
                      "|---|" + "---|" * len(nere)]
            for a in avviker:
                celler = [text.TANKSTRECK if (v := varianter.get((regim, a, n))) is None else text.procent(grad[v])
                          for n in nere]
                rader.append(f"| {_procent(a)} | " + " | ".join(celler) + " |")
            rader.append("")
        return rader + _per_utfall(resultat, varianter)

    return tabell


def _per_utfall(resultat: Resultat, varianter: dict[tuple[str, float, float], str]) -> list[str]:
    """What each regime decides automatically: the share of the households decided automatically per outcome."""
    rader = ["## Vad som beslutas automatiskt", "",
             "Andel av hushållen som beslutas automatiskt, per utfall, utan registeravvikelser. En första ansökan, "
             "saknade uppgifter och varje annat skäl för manuell prövning går till en handläggare i alla regimer.", "",
             "| Regim | Bifall | Delvis bifall | Avslag | Manuell prövning |", "|---|---|---|---|---|"]
    for regim, namn, *_ in REGIMER:
        beslut = resultat.beslut[varianter[(regim, 0.0, 0.0)]]
        andelar = [text.procent(float((beslut == utfall).mean()))
                   for utfall in ("bifall", "delvis_bifall", "avslag", "manuell_provning")]
        rader.append(f"| {namn} | " + " | ".join(andelar) + " |")
    return [*rader, ""]


def skapa(args: argparse.Namespace) -> Scenario:
    """Andel automatiskt beslutade ärenden och handläggartimmar under olika regimer, med registerkontroll."""
    par = _par(args)
    seed = int(getattr(args, "seed", 0))
    varianter = [Variant(*regim) for regim in REGIMER]
    namn: dict[tuple[str, float, float], str] = {}
    for regim, regimnamn, *_ in REGIMER:
        namn[(regim, 0.0, 0.0)] = regimnamn
    for regim in REGIMER_MED_AUTOMATIK:
        for a, n in par:
            variant = registervariant(regim, a, n, seed)
            varianter.append(variant)
            namn[(regim, a, n)] = variant.namn
    avviker = ", ".join(_procent(a) for a in sorted(set(args.andel_avviker)))
    nere = ", ".join(_procent(n) for n in sorted(set(args.andel_nere)))
    andelar = f"avviker: {avviker} (argument `--andel-avviker`); obesvarade: {nere} (argument `--andel-nere`)"
    return Scenario(
        namn="automatiserade_beslut",
        titel="Automatiserade beslut under olika regimer, med registerkontroll",
        minuter_per_manuellt_arende=args.minuter,
        antaganden=f"""
- Regimerna: *inga automatiserade beslut* (rättsläget före 1 juli 2022, eller en nämnd som inte delegerar),
  *endast bifall automatiskt* (standard i detta paket: avslag och delvis bifall prövas av handläggare) och
  *alla utfall automatiskt* (så som Trelleborgs robot beskrevs; inte rekommenderat: ett avslag
  eller delvis avslag bör prövas av en människa, dataskyddsförordningen art. 22). Under den sista regimen
  beslutas också ett avslag vid återansökan automatiskt: regeln om stor förändring mot föregående månad
  gäller då inte avslag (`automatisering.granser.stor_forandring_vid_avslag`), annars vore varje avslag efter
  stöd en förändring på 100 % och gick till en handläggare.
- Varje skäl för manuell prövning (`openfisca_sweden_bistand/regelstod/skal.py`) gäller i alla regimer:
  saknade uppgifter, tillgångar, näringsverksamhet, ingen aktiv arbetsmarknadsplanering, nedsatt arbetsförmåga,
  provisorisk riksnorm, ändrat hushåll, stor förändring mot föregående månad (utom avslag under *alla utfall*),
  första ansökan, och
  registerkontrollens skäl (ett register avviker, ett register har inte svarat).
- **Registerkontrollen är modellerad, inte mätt.** Ärendebeståndet modellerar inte var uppgifterna kommer ifrån:
  alla uppgifter antas bekräftade (av ett register eller en handläggare), ingen bygger enbart på sökandens ord.
  Utfallet av kontrollen mot registren (SSBTEK) lottas i stället per hushåll med scenariots frö (`--seed`), med
  syntetiska andelar; ingen publicerad statistik över hur ofta registren avviker eller inte svarar har hittats.
- Andelarna, {andelar}. Varje kombination utom 0 och 0 (regimen själv) är en variant av regimerna som
  automatiserar något: ett register avviker för hushållet med sannolikheten för *avviker*
  (`registeruppgift_avviker`), ett register svarar inte med sannolikheten för *obesvarade*
  (`registeruppgift_okontrollerad`), oberoende av varandra. Samma lottning gäller alla varianter: ett hushåll
  vars register avviker vid 5 % avviker också vid 10 %, så automatiseringsgraden faller med andelen. Vad
  avvikelserna och de obesvarade registren står för bygger på:
{KALLOR}
- Föregående månads belopp: samma som denna månad för 85 % av hushållen, annars ändrat med upp till ±40 %; ett
  hushåll som får avslag denna månad men fick stöd föregående månad fick då 500–3 000 kr (lottat).
- {args.minuter:g} minuter per manuellt prövat ärende (argument `--minuter`).
- Riksnormen: 2026 års tabeller är lästa i socialtjänstförordning (2025:468) 12 kap. 2 § (SFS 2025:1046);
  en månad vars norm inte är läst i en officiell text prövas manuellt (provisorisk riksnorm).
- Syntetiskt ärendebestånd, kalibrerat mot:
{kalibreringstext()}
""",
        varianter=varianter,
        tillagg=_matris(args, namn),
    )


def extra(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--minuter", type=float, default=45.0, help="minuter per manuellt prövat ärende")
    parser.add_argument("--andel-avviker", type=andel, nargs="+", default=list(STANDARD_AVVIKER), metavar="ANDEL",
                        help="andelar (0–1) av hushållen där ett register avviker från ansökan (syntetiskt antagande; "
                             "standard 0 0.05 0.1)")
    parser.add_argument("--andel-nere", type=andel, nargs="+", default=list(STANDARD_NERE), metavar="ANDEL",
                        help="andelar (0–1) av hushållen där ett register inte svarar eller inte kan läsas "
                             "(syntetiskt antagande; standard 0 0.02)")


def main(argv: list[str] | None = None) -> int:
    return huvudprogram(skapa, "2026-06", extra_argument=extra, argv=argv)


if __name__ == "__main__":
    sys.exit(main())
