"""A higher norm in the individual case.

SoL (2025:400) 12 kap. 7 § tredje stycket: "Socialnämnden ska i ett enskilt fall beräkna dessa kostnader till en
högre nivå om det finns särskilda skäl för det." (SoL 2001:453 4 kap. 3 § tredje stycket.) Socialstyrelsen's general
advice (SOSFS 2013:1, Särskilda skäl att beräkna kostnader till en högre nivå): "Socialnämnden bör beräkna
kostnaderna enligt riksnormen till en högre nivå bl.a. – om den enskilde av medicinska skäl har behov av dyrare
kost, – om den enskilde betalar avgift för skolmåltider, – om den enskilde har höga livsmedelskostnader på grund av
att kosten är inräknad i en avgift, …".

By rule: a fee for school meals, at the fee charged (the school's taxa fixes it). Every other ground (a diet on
medical grounds, food included in a fee, another special reason) goes to a caseworker with the stated extra cost as
the proposal (skal_hogre_norm): no national figure exists for them, and the "ska" calls for an assessment of the
case. A lower norm (the same stycke's "får") is never set by a rule.
"""

import numpy as np
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_sweden_bistand.entities import Person
from openfisca_sweden_bistand.regelstod.kategorier import HogreNormSkal
from openfisca_sweden_bistand.regelstod.lagrum import referenser


class hogre_norm_skal(Variable):
    value_type = Enum
    possible_values = HogreNormSkal
    default_value = HogreNormSkal.ingen
    entity = Person
    definition_period = MONTH
    label = "Särskilt skäl att beräkna personens kostnader enligt riksnormen till en högre nivå"
    reference = referenser("riksnorm_annan_niva", "hogre_niva")


class hogre_norm_belopp(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Merkostnad per månad som det särskilda skälet ger (t.ex. avgiften för skolmåltider)"
    reference = referenser("riksnorm_annan_niva", "hogre_niva")


class riksnorm_hogre_niva(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Riksnormen beräknad till en högre nivå (särskilt skäl)"
    documentation = """
    The extra cost, when a ground is given: by rule for school meals, as a proposal otherwise (skal_hogre_norm).
    An amount without a ground is not added: it goes to a caseworker.
    """
    reference = referenser("riksnorm_annan_niva", "hogre_niva")

    def formula(person, period):
        skal = person("hogre_norm_skal", period) != HogreNormSkal.ingen
        return np.where(skal, person("hogre_norm_belopp", period), 0)
