"""Tillgångar: savings and other assets that can be realised.

SoL (2001:453) 4 kap. 1 § / SoL (2025:400) 12 kap. 1 §: the right to bistånd presupposes that
the needs cannot be met in another way. Savings, shares, funds, vehicles and owned housing are
resources that can be sold (Socialstyrelsen's allmänna råd SOSFS 2013:1, Tillgångar; municipal
guidance). Whether an asset must be realised is an individual assessment: the model does not
deduct assets from the amount; it records them so that a decision with assets goes to a
caseworker (manual review).
"""

from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_sweden_bistand.entities import Hushall
from openfisca_sweden_bistand.regelstod.lagrum import referenser


class tillgangar_sparande(Variable):
    value_type = float
    entity = Hushall
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Sparande: banktillgodohavanden, aktier, fonder och liknande"
    reference = referenser("ratt_till_bistand", "tillgangar")


class tillgangar_ovriga(Variable):
    value_type = float
    entity = Hushall
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Övriga tillgångar som kan realiseras (fordon, fastighet, bostadsrätt), uppskattat värde"
    reference = referenser("ratt_till_bistand", "tillgangar")


class tillgangar(Variable):
    value_type = float
    entity = Hushall
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Tillgångar som kan realiseras, sammanlagt"
    reference = referenser("ratt_till_bistand", "tillgangar")

    def formula(hushall, period):
        return hushall("tillgangar_sparande", period) + hushall("tillgangar_ovriga", period)
