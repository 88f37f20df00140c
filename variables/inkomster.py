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
    six months in a row must be met again. It does not apply to the income in 1 a §.

All amounts are monthly, after tax (netto). Jobbstimulans is applied to the net wage, as
Socialstyrelsen describes it ("25 procent av nettoinkomsten av anställning").
"""

import numpy as np
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_sweden_bistand.avrundning import hela_kronor
from openfisca_sweden_bistand.entities import Hushall, Person
from openfisca_sweden_bistand.inkomstslag import EGET_ARBETE, HUSHALLSINKOMSTER, PERSONINKOMSTER
from openfisca_sweden_bistand.lagrum import referenser

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
    label = "Studiebidrag (studiemedlens bidragsdel eller studiehjälp)"
    reference = referenser(*INKOMSTER)


class ovriga_inkomster(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Övriga inkomster efter skatt"
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
    label = "Underhållsstöd eller underhållsbidrag för barnen"
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


class barns_arbetsinkomst_ej_raknad(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Barns eller skolungdoms arbetsinkomst som inte räknas (upp till ett prisbasbelopp per år)"
    documentation = """
    min(this month's own work income, what remains of the yearly limit after the earlier months).
    Open question (tolkning): the law does not say whether the limit is compared with gross or net
    income; the model compares it with the net amounts it is given.
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
        return sum(person(namn, period) for namn in PERSONINKOMSTER)


class ej_raknade_inkomster_person(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Personens inkomster som enligt lag inte räknas"
    reference = referenser("barns_arbetsinkomst", "jobbstimulans")

    def formula(person, period):
        return person("barns_arbetsinkomst_ej_raknad", period) + person("jobbstimulans_ej_raknad", period)


class ej_raknade_inkomster(Variable):
    value_type = float
    entity = Hushall
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Inkomster som enligt lag inte räknas (barns arbetsinkomst, jobbstimulans)"
    reference = referenser("barns_arbetsinkomst", "jobbstimulans")

    def formula(hushall, period):
        return hushall.sum(hushall.members("ej_raknade_inkomster_person", period))


class raknade_inkomster(Variable):
    value_type = float
    entity = Hushall
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Inkomster som räknas mot behovet"
    documentation = "Every member's income after tax, plus the household's incomes, less what the law disregards."
    reference = referenser(*INKOMSTER, "barns_arbetsinkomst", "jobbstimulans")

    def formula(hushall, period):
        personer = hushall.sum(hushall.members("inkomster_person", period))
        hushallets = sum(hushall(namn, period) for namn in HUSHALLSINKOMSTER)
        return personer + hushallets - hushall("ej_raknade_inkomster", period)
