"""Legal references (*lagrum*), dated.

Ekonomiskt bistånd moved from socialtjänstlagen (2001:453), chapter 4, to the
new socialtjänstlag (2025:400), chapter 12, on 1 July 2025. Every rule in the
model names the key of its provision here; the right paragraph for a period is
chosen by date, so a decision for June 2025 cites the old law and one for
July 2025 the new.

Every paragraph cited here has been read in the text of the statute (or in a faithful copy of the SFS text,
named in ``anmarkning``). Where the paragraph could not be read, the statute alone is cited (``paragraf=""``,
e.g. "förvaltningslagen (1986:223)") with what it is cited for in ``anmarkning``, never a paragraph from memory:
no letter carries an unconfirmed paragraph (tests/kvalitet/test_referenser.py).
Evidence for SoL (2025:400): 12 kap. 1, 2, 3, 4, 5, 7, 8, 9 §§ and 35 kap. 1 § read in a copy of the
SFS text (GitHub se-lex/sfs-processor, data/md-markers/2025/sfs-2025-400-markers.md; the official
text: https://svenskforfattningssamling.se/sites/default/files/sfs/2025-05/SFS2025-400.pdf), marked in
``anmarkning``. Socialtjänstförordning (2025:468) 12 kap. 2–3 §§ read in a copy of the SFS text
(GitHub se-lex/sfs, 2025/sfs-2025-468.md; the official text is the SFS 2025:468 PDF below).
The wording of the new paragraphs matches the old ones; no statement in prop. 2024/25:89 that
"the paragraph corresponds to 4 kap. ..." was read.

A variable's OpenFisca ``reference`` is a list of bare URLs, one per provision (the OpenFisca
convention, which every stock client renders as links): ``Lagrum.href``, a lagen.nu address with the
paragraph anchor (``https://lagen.nu/2025:400#K12P7`` for 12 kap. 7 §: ``K`` chapter, ``P`` paragraph,
a letter written together, "7 a §" → ``P7a``; the scheme lagen.nu documents in "Hur man länkar till
lagen.nu"), or the official PDF or page where lagen.nu has no copy (SoF 2025:468, SOSFS, GDPR). The
dated Swedish citation text that the decision letter uses (``lagrum_text``) stays here, and
``citat_for_variabel`` gives it beside the URLs (the rulebook, ``/variable/<id>``).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any

SOL_2001 = "socialtjänstlagen (2001:453)"
SOL_2025 = "socialtjänstlagen (2025:400)"
SOF = "socialtjänstförordningen (2001:937)"
SOF_2025 = "socialtjänstförordningen (2025:468)"
SOSFS = "Socialstyrelsens allmänna råd SOSFS 2013:1 om ekonomiskt bistånd (ändrade genom HSLF-FS 2021:31)"
SFB = "socialförsäkringsbalken (2010:110)"
FB = "föräldrabalken (1949:381)"
HSL = "hälso- och sjukvårdslagen (2017:30)"
LMF = "lagen (2002:160) om läkemedelsförmåner m.m."
MAXTAXA = "förordningen (2001:160) om statsbidrag till kommuner som tillämpar maxtaxa inom förskola och fritidshem"

FL = "förvaltningslagen (2017:900)"
FL_1986 = "förvaltningslagen (1986:223)"
KL = "kommunallagen (2017:725)"
UPPGIFTSFORORDNING = "förordningen (2008:975) om uppgiftsskyldighet i vissa fall enligt socialtjänstlagen (2001:453)"
UPPGIFTSFORORDNING_2025 = "förordningen (2008:975) om uppgiftsskyldighet i vissa fall på socialtjänstens område"
GDPR = "dataskyddsförordningen (EU) 2016/679"

URL_FL = (
    "https://www.riksdagen.se/sv/dokument-och-lagar/dokument/svensk-forfattningssamling/"
    "forvaltningslag-2017900_sfs-2017-900/"
)
URL_FL_1986 = "https://lagen.nu/1986:223"
URL_KL = (
    "https://www.riksdagen.se/sv/dokument-och-lagar/dokument/svensk-forfattningssamling/"
    "kommunallag-2017725_sfs-2017-725/"
)
URL_KU36 = (
    "https://www.riksdagen.se/sv/dokument-och-lagar/dokument/betankande/"
    "val-och-beslut-i-kommuner-och-regioner_H901KU36/"
)
URL_GDPR = "https://eur-lex.europa.eu/legal-content/SV/TXT/?uri=CELEX:32016R0679"
URL_SOL_2001 = (
    "https://www.riksdagen.se/sv/dokument-och-lagar/dokument/svensk-forfattningssamling/"
    "socialtjanstlag-2001453_sfs-2001-453/"
)
URL_SOL_2025 = (
    "https://www.riksdagen.se/sv/dokument-och-lagar/dokument/svensk-forfattningssamling/"
    "socialtjanstlag-2025400_sfs-2025-400/"
)
URL_SOF = (
    "https://www.riksdagen.se/sv/dokument-och-lagar/dokument/svensk-forfattningssamling/"
    "socialtjanstforordning-2001937_sfs-2001-937/"
)
URL_SOF_2025 = "https://svenskforfattningssamling.se/sites/default/files/sfs/2025-05/SFS2025-468.pdf"
# The base PDF holds the 2025 table. The 2026 table (SFS 2025:1046) in a copy of the consolidated SFS text at a fixed
# commit; the address of the SFS 2025:1046 PDF itself was not confirmed.
URL_SOF_2025_2026 = (
    "https://github.com/se-lex/sfs-processor/blob/c949bd5284378eb5033605779349c30aa008a8b9/"
    "data/md-markers/2025/sfs-2025-468-markers.md"
)
URL_SOSFS = (
    "https://www.socialstyrelsen.se/kunskapsstod-och-regler/regler-och-riktlinjer/"
    "foreskrifter-och-allmanna-rad/konsoliderade-foreskrifter/20131-om-ekonomiskt-bistand/"
)
URL_SFB = (
    "https://www.riksdagen.se/sv/dokument-och-lagar/dokument/svensk-forfattningssamling/"
    "socialforsakringsbalk-2010110_sfs-2010-110/"
)
URL_FB = (
    "https://www.riksdagen.se/sv/dokument-och-lagar/dokument/svensk-forfattningssamling/"
    "foraldrabalk-1949381_sfs-1949-381/"
)

# Statutes with a copy on lagen.nu, where each paragraph has an anchor (K<chapter>P<paragraph>).
LAGEN_NU = "https://lagen.nu/"
KL_1991 = "kommunallagen (1991:900)"
SFS_PA_LAGEN_NU: dict[str, str] = {
    SOL_2001: "2001:453",
    SOL_2025: "2025:400",
    SOF: "2001:937",
    SFB: "2010:110",
    FB: "1949:381",
    HSL: "2017:30",
    LMF: "2002:160",
    MAXTAXA: "2001:160",
    FL: "2017:900",
    FL_1986: "1986:223",
    KL: "2017:725",
    KL_1991: "1991:900",
    UPPGIFTSFORORDNING: "2008:975",
    UPPGIFTSFORORDNING_2025: "2008:975",
}
_PARAGRAF = re.compile(
    r"^(?:(?P<kap>\d+) kap\.)?\s*(?:(?P<par>\d+)(?: (?P<bokstav>[a-z]))?(?:(?: och |–)\d+(?: [a-z])?)? §)?")

NY_SOL = datetime.date(2025, 7, 1)
FL_I_KRAFT = datetime.date(2018, 7, 1)
FORE_FL = datetime.date(2018, 6, 30)
KL_AUTOMATISERING = datetime.date(2022, 7, 1)
DAGEN_FORE_NY_SOL = datetime.date(2025, 6, 30)
# SoL (2001:453) 4 kap. 1 § andra stycket on the labour market, inserted by SFS 2016:654.
ARBETSMARKNADSKRAV_I_LAG = datetime.date(2016, 7, 1)


@dataclass(frozen=True)
class Lagrum:
    """One provision, valid between two dates (inclusive; ``None`` = open)."""

    paragraf: str
    forfattning: str
    url: str
    fran: datetime.date | None = None
    till: datetime.date | None = None
    anmarkning: str = ""

    def __str__(self) -> str:
        return f"{self.paragraf} {self.forfattning}".strip()

    def galler(self, dag: datetime.date) -> bool:
        return (self.fran is None or self.fran <= dag) and (self.till is None or dag <= self.till)

    @property
    def href(self) -> str:
        """A page that shows this paragraph: lagen.nu with its anchor, else the statute's own ``url``."""
        sfs = SFS_PA_LAGEN_NU.get(self.forfattning)
        return paragraf_url(sfs, self.paragraf) if sfs else self.url

    def citat(self) -> str:
        """The dated Swedish citation: provision, validity and remark (e.g. "4 kap. 1 § …, t.o.m. 2025-06-30")."""
        giltighet = ""
        if self.fran and self.till:
            giltighet = f", {self.fran.isoformat()}–{self.till.isoformat()}"
        elif self.fran:
            giltighet = f", fr.o.m. {self.fran.isoformat()}"
        elif self.till:
            giltighet = f", t.o.m. {self.till.isoformat()}"
        anm = f" [{self.anmarkning}]" if self.anmarkning else ""
        return f"{self}{giltighet}{anm}"

    def referens(self) -> str:
        """The dated citation and the paragraph's address: "<citat>: <href>"."""
        return f"{self.citat()}: {self.href}"


