"""Barnbidrag och flerbarnstillägg: the child allowance a household receives, when it is not given.

Socialförsäkringsbalken (2010:110) 15 kap. 3 §: "Allmänt barnbidrag lämnas med 1 250 kronor i månaden för varje
barn från och med månaden efter barnets födelse. Lag (2017:1308)." 15 kap. 8 §: flerbarnstillägg for a family with
barnbidrag for two or more children, 150 kr for the second child, 580 for the third, 1 010 for the fourth and 1 250
for the fifth and each further child (Lag 2016:1294). The amounts: parameters/barnbidrag.yaml.

Barnbidrag counts as the household's income (SoL 2001:453 4 kap. 1 § / SoL 2025:400 12 kap. 1 §; SOSFS 2013:1,
Inkomster); the amount actually received is the fact to give.
"""

import numpy as np
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_sweden_bistand.entities import Hushall
from openfisca_sweden_bistand.regelstod.lagrum import INKOMSTER, referenser


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
