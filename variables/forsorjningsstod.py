"""Försörjningsstöd: the monthly amount.

SoL (2001:453) 4 kap. 1 § and 3 § / SoL (2025:400) 12 kap. 1 § and 7 §: a person who cannot
meet their needs has a right to försörjningsstöd for reasonable costs: the riksnorm items
(4 kap. 3 § första stycket 1 / 12 kap. 7 § första stycket 1) and the reasonable actual costs
(första stycket 2). Whatever the household's own income covers is not paid.

    försörjningsstöd = max(0, riksnorm + skäliga kostnader − räknade inkomster)

rounded to whole kronor: to the nearest krona, halves up, by default; rounding is a convention, not a
rule of law, and a municipality may round down instead (parameters/avrundning.yaml).

The same paragraph gives a right to bistånd for livsföring i övrigt (SoL 2001:453) / levnadskostnader i övrigt
(SoL 2025:400): the household's own income meets those needs too before the nämnd does, so the amount decided is

    ekonomiskt bistånd = försörjningsstöd + max(0, livsföring i övrigt − max(0, räknade inkomster − behov))
                       = max(0, riksnorm + skäliga kostnader + livsföring i övrigt − räknade inkomster)

(variables/livsforing_i_ovrigt.py). Discretionary bistånd (4 kap. 2 § / 12 kap. 2 §) and the labour-market
condition (4 kap. 1 § andra stycket / 12 kap. 3 §) are assessed by a caseworker.
"""

import numpy as np
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_sweden_bistand.entities import Hushall
from openfisca_sweden_bistand.regelstod.avrundning import hela_kronor, kronor_nedat
from openfisca_sweden_bistand.regelstod.lagrum import referenser


class behov(Variable):
    value_type = float
    entity = Hushall
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Hushållets behov: riksnorm och skäliga kostnader"
    reference = referenser("ratt_till_bistand", "riksnorm_poster", "skaliga_kostnader")

    def formula(hushall, period):
        return hushall("riksnorm", period) + hushall("skaliga_kostnader", period)


class forsorjningsstod(Variable):
    value_type = float
    entity = Hushall
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Försörjningsstöd för månaden"
    documentation = """
    max(0, behov − räknade inkomster), in whole kronor: nearest krona with halves up, or down when the
    municipality's policy says so (avrundning.forsorjningsstod_nedat). A convention, not a rule of law.
    """
    reference = referenser("ratt_till_bistand", "riksnorm_poster", "skaliga_kostnader")

    def formula(hushall, period, parameters):
        underskott = hushall("behov", period) - hushall("raknade_inkomster", period)
        nedat = parameters(period).avrundning.forsorjningsstod_nedat
        return np.maximum(0, kronor_nedat(underskott) if nedat else hela_kronor(underskott))


class inkomstoverskott(Variable):
    value_type = float
    entity = Hushall
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Inkomster utöver behovet (riksnorm och skäliga kostnader)"
    documentation = "max(0, räknade inkomster − behov): what the income leaves for livsföring i övrigt."
    reference = referenser("ratt_till_bistand")

    def formula(hushall, period):
        return np.maximum(0, hushall("raknade_inkomster", period) - hushall("behov", period))


class bistand_livsforing_i_ovrigt(Variable):
    value_type = float
    entity = Hushall
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Bistånd till livsföring i övrigt: kostnaderna utöver det som inkomsterna räcker till"
    documentation = "max(0, livsföring i övrigt − inkomstöverskott), in whole kronor."
    reference = referenser("livsforing_i_ovrigt")

    def formula(hushall, period):
        kvar = hushall("livsforing_i_ovrigt", period) - hushall("inkomstoverskott", period)
        return np.maximum(0, hela_kronor(kvar))


class ekonomiskt_bistand(Variable):
    value_type = float
    entity = Hushall
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Ekonomiskt bistånd för månaden: försörjningsstöd och livsföring i övrigt"
    documentation = """
    försörjningsstöd + bistånd till livsföring i övrigt, which is max(0, behov + livsföring i övrigt − räknade
    inkomster) rounded: the income meets the försörjningsstöd's needs first, and what is left of it the
    livsföring costs. Without a cost for livsföring i övrigt it is the försörjningsstöd (and a reform that
    changes försörjningsstöd changes it). The amount the decision grants (beviljat_belopp) is this one, at most
    the amount applied for.
    """
    reference = referenser("ratt_till_bistand", "livsforing_i_ovrigt")

    def formula(hushall, period):
        return hushall("forsorjningsstod", period) + hushall("bistand_livsforing_i_ovrigt", period)