def lagen_nu_ankare(paragraf: str) -> str:
    """The lagen.nu anchor of a provision: "12 kap. 7 a § första stycket" → ``K12P7a``; "23 §" → ``P23``.

    "43 och 44 §§", "2 kap. 6 och 7 §§" and "11 kap. 11–11 b §§" point to the first paragraph; "" when there is
    no paragraph.
    """
    traff = _PARAGRAF.match(paragraf)
    if traff is None:
        return ""
    ankare = f"K{traff['kap']}" if traff["kap"] else ""
    if traff["par"]:
        ankare += f"P{traff['par']}{traff['bokstav'] or ''}"
    return ankare


def paragraf_url(sfs: str, paragraf: str) -> str:
    """The lagen.nu address of ``paragraf`` (e.g. "4 kap. 1 a §") in the statute ``sfs`` (e.g. "2001:453")."""
    ankare = lagen_nu_ankare(paragraf)
    return f"{LAGEN_NU}{sfs}#{ankare}" if ankare else f"{LAGEN_NU}{sfs}"


def _sol(gammal: str, ny: str, *, anmarkning: str = "", fran: datetime.date | None = None) -> tuple[Lagrum, Lagrum]:
    """A rule of SoL 2001:453 chapter 4 and its successor in SoL 2025:400."""
    gamla = Lagrum(gammal, SOL_2001, URL_SOL_2001, fran=fran, till=DAGEN_FORE_NY_SOL)
    nya = Lagrum(ny, SOL_2025, URL_SOL_2025, fran=NY_SOL, anmarkning=anmarkning)
    return (gamla, nya)


