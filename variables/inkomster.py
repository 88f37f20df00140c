"""Inkomster: which incomes are counted against the household's needs.

SoL (2001:453) 4 kap. 1 § / SoL (2025:400) 12 kap. 1 §: a person has a right to bistånd only
when the needs cannot be met in another way, so every income of the household is counted
(Socialstyrelsen's allmänna råd SOSFS 2013:1, Inkomster), after tax, except where the law
says otherwise:

  - 4 kap. 1 a § / 12 kap. 9 §: hemmavarande barns and skolungdomars (under 21) income from
    their own work is not counted, except for the part above one prisbasbelopp per calendar
    year (half a prisbasbelopp 2008-01-01 – 2013-06-30);
  - 4 kap. 1 b § / 12 kap. 8 § (jobbstimulans): for a person who has received försörjningsstöd
    six months in a row, 25 % of income from employment is not counted, for two years; then
    six months in a row must be met again. It does not apply to hemmavarande barn and skolungdom
    (4 kap. 1 b § tredje stycket excludes "inkomster som anges i 1 a §"; 12 kap. 8 § tredje stycket
    the income in 9 § tredje stycket: the same result, since the part below the limit is not counted).

A child's income covers only the child (children have no duty to support their parents): income
paid for or earned by a child (underhållsstöd or underhållsbidrag, barnpension, the child's
studiebidrag, counted work income) is set against the child's own share of the need only, and
the part above it is not counted (this package's reading, see barnets_andel_av_behovet and the
documentation page "Tolkningar"). The case then goes to a caseworker (skal_barns_inkomst_over_andel).

Income that is not counted at all (e.g. merkostnadsersättning, vårdbidragets omkostnadsdel,
ideellt skadestånd) is given as ej_raknad_inkomst with its basis; it is shown, never counted.

All amounts are monthly, after tax (netto). Jobbstimulans is applied to the net wage, as
Socialstyrelsen describes it ("25 procent av nettoinkomsten av anställning").
"""

import numpy as np
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_sweden_bistand.entities import Hushall, Person
from openfisca_sweden_bistand.regelstod.avrundning import hela_kronor
from openfisca_sweden_bistand.regelstod.lagrum import referenser
from openfisca_sweden_bistand.regelstod.poster import (
    EGET_ARBETE,
    EJ_RAKNADE_POSTER,
    HUSHALL,
    INKOMSTPOSTER,
    PERSON,
    EjRaknadInkomstGrund,
    variabler,
)
from openfisca_sweden_bistand.regelstod.riktlinjer import OVERSKJUTANDE_DEL_RAKNAS_INTE, val

INKOMSTER = ("ratt_till_bistand", "inkomster")


# --- Incomes of a person, after tax --------------------------------------------------------


