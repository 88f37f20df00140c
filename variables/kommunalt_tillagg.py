"""A municipality's local supplement to the riksnorm (kommunalt tillägg), from its guidelines.

SoL (2025:400) 12 kap. 2 §: "Socialnämnden får ge ekonomiskt bistånd utöver vad som följer av 1 § om det finns skäl
för det." (SoL 2001:453 4 kap.: the same power.) Some nämnder add a fixed amount to the norm, e.g. per child
(Sundsvall: 100 kr). There is no national supplement: the amount is the open term riktlinjer.tillagg_per_barn, 0
nationally and set by a municipality's extension (openfisca_sweden_bistand/kommuner/). The 2027 proposal
(bidragstak) would forbid local supplements to the norm: the reform sets it to 0 from 2027-01-01.
"""

import numpy as np
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_sweden_bistand.entities import Person
from openfisca_sweden_bistand.regelstod.avrundning import hela_kronor
from openfisca_sweden_bistand.regelstod.lagrum import referenser


class kommunalt_tillagg_till_riksnormen(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Kommunalt tillägg till riksnormen enligt nämndens riktlinjer (per barn)"
    documentation = """
    riktlinjer.tillagg_per_barn for each child the household supports, for the part of the month the child lives
    in the household (andel_av_manaden), in whole kronor.
    """
    reference = referenser("kommunalt_tillagg")

    def formula(person, period, parameters):
        belopp = parameters(period).riktlinjer.tillagg_per_barn
        andel = person("andel_av_manaden", period)
        return np.where(person("barn_som_ska_forsorjas", period), hela_kronor(belopp * andel), 0)