KOPIA_2025 = "ordalydelse läst i en kopia av SFS 2025:400 (se-lex/sfs-processor)"
DEL_AV_MANAD = "tolkning: kostnaderna räknas efter dagar (se Tolkningar)"
INKOMSTPRINCIPEN = "tolkning: en inkomst räknas den månad den betalas ut (se Tolkningar)"

LAGRUM: dict[str, tuple[Lagrum, ...]] = {
    # Rätten till bistånd: försörjningsstöd and livsföring i övrigt; skälig levnadsnivå.
    "ratt_till_bistand": _sol("4 kap. 1 §", "12 kap. 1 §"),
    # Standing at the labour market's disposal: written into 4 kap. 1 § andra stycket by SFS 2016:654
    # from 1 July 2016 (before that, andra stycket held another rule, and the requirement followed from
    # the main rule in första stycket as applied in case law).
    "arbetsmarknadens_forfogande": (
        Lagrum("4 kap. 1 § första stycket", SOL_2001, URL_SOL_2001,
               till=ARBETSMARKNADSKRAV_I_LAG - datetime.timedelta(days=1),
               anmarkning="kravet att stå till arbetsmarknadens förfogande följde då av huvudregeln i praxis"),
        Lagrum("4 kap. 1 § andra stycket", SOL_2001, URL_SOL_2001,
               fran=ARBETSMARKNADSKRAV_I_LAG, till=DAGEN_FORE_NY_SOL,
               anmarkning="införd genom SFS 2016:654"),
        Lagrum("12 kap. 3 §", SOL_2025, URL_SOL_2025, fran=NY_SOL, anmarkning=KOPIA_2025),
    ),
    # What försörjningsstöd covers: item 1 by the riksnorm, item 2 actual reasonable costs.
    "riksnorm_poster": _sol("4 kap. 3 § första stycket 1", "12 kap. 7 § första stycket 1"),
    "skaliga_kostnader": _sol(
        "4 kap. 3 § första stycket 2", "12 kap. 7 § första stycket 2", anmarkning=KOPIA_2025
    ),
    # A fritidskort (SFS 2025:762) may not lower the norm: 12 kap. 7 a §, from 8 September 2025.
    "fritidskort": (
        Lagrum("12 kap. 7 a §", SOL_2025, URL_SOL_2025, fran=datetime.date(2025, 9, 8),
               anmarkning="införd genom SFS 2025:762"),
    ),
    # A higher or lower norm in an individual case (not modelled: a caseworker's assessment).
    "riksnorm_annan_niva": _sol("4 kap. 3 § tredje stycket", "12 kap. 7 § tredje stycket",
                                anmarkning=KOPIA_2025),
    "riksnorm_faststalls": _sol(
        "4 kap. 3 § andra stycket", "12 kap. 7 § andra stycket", anmarkning=KOPIA_2025
    ),
    # Children's and school youth's own work income (one prisbasbelopp from 1 July 2013, SFS 2013:421).
    "barns_arbetsinkomst": _sol("4 kap. 1 a §", "12 kap. 9 §", anmarkning=KOPIA_2025),
    # Jobbstimulans (särskild beräkningsregel), from 1 July 2013 (SFS 2013:421).
    "jobbstimulans": _sol(
        "4 kap. 1 b §", "12 kap. 8 §", anmarkning=KOPIA_2025, fran=datetime.date(2013, 7, 1)
    ),
    # Praktik and the sanction for refusing it.
    "praktik": _sol("4 kap. 4 §", "12 kap. 4 §", anmarkning=KOPIA_2025),
    "vagran_praktik": _sol("4 kap. 5 §", "12 kap. 5 §", anmarkning=KOPIA_2025),
    # Appeal: SoL 2025:400 35 kap. 1 § 1 (read). The paragraph of SoL 2001:453 (16 kap., last amended by SFS
    # 2015:970) was not found in any copy reachable here: the statute alone is cited. The repealed law still
    # governs the appeal of a decision given before 2025-07-01 (SFS 2025:400, övergångsbestämmelser p. 6).
    "overklagande_sol": (
        Lagrum("", SOL_2001, URL_SOL_2001, till=DAGEN_FORE_NY_SOL,
               anmarkning="bestämmelserna om överklagande av beslut om bistånd; paragrafen inte läst"),
        Lagrum("35 kap. 1 § 1", SOL_2025, URL_SOL_2025, fran=NY_SOL, anmarkning=KOPIA_2025),
    ),
    # Förvaltningslagen (2017:900), in force from 1 July 2018.
    "utredning": (Lagrum("23 §", FL, URL_FL, fran=FL_I_KRAFT),),
    "automatiserat_beslut": (Lagrum("28 §", FL, URL_FL, fran=FL_I_KRAFT),),
    # Förvaltningslagen (1986:223), for decisions before 2018-07-01: its paragraphs were not read, so the statute
    # alone is cited, with what it is cited for.
    "motivering": (
        Lagrum("", FL_1986, URL_FL_1986, till=FORE_FL, anmarkning="motivering av beslut; paragrafen inte läst"),
        Lagrum("32 §", FL, URL_FL, fran=FL_I_KRAFT),
    ),
    "underrattelse": (
        Lagrum("", FL_1986, URL_FL_1986, till=FORE_FL, anmarkning="underrättelse om beslut; paragrafen inte läst"),
        Lagrum("33 §", FL, URL_FL, fran=FL_I_KRAFT),
    ),
    "overklagandetid": (
        Lagrum("", FL_1986, URL_FL_1986, till=FORE_FL, anmarkning="tid för överklagande; paragrafen inte läst"),
        Lagrum("43 och 44 §§", FL, URL_FL, fran=FL_I_KRAFT),
    ),
    # Kommunallagen: a nämnd may delegate decisions to an automated decision function from 1 July 2022: 6 kap.
    # 37 § in the wording of SFS 2022:638 ("… en ledamot, en ersättare eller en automatiserad beslutsfunktion …");
    # 38 § andra stycket lists what may not be delegated to one (wording of SFS 2023:708; 38 § was also amended
    # by SFS 2022:638). Read in se-lex/sfs 2017/sfs-2017-725.md (commit 1f6e733) and SFS 2022:638 as reprinted
    # by lagboken.se; in force 2022-07-01 (bet. 2021/22:KU36). Before, no law let a nämnd delegate to an
    # automated function; the wording of KL (2017:725) before SFS 2022:638 and of KL (1991:900) was not read,
    # so those statutes are cited without a paragraph.
    "kommunal_automatisering": (
        Lagrum("", KL_1991, "https://lagen.nu/1991:900", till=datetime.date(2017, 12, 31),
               anmarkning="delegation till en automatiserad beslutsfunktion medgavs inte; paragrafen inte läst"),
        Lagrum("", KL, URL_KL, fran=datetime.date(2018, 1, 1), till=KL_AUTOMATISERING - datetime.timedelta(days=1),
               anmarkning="i lydelse före SFS 2022:638, som förde in delegation till en automatiserad "
                          "beslutsfunktion i 6 kap. 37 § från 2022-07-01; paragrafen inte läst"),
        Lagrum("6 kap. 37 §", KL, URL_KL, fran=KL_AUTOMATISERING, anmarkning="i lydelse enligt SFS 2022:638"),
        Lagrum("6 kap. 38 § andra stycket", KL, URL_KL, fran=KL_AUTOMATISERING,
               anmarkning="ändrad genom SFS 2022:638 och SFS 2023:708"),
    ),
    "automatiserat_enskilt_beslut": (Lagrum("artikel 22", GDPR, URL_GDPR),),
    # The duty of CSN, Försäkringskassan, the a-kassor, Arbetsförmedlingen, Skatteverket and Pensionsmyndigheten
    # to give the socialnämnd facts about an applicant (what SSBTEK carries): SoL (2001:453) 11 kap. 11–11 b §§,
    # SoL (2025:400) 15 kap. 10–12 §§, as förordningen (2008:975) 1 § names them before and after 2025-07-01
    # (read in se-lex/sfs 2008/sfs-2008-975.md and lagen.nu/2008:975); which facts each gives: 2–7 §§.
    # A payment counts as income in the month it is paid out (inkomstprincipen): a convention of this package
    # (docs: Tolkningar), resting on the rule that the needs are met "på annat sätt" by the means the household
    # has in the month. Neither SoL (2025:400) 12 kap. nor SoF (2025:468) 12 kap. states it, and no passage of
    # Socialstyrelsen's handbook on it was read.
    "inkomstprincipen": (
        Lagrum("4 kap. 1 §", SOL_2001, URL_SOL_2001, till=DAGEN_FORE_NY_SOL, anmarkning=INKOMSTPRINCIPEN),
        Lagrum("12 kap. 1 §", SOL_2025, URL_SOL_2025, fran=NY_SOL, anmarkning=INKOMSTPRINCIPEN),
    ),
    "uppgiftsskyldighet": (
        Lagrum("11 kap. 11–11 b §§", SOL_2001, URL_SOL_2001, till=DAGEN_FORE_NY_SOL,
               anmarkning="som förordningen (2008:975) 1 § hänvisar till dem"),
        Lagrum("15 kap. 10–12 §§", SOL_2025, URL_SOL_2025, fran=NY_SOL,
               anmarkning="som förordningen (2008:975) 1 § i lydelse enligt SFS 2025:488 hänvisar till dem"),
        Lagrum("2–7 §§", UPPGIFTSFORORDNING, "https://lagen.nu/2008:975", till=DAGEN_FORE_NY_SOL),
        Lagrum("2–7 §§", UPPGIFTSFORORDNING_2025, "https://lagen.nu/2008:975", fran=NY_SOL,
               anmarkning="rubriken ändrad genom SFS 2025:488"),
    ),
    # The norm amounts themselves: SoF (2001:937) 2 kap. 1 §, amended each year (2022: SFS 2021:896,
    # 2023: SFS 2022:1436, 2024: SFS 2023:630, 2025: SFS 2024:1016); SoF 2001:937 was repealed on
    # 1 July 2025 and the tables moved to SoF (2025:468) 12 kap. 2 § (2026: SFS 2025:1046).
    "riksnorm_belopp": (
        Lagrum("2 kap. 1 §", SOF, URL_SOF, till=DAGEN_FORE_NY_SOL),
        Lagrum("12 kap. 2 §", SOF_2025, URL_SOF_2025, fran=NY_SOL, till=datetime.date(2025, 12, 31),
               anmarkning="tabellen för 2025"),
        Lagrum("12 kap. 2 §", SOF_2025, URL_SOF_2025_2026, fran=datetime.date(2026, 1, 1),
               anmarkning="i lydelse enligt SFS 2025:1046, tabellen för 2026"),
    ),
    # Households of more than seven persons, and an adult who is not a sambo but in hushållsgemenskap with
    # others: the last two stycken of SoF (2001:937) 2 kap. 1 § ("För en vuxen person som inte är att anse som
    # sambo, men som ingår i hushållsgemenskap med flera personer …", read in SFS 2020:1013; the same sentence,
    # with "sammanboende", stood in SoF (1981:750) 2 § by SFS 2000:1075), and from 2025-07-01 SoF (2025:468)
    # 12 kap. 3 §, word for word.
    "riksnorm_fler_an_sju": (
        Lagrum("2 kap. 1 §", SOF, URL_SOF, till=DAGEN_FORE_NY_SOL),
        Lagrum("12 kap. 3 §", SOF_2025, URL_SOF_2025, fran=NY_SOL),
    ),
    "riksnorm_delat_boende": (
        Lagrum("2 kap. 1 § sista stycket", SOF, URL_SOF, till=DAGEN_FORE_NY_SOL,
               anmarkning="hushållsgemenskap; ordalydelsen läst i SFS 2020:1013"),
        Lagrum("12 kap. 3 § andra stycket", SOF_2025, URL_SOF_2025, fran=NY_SOL, anmarkning="hushållsgemenskap"),
    ),
    # Who belongs to the household (SOSFS 2013:1, heading "Medlemmar i hushållet"); housing costs.
    "hushall": (
        Lagrum("avsnitt Medlemmar i hushållet", SOSFS, URL_SOSFS),
        Lagrum("7 kap. 1 §", FB, URL_FB),
    ),
    "boendekostnad": (Lagrum("avsnitt Boendekostnad", SOSFS, URL_SOSFS),),
    "inkomster": (Lagrum("avsnitt Inkomster", SOSFS, URL_SOSFS),),
    "tillgangar": (Lagrum("avsnitt Tillgångar", SOSFS, URL_SOSFS),),
    # Prisbasbelopp: computed under SFB 2 kap. 6-7 §§, fixed yearly by förordning.
    "prisbasbelopp": (Lagrum("2 kap. 6 och 7 §§", SFB, URL_SFB),),
    # Child allowance: barnbidrag 15 kap. 3 §, flerbarnstillägg 15 kap. 8 § (read in se-lex/sfs 2010/sfs-2010-110.md,
    # commit 3c50286: Lag 2017:1308 and Lag 2016:1294).
    "barnbidrag": (
        Lagrum("15 kap. 3 §", SFB, URL_SFB),
        Lagrum("15 kap. 8 §", SFB, URL_SFB),
    ),
    # Bistånd till livsföring i övrigt: SoL (2001:453) 4 kap. 1 § "sin livsföring i övrigt" (as quoted in prop.
    # 2015/16:136), SoL (2025:400) 12 kap. 1 § "sina levnadskostnader i övrigt" (read in se-lex/sfs-processor).
    "livsforing_i_ovrigt": (
        Lagrum("4 kap. 1 §", SOL_2001, URL_SOL_2001, till=DAGEN_FORE_NY_SOL, anmarkning="livsföring i övrigt"),
        Lagrum("12 kap. 1 §", SOL_2025, URL_SOL_2025, fran=NY_SOL,
               anmarkning=f"levnadskostnader i övrigt; {KOPIA_2025}"),
    ),
    # Högkostnadsskydd: HSL (2017:30) 17 kap. 6 § (Lag 2019:973, from 2020-01-01) and 7 § (siblings under 18), read in
    # se-lex/sfs-processor data/md-markers/2017/sfs-2017-30-markers.md; LMF (2002:160) 5 § (Lag 2025:578 from
    # 2025-07-01) and 19 § (free for children under 18), read in se-lex/sfs 2002/sfs-2002-160.md (commit a5e8f81).
    "hogkostnadsskydd_oppen_vard": (
        Lagrum("17 kap. 6 §", HSL, "https://lagen.nu/2017:30", fran=datetime.date(2020, 1, 1),
               anmarkning="i lydelse enligt Lag (2019:973)"),
        Lagrum("17 kap. 7 §", HSL, "https://lagen.nu/2017:30", anmarkning="syskon under 18 år"),
    ),
    "hogkostnadsskydd_lakemedel": (
        Lagrum("5 §", LMF, "https://lagen.nu/2002:160", till=DAGEN_FORE_NY_SOL,
               anmarkning="i lydelse före Lag (2025:578), läst i en återgivning av SFS 2015:968"),
        Lagrum("5 §", LMF, "https://lagen.nu/2002:160", fran=NY_SOL, anmarkning="i lydelse enligt Lag (2025:578)"),
        Lagrum("19 §", LMF, "https://lagen.nu/2002:160", anmarkning="kostnadsfritt för barn under 18 år"),
    ),
    # The maxtaxa: the percentages of the household's income a municipality may charge, as a condition for the
    # statsbidrag (3 §, read in se-lex/sfs 2001/sfs-2001-160.md, consolidated to SFS 2019:624).
    "maxtaxa": (Lagrum("3 §", MAXTAXA, "https://lagen.nu/2001:160"),),
    # Part of a month and umgänge: SOSFS 2013:1 ("Socialnämnden bör beräkna kostnaderna efter det antal dagar barnet
    # eller ungdomen vistas hos respektive förälder"); how a month is divided into days is this model's convention.
    "umgange": (Lagrum("avsnitt Medlemmar i hushållet", SOSFS, URL_SOSFS,
                       anmarkning="kostnaderna efter det antal dagar barnet vistas hos respektive förälder"),),
    "del_av_manad": (
        Lagrum("4 kap. 1 §", SOL_2001, URL_SOL_2001, till=DAGEN_FORE_NY_SOL, anmarkning=DEL_AV_MANAD),
        Lagrum("12 kap. 1 §", SOL_2025, URL_SOL_2025, fran=NY_SOL, anmarkning=DEL_AV_MANAD),
    ),
    # Förskott på förmån and återkrav: SoL (2025:400) 33 kap. 1–3 §§ (read in se-lex/sfs-processor); before
    # 2025-07-01 SoL (2001:453) 9 kap., whose wording was not read (Socialstyrelsen names 9 kap. 1 and 2 §§): the
    # statute alone is cited.
    "forskott_aterkrav": (
        Lagrum("", SOL_2001, URL_SOL_2001, till=DAGEN_FORE_NY_SOL,
               anmarkning="återkrav av bistånd som lämnats som förskott på förmån; paragrafen inte läst"),
        Lagrum("33 kap. 2 §", SOL_2025, URL_SOL_2025, fran=NY_SOL, anmarkning=KOPIA_2025),
    ),
    # A retroactive benefit paid to the nämnd: SFB 107 kap. 5 § in the wording of Lag (2025:404) (read in
    # se-lex/sfs-processor data/md-markers/2010/sfs-2010-110-markers.md); the earlier wording was not read.
    "forskott_utbetalning_till_namnden": (
        Lagrum("", SFB, URL_SFB, till=DAGEN_FORE_NY_SOL,
               anmarkning="retroaktiv ersättning till socialnämnden; paragrafen i äldre lydelse inte läst"),
        Lagrum("107 kap. 5 §", SFB, URL_SFB, fran=NY_SOL, anmarkning="i lydelse enligt Lag (2025:404)"),
    ),
    # Bistånd beyond the right to it (a municipality's local supplement to the norm): SoL (2025:400) 12 kap. 2 §
    # ("Socialnämnden får ge ekonomiskt bistånd utöver vad som följer av 1 § om det finns skäl för det", read in
    # se-lex/sfs-processor); the paragraph of SoL (2001:453) 4 kap. with the same power was not read here.
    "kommunalt_tillagg": (
        Lagrum("", SOL_2001, URL_SOL_2001, till=DAGEN_FORE_NY_SOL,
               anmarkning="bistånd utöver rätten till bistånd; paragrafen inte läst"),
        Lagrum("12 kap. 2 §", SOL_2025, URL_SOL_2025, fran=NY_SOL, anmarkning=KOPIA_2025),
    ),
    # A higher norm: SOSFS 2013:1's examples (read in the stored page of Socialstyrelsen).
    "hogre_niva": (Lagrum("avsnitt Särskilda skäl att beräkna kostnader till en högre nivå", SOSFS, URL_SOSFS),),
    # Students: case law (HFD 2011:56, read at lagen.nu).
    "studerande": (Lagrum("", "HFD 2011:56", "https://lagen.nu/dom/hfd/2011:56",
                          anmarkning="rättsfall, ingen paragraf; tolkning: studerande med studiemedel och bistånd "
                                     "mellan terminerna"),),
}