class inkomst_av_anstallning(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Inkomst av anställning efter skatt (nettolön)"
    reference = referenser(*INKOMSTER, "jobbstimulans", "barns_arbetsinkomst")


class inkomst_av_naringsverksamhet(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Inkomst av näringsverksamhet efter skatt"
    reference = referenser(*INKOMSTER, "barns_arbetsinkomst")


class arbetsloshetsersattning(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Arbetslöshetsersättning efter skatt"
    reference = referenser(*INKOMSTER)


class sjukpenning(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Sjukpenning, sjukersättning eller aktivitetsersättning efter skatt"
    reference = referenser(*INKOMSTER)


class aktivitetsstod(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Aktivitetsstöd, utvecklingsersättning eller etableringsersättning efter skatt"
    reference = referenser(*INKOMSTER)


class foraldrapenning(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Föräldrapenning efter skatt"
    reference = referenser(*INKOMSTER)


class pension(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Pension (ålders-, efterlevande- eller barnpension) efter skatt"
    reference = referenser(*INKOMSTER)


class studiebidrag(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Studiemedel (bidrag och lån) eller studiehjälp"
    documentation = """
    The name is kept for compatibility; the input is all study support received: CSN's grant and
    loan (for the few students who are entitled to försörjningsstöd the loan is also counted, e.g.
    Högsby kommun's list of income, "Utbildningsbidrag inkl. lån") or studiehjälp for a child in
    gymnasieskolan (the child's own income: see barnets_andel_av_behovet).
    """
    reference = referenser(*INKOMSTER)


class ovriga_inkomster(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Övriga inkomster efter skatt"
    reference = referenser(*INKOMSTER)


class underhallsstod_for_barnet(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Underhållsstöd eller underhållsbidrag som betalas för barnet"
    documentation = """
    Give it on the child it is paid for: it belongs to that child (föräldrabalken 7 kap. 1 §) and covers
    that child's own share of the need only. (The household's underhallsstod is accepted for one child; a
    sum for several children goes to a caseworker, skal_underhallsstod_ej_per_barn.)
    """
    reference = referenser(*INKOMSTER)


class ej_raknad_inkomst(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Inkomst som inte räknas in (med angiven grund)"
    documentation = """
    Income that practice does not count against the need, with its basis in
    ej_raknad_inkomst_grund: merkostnadsersättning, the omkostnadsdel of vårdbidrag or
    omvårdnadsbidrag, ideellt skadestånd, CSN's tilläggsbidrag for extra costs (municipal lists of
    income, e.g. Högsby kommun, "Försörjningsstödets storlek",
    https://hogsby.se/Omsorg-och-stoed/Individ-och-familjeomsorg/Ekonomiskt-bistaand/Foersoerjningsstoedets-storlek).
    Shown in the calculation, never counted; any other basis sends the case to a caseworker.
    """
    reference = referenser(*INKOMSTER)


class ej_raknad_inkomst_grund(Variable):
    value_type = Enum
    possible_values = EjRaknadInkomstGrund
    default_value = EjRaknadInkomstGrund.ingen
    entity = Person
    definition_period = MONTH
    label = "Grunden för att inkomsten inte räknas in"
    reference = referenser(*INKOMSTER)


# --- Incomes of the household ----------------------------------------------------------------


class bostadsbidrag(Variable):
    value_type = float
    entity = Hushall
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Bostadsbidrag eller bostadstillägg"
    reference = referenser(*INKOMSTER)


class underhallsstod(Variable):
    value_type = float
    entity = Hushall
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Underhållsstöd eller underhållsbidrag för hushållets barn, som en summa"
    documentation = """
    The sum paid for the household's children, when it is not given per child
    (underhallsstod_for_barnet). It is counted up to what the children's own shares of the need
    leave after their own incomes (underhallsstod_utrymme); the rest is not counted. With more than
    one child the rules cannot know whose share it meets, so the case goes to a caseworker
    (skal_underhallsstod_ej_per_barn), who gives it per child.
    """
    reference = referenser(*INKOMSTER)


class barnbidrag(Variable):
    value_type = float
    entity = Hushall
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Barnbidrag inklusive flerbarnstillägg"
    documentation = """
    The child allowance the household receives, including flerbarnstillägg. Give the amount
    actually received. When it is not given, the formula gives the statutory amount: barnbidrag
    for each child under 16, and flerbarnstillägg by the number of children with barnbidrag or
    (for skolungdom 16–19) studiehjälp. Approximations: barnbidrag really ends the quarter after
    the 16th birthday, and the amounts after March 2018 are unverified (see parameters/barnbidrag.yaml).
    """
    reference = referenser(*INKOMSTER, "barnbidrag")

    def formula_2013_01(hushall, period, parameters):
        p = parameters(period).barnbidrag
        alder = hushall.members("alder", period)
        barn = hushall.members("ar_barn", period)
        med_barnbidrag = barn * (alder < 16)
        med_studiehjalp = barn * hushall.members("skolungdom", period) * (alder >= 16) * (alder < 20)
        antal_bb = hushall.sum(med_barnbidrag)
        antal = antal_bb + hushall.sum(med_studiehjalp)
        fl = p.flerbarnstillagg
        tillagg = np.select(
            [antal < 2, antal == 2, antal == 3, antal == 4, antal == 5],
            [0, fl.barn_2, fl.barn_3, fl.barn_4, fl.barn_5],
            default=fl.barn_5 + (antal - 5) * fl.per_ytterligare_barn,
        )
        return antal_bb * p.belopp_per_barn + tillagg


# --- SoL 4 kap. 1 a § / 12 kap. 9 §: children's own work income ----------------------------


class egen_arbetsinkomst(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Inkomst av eget arbete (anställning och näringsverksamhet)"
    reference = referenser("barns_arbetsinkomst")

    def formula(person, period):
        return sum(person(namn, period) for namn in EGET_ARBETE)


class omfattas_av_barns_inkomstregel(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Hemmavarande barn, eller hemmavarande skolungdom under 21 år"
    documentation = "Whose own work income is disregarded up to one prisbasbelopp a year (4 kap. 1 a § / 12 kap. 9 §)."
    reference = referenser("barns_arbetsinkomst")

    def formula(person, period):
        return person("barn_som_ska_forsorjas", period)


class arbetsinkomst_tidigare_under_aret(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Inkomst av eget arbete tidigare under kalenderåret (före denna månad)"
    documentation = """
    Used to apply the yearly limit of 4 kap. 1 a § / 12 kap. 9 §. By default the sum of
    egen_arbetsinkomst for the earlier months of the calendar year that are in the case; months
    not given count as no income. Give the amount directly when the earlier months are not in the case.
    """
    reference = referenser("barns_arbetsinkomst")

    def formula(person, period):
        # Only months with some work income given can add anything (a month not given is 0).
        kanda = {
            str(kand) for namn in EGET_ARBETE for kand in person.get_holder(namn).get_known_periods()
        }
        tidigare = [period.offset(-k) for k in range(1, period.start.month)]
        return sum((person("egen_arbetsinkomst", manad) for manad in tidigare if str(manad) in kanda),
                   person.filled_array(0.0))


class barns_arbetsinkomst_inom_gransen(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Barns eller skolungdoms arbetsinkomst inom gränsen (upp till ett prisbasbelopp per år)"
    documentation = """
    min(this month's own work income, what remains of the yearly limit after the earlier months):
    the part the law says is not counted. Open question (tolkning): the law does not say whether
    the limit is compared with gross or net income; the model compares it with the net amounts it
    is given. From 2013-07-01 the limit is one prisbasbelopp for the whole calendar year 2013,
    including income earned under the half-prisbasbelopp rule before July (no transitional rule
    was read; a reading, see docs: Tolkningar).
    """
    reference = referenser("barns_arbetsinkomst", "prisbasbelopp")

    def formula_2013_01(person, period, parameters):
        arbetsinkomst = person("egen_arbetsinkomst", period)
        omfattas = person("omfattas_av_barns_inkomstregel", period)
        if not np.any(omfattas * (arbetsinkomst > 0)):
            return person.filled_array(0)  # no child earns this month: the year's earlier months are not needed
        grans = parameters(period).inkomster.barns_arbetsinkomst.grans_prisbasbelopp * parameters(period).prisbasbelopp
        kvar = np.maximum(0, grans - person("arbetsinkomst_tidigare_under_aret", period))
        return np.where(omfattas, np.minimum(arbetsinkomst, kvar), 0)


class barns_arbetsinkomst_over_gransen(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Barns eller skolungdoms arbetsinkomst över gränsen (får räknas in efter prövning)"
    documentation = """
    The part of a child's own work income above the yearly limit. The statute says it "får dock
    beaktas" (SoL 2001:453 4 kap. 1 a § tredje stycket) / "får dock räknas in" (SoL 2025:400 12 kap.
    9 § tredje stycket): a discretionary, individual assessment (Malmö stad: "görs en individuell
    prövning om dessa inkomster ska räknas med", https://soctanter.malmo.se/fraga/114). By the
    nämnd's policy (inkomster.barns_arbetsinkomst.overskjutande_del) a caseworker decides (the
    default: skal_barns_arbetsinkomst_over_gransen), it is never counted, or it is always counted.
    """
    reference = referenser("barns_arbetsinkomst", "prisbasbelopp")

    def formula(person, period):
        omfattas = person("omfattas_av_barns_inkomstregel", period)
        over = person("egen_arbetsinkomst", period) - person("barns_arbetsinkomst_inom_gransen", period)
        return np.where(omfattas, over, 0)


class barns_arbetsinkomst_ej_raknad(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Barns eller skolungdoms arbetsinkomst som inte räknas"
    documentation = """
    The part within the yearly limit, and the part above it when the nämnd's policy is never to count
    it (inkomster.barns_arbetsinkomst.overskjutande_del raknas_inte). Under the default (handlaggare) the
    proposal counts it and a caseworker decides.
    """
    reference = referenser("barns_arbetsinkomst", "prisbasbelopp")

    def formula_2013_01(person, period, parameters):
        inom = person("barns_arbetsinkomst_inom_gransen", period)
        if val(parameters, period, "inkomster.barns_arbetsinkomst.overskjutande_del") == OVERSKJUTANDE_DEL_RAKNAS_INTE:
            return inom + person("barns_arbetsinkomst_over_gransen", period)
        return inom


# --- SoL 4 kap. 1 b § / 12 kap. 8 §: jobbstimulans ----------------------------------------------


class mottog_forsorjningsstod(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Personen fick försörjningsstöd denna månad"
    documentation = "History for jobbstimulans: give it for each earlier month of the person's support."
    reference = referenser("jobbstimulans")


class jobbstimulans_tillampas(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Den särskilda beräkningsregeln (jobbstimulans) tillämpas denna månad"
    documentation = """
    Derived from mottog_forsorjningsstod in the earlier months, or given directly (an input
    overrides the derivation). After six months in a row with försörjningsstöd, the rule applies
    for the next 24 months, whether or not support is received in them (Socialstyrelsen,
    meddelandeblad 7/2013); after that, six new months in a row are needed. Months before the
    first month given in the case count as months without support.
    """
    reference = referenser("jobbstimulans")

    def formula_2013_07(person, period, parameters):
        p = parameters(period).inkomster.jobbstimulans
        kanda = person.get_holder("mottog_forsorjningsstod").get_known_periods()
        forsta = min((kand.start for kand in kanda), default=None)
        if forsta is None:
            return person.filled_array(False)
        start = period.start
        antal_manader = min((start.year - forsta.year) * 12 + start.month - forsta.month, 240)
        # Month by month from the first month in the case: i_foljd counts months in a row with support
        # (not while the rule runs); kvar counts the months the rule still applies. In place, small ints.
        i_foljd = np.zeros(person.count, dtype=np.int16)
        kvar = np.zeros(person.count, dtype=np.int16)
        for k in range(antal_manader, 0, -1):
            fick = person("mottog_forsorjningsstod", period.offset(-k))
            galler = kvar > 0
            kvar -= galler
            i_foljd += 1
            i_foljd *= fick & ~galler
            kvalificerad = i_foljd >= p.kvalificering_manader
            kvar[kvalificerad] = p.varaktighet_manader
            i_foljd[kvalificerad] = 0
        return kvar > 0


class jobbstimulans_ej_raknad(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Inkomst av anställning som inte räknas enligt jobbstimulansen (25 %)"
    documentation = """
    25 % of the net income of employment, rounded to whole kronor, when the rule applies.
    Not for the income of hemmavarande barn and skolungdom (4 kap. 1 b § tredje stycket / 12 kap. 8 §).
    """
    reference = referenser("jobbstimulans")

    def formula_2013_07(person, period, parameters):
        andel = parameters(period).inkomster.jobbstimulans.andel
        galler = person("jobbstimulans_tillampas", period) * np.logical_not(
            person("omfattas_av_barns_inkomstregel", period)
        )
        return np.where(galler, hela_kronor(andel * person("inkomst_av_anstallning", period)), 0)


# --- What is counted -------------------------------------------------------------------------


class inkomster_person(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Personens inkomster efter skatt, före undantag"
    reference = referenser(*INKOMSTER)

    def formula(person, period):
        return sum(person(namn, period) for namn in variabler(INKOMSTPOSTER, PERSON))


# --- A child's income covers only the child --------------------------------------------------


class barnets_andel_av_behovet(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Barnets egen andel av hushållets behov"
    documentation = """
    For a child the adults must support: the child's personal costs in the riksnorm, plus a
    per-capita share of the household's common costs and of its reasonable housing cost (each
    share rounded to whole kronor). This is the package's reading (tolkning) of the principle that
    a child's income covers only the child's own needs: Malmö stad, "barn inte
    försörjningsskyldiga gentemot sina föräldrar" (https://soctanter.malmo.se/fraga/8347); Lerum
    kommun counts "Barns medel till den del som utgör barnets norm"
    (https://www.lerum.se/Omsorg-och-stod/Ekonomi-svarigheter/Socialbidrag-forsorjningsstod/Behovsprovning/).
    Socialstyrelsen's handbook was not read. 0 for everyone else.
    """
    reference = referenser("ratt_till_bistand", "inkomster", "hushall")

    def formula(person, period):
        medlemmar = np.maximum(person.hushall("antal_hushallsmedlemmar", period), 1)
        gemensamt = hela_kronor(person.hushall("riksnorm_gemensamma_hushallskostnader", period) / medlemmar)
        boende = hela_kronor(person.hushall("skalig_boendekostnad", period) / medlemmar)
        andel = person("riksnorm_personliga_kostnader", period) + gemensamt + boende
        return np.where(person("barn_som_ska_forsorjas", period), andel, 0)


class barnets_inkomster(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Barnets egna inkomster som kan räknas (före begränsningen till barnets andel)"
    documentation = """
    A child's income after tax, less what the law or its basis leaves out (work income within the limit,
    ej_raknad_inkomst).
    """
    reference = referenser("ratt_till_bistand", "inkomster", "barns_arbetsinkomst")

    def formula(person, period):
        kan_raknas = (
            person("inkomster_person", period)
            - person("barns_arbetsinkomst_ej_raknad", period)
            - person("ej_raknad_inkomst", period)
        )
        return np.where(person("barn_som_ska_forsorjas", period), kan_raknas, 0)


class barnets_inkomst_over_andel(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Barnets inkomst över barnets andel av behovet (räknas inte)"
    reference = referenser("ratt_till_bistand", "inkomster")

    def formula(person, period):
        return np.maximum(0, person("barnets_inkomster", period) - person("barnets_andel_av_behovet", period))


class inkomst_utanfor_hushallet(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Inkomst för en person som inte hör till hushållet (räknas inte)"
    documentation = "An adult child over the parents' duty of support is a household of their own (ar_hushallsmedlem)."
    reference = referenser("hushall", "inkomster")

    def formula(person, period):
        return np.where(person("ar_hushallsmedlem", period), 0, person("inkomster_person", period))


class ej_raknade_inkomster_person(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Personens inkomster som inte räknas"
    documentation = """
    What the law disregards (a child's work income within the limit, jobbstimulans), income given
    as not counted with its basis, a child's income above the child's share of the need, and the
    whole income of a person who is not a household member.
    """
    reference = referenser("barns_arbetsinkomst", "jobbstimulans", "inkomster")

    def formula(person, period):
        delar = sum(person(namn, period) for namn in variabler(EJ_RAKNADE_POSTER, PERSON, for_hushallsmedlem=True))
        utanfor = sum(person(namn, period) for namn in variabler(EJ_RAKNADE_POSTER, PERSON, for_hushallsmedlem=False))
        return np.where(person("ar_hushallsmedlem", period), delar, utanfor)


class underhallsstod_utrymme(Variable):
    value_type = float
    entity = Hushall
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Utrymme för hushållets underhållsstöd: barnens andelar av behovet som deras egna inkomster inte täcker"
    reference = referenser("ratt_till_bistand", "inkomster")

    def formula(hushall, period):
        kvar = hushall.members("barnets_andel_av_behovet", period) - hushall.members("barnets_inkomster", period)
        return hushall.sum(np.maximum(0, kvar) * hushall.members("barn_som_ska_forsorjas", period))


class underhallsstod_over_andel(Variable):
    value_type = float
    entity = Hushall
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Hushållets underhållsstöd över barnens andelar av behovet (räknas inte)"
    reference = referenser("ratt_till_bistand", "inkomster")

    def formula(hushall, period):
        return np.maximum(0, hushall("underhallsstod", period) - hushall("underhallsstod_utrymme", period))


class barns_inkomster_over_andel(Variable):
    value_type = float
    entity = Hushall
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Barnens inkomster över barnens andelar av behovet (räknas inte)"
    reference = referenser("ratt_till_bistand", "inkomster")

    def formula(hushall, period):
        barnens = hushall.sum(hushall.members("barnets_inkomst_over_andel", period))
        return barnens + hushall("underhallsstod_over_andel", period)


class ej_raknade_inkomster(Variable):
    value_type = float
    entity = Hushall
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Inkomster som inte räknas"
    documentation = """
    Each member's income that is not counted (ej_raknade_inkomster_person), and underhållsstöd above the
    children's shares.
    """
    reference = referenser("barns_arbetsinkomst", "jobbstimulans", "inkomster")

    def formula(hushall, period):
        hushallets = sum(hushall(namn, period) for namn in variabler(EJ_RAKNADE_POSTER, HUSHALL))
        return hushall.sum(hushall.members("ej_raknade_inkomster_person", period)) + hushallets


class raknade_inkomster(Variable):
    value_type = float
    entity = Hushall
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Inkomster som räknas mot behovet"
    documentation = "Every member's income after tax, plus the household's incomes, less what is not counted."
    reference = referenser(*INKOMSTER, "barns_arbetsinkomst", "jobbstimulans")

    def formula(hushall, period):
        personer = hushall.sum(hushall.members("inkomster_person", period))
        hushallets = sum(hushall(namn, period) for namn in variabler(INKOMSTPOSTER, HUSHALL))
        return personer + hushallets - hushall("ej_raknade_inkomster", period)
