"""Jobbstimulans: the särskild beräkningsregel for a person who has begun to work.

SoL (2025:400) 12 kap. 8 § (from 2025-07-01):
    "För den som har fått försörjningsstöd under sex månader i följd ska 25 procent av inkomsterna av anställning
    inte beaktas vid bedömningen av rätten till ekonomiskt bistånd (särskild beräkningsregel).
    Den särskilda beräkningsregeln gäller under två år. Därefter måste kravet på att försörjningsstöd ska ha
    lämnats under sex månader i följd uppfyllas på nytt för att den särskilda beräkningsregeln ska gälla igen.
    Den särskilda beräkningsregeln gäller inte hemmavarande barns och skolungdomars inkomster som anges i 9 §
    tredje stycket."
SoL (2001:453) 4 kap. 1 b § (2013-07-01 to 2025-06-30, SFS 2013:421): the same rule; its last stycke "Den
särskilda beräkningsregeln gäller inte inkomster som anges i 1 a §."

"Har fått … under sex månader i följd" means six earlier months, so the rule applies from the 7th month. It is
applied to the net wage, as Socialstyrelsen describes it ("25 procent av nettoinkomsten av anställning").
"""

import numpy as np
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_sweden_bistand.entities import Person
from openfisca_sweden_bistand.regelstod.avrundning import hela_kronor
from openfisca_sweden_bistand.regelstod.lagrum import referenser


class mottog_forsorjningsstod(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Personen fick försörjningsstöd denna månad"
    documentation = "History for jobbstimulans: give it for each earlier month of the person's support."
    reference = referenser("jobbstimulans")


class manader_i_folj_med_stod(Variable):
    value_type = int
    entity = Person
    definition_period = MONTH
    default_value = -1
    label = "Månader i följd med försörjningsstöd närmast före månaden (−1: inte angivet)"
    documentation = """
    The support history as one number: the person received försörjningsstöd in each of the given number of
    months right before this month, and not in the month before them (0: not last month). It says the same as
    mottog_forsorjningsstod true for those months and nothing earlier, and gives the same jobbstimulans
    (a property test compares the two). It cannot say that the two-year rule still runs from an earlier
    spell; give the months one by one for that. Where it is given (0 or more), it is used for the person
    instead of mottog_forsorjningsstod; −1, the default, means not given.
    """
    reference = referenser("jobbstimulans")


class jobbstimulans_tillampas(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Den särskilda beräkningsregeln (jobbstimulans) tillämpas denna månad"
    documentation = """
    Derived from mottog_forsorjningsstod in the earlier months or from manader_i_folj_med_stod, or given
    directly (an input overrides the derivation). After six months in a row with försörjningsstöd, the rule
    applies for the next 24 months, whether or not support is received in them (Socialstyrelsen,
    meddelandeblad 7/2013); after that, six new months in a row are needed. Months before the first month
    given in the case count as months without support.

    With m months in a row right before the month (and none before them), the rule applies when m ≥ 6 and
    (m − 6) modulo 30 (six months to qualify plus two years) is less than 24: months 7–30 of an unbroken
    spell, then 37–60, and so on.
    """
    reference = referenser("jobbstimulans")

    def formula_2013_07(person, period, parameters):
        p = parameters(period).inkomster.jobbstimulans
        manader = person("manader_i_folj_med_stod", period)
        i_cykeln = (manader - p.kvalificering_manader) % (p.kvalificering_manader + p.varaktighet_manader)
        enligt_antalet = (manader >= p.kvalificering_manader) & (i_cykeln < p.varaktighet_manader)
        kanda = person.get_holder("mottog_forsorjningsstod").get_known_periods()
        forsta = min((kand.start for kand in kanda), default=None)
        if forsta is None:
            return enligt_antalet
        return np.where(manader >= 0, enligt_antalet, _enligt_historiken(person, period, p, forsta))


def _enligt_historiken(person, period, p, forsta):
    """The rule month by month from the first month in the case's mottog_forsorjningsstod."""
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