# The provisions every income rests on: the right to bistånd (needs met "på annat sätt") and SOSFS 2013:1, Inkomster.
INKOMSTER = ("ratt_till_bistand", "inkomster")


# Procedural law follows the day the decision is made; the rules of the benefit (the norm, the
# reasonable costs, the income rules) follow the month the decision concerns (legal review E3).
PROCESSRATT = frozenset({
    "utredning", "automatiserat_beslut", "kommunal_automatisering", "automatiserat_enskilt_beslut",
    "motivering", "underrattelse", "overklagandetid", "overklagande_sol",
})


def lagrum_for_beslut(nyckel: str, manad: datetime.date, beslutsdag: datetime.date) -> str:
    """The provisions of ``nyckel`` for a decision made on ``beslutsdag`` about the month starting ``manad``."""
    return lagrum_text(nyckel, beslutsdag if nyckel in PROCESSRATT else manad)


def lagrum(nyckel: str, dag: datetime.date) -> tuple[Lagrum, ...]:
    """The provisions of ``nyckel`` in force on ``dag`` (never empty)."""
    try:
        alla = LAGRUM[nyckel]
    except KeyError:
        raise KeyError(f"okänt lagrum: {nyckel!r}; kända: {', '.join(sorted(LAGRUM))}") from None
    i_kraft = tuple(item for item in alla if item.galler(dag))
    if not i_kraft:
        raise ValueError(f"lagrum {nyckel!r} gäller inte {dag.isoformat()}")
    return i_kraft


def lagrum_text(nyckel: str, dag: datetime.date, *, kravs: bool = False) -> str:
    """The provisions of ``nyckel`` in force on ``dag`` as one text.

    "" when none is in force, or an error with ``kravs=True`` (for a rule that must have a basis).
    """
    if kravs:
        return "; ".join(str(item) for item in lagrum(nyckel, dag))
    return "; ".join(str(item) for item in LAGRUM[nyckel] if item.galler(dag))


class Referenser(list[str]):
    """A variable's ``reference``: the URLs, one per provision, and the lagrum keys they came from.

    OpenFisca keeps a list as given, so ``variable.reference.nycklar`` finds the keys again
    (``citat_for_variabel``) without any change in ``variables/``.
    """

    nycklar: tuple[str, ...]

    def __init__(self, urler: list[str], nycklar: tuple[str, ...]) -> None:
        super().__init__(urler)
        self.nycklar = nycklar


def referenser(*nycklar: str) -> Referenser:
    """The URL of every provision of ``nycklar`` (all dates), deduplicated in order, for ``reference=``."""
    urler = dict.fromkeys(item.href for nyckel in nycklar for item in LAGRUM[nyckel])
    return Referenser(list(urler), nycklar)


def lagrum_for_variabel(variabel: Any) -> tuple[str, ...]:
    """The lagrum keys a variable cites (``()`` for a reference not made by ``referenser``)."""
    return tuple(getattr(getattr(variabel, "reference", None), "nycklar", ()))


def lagrum_poster(*nycklar: str) -> list[Lagrum]:
    """Every provision of ``nycklar`` (all dates), deduplicated in order."""
    return list(dict.fromkeys(item for nyckel in nycklar for item in LAGRUM[nyckel]))


def citat(*nycklar: str) -> list[str]:
    """The dated Swedish citation of every provision of ``nycklar``, deduplicated in order."""
    return list(dict.fromkeys(item.citat() for item in lagrum_poster(*nycklar)))


def citat_for_variabel(variabel: Any) -> list[str]:
    """The dated Swedish citations beside a variable's URLs (the rulebook, ``/variable/<id>``)."""
    return citat(*lagrum_for_variabel(variabel))
