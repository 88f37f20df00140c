"""Förskott på förmån and återkrav: bistånd given while a benefit is awaited, netted off when the benefit arrives.

SoL (2025:400) 33 kap. 2 §: "Socialnämnden får, i andra fall än som avses i 1 §, kräva tillbaka ekonomiskt bistånd
som den enskilde har fått enligt 12 kap. 1 § endast 1. om det har lämnats a) som förskott på en förmån eller
ersättning, … och 2. om beslutet om bistånd a) har meddelats genom ett skriftligt beslut som har delgetts den
enskilde, och b) har innehållit uppgifter om den eller de omständigheter som utgör grund för
återbetalningsskyldighet." Before 2025-07-01 the same rule stood in SoL (2001:453) 9 kap. 2 § (its wording not read
here). 33 kap. 1 § (bistånd paid wrongly or too much) and 6 § (the nämnd may waive a claim) complete it.

Socialförsäkringsbalken (2010:110) 107 kap. 5 §: a retroactive benefit under the balk may, at the nämnd's request,
be paid to the nämnd for the bistånd given for the same time, when more than 1 000 kr is left unpaid. Such a
payment never reaches the household and is not an income; the case gives the förskott still outstanding after it.

The rules here:
  - a grant given as förskott (forskott_pa_forman) is recorded (forskott_beviljat) and the letter states the
    grounds for repayment that 33 kap. 2 § 2 b requires;
  - when the benefit arrives to the household, the part of it that meets the outstanding förskott is not counted
    as income (it is to be repaid), and a caseworker decides the återkrav (skal_aterkrav): an återkrav is never
    decided automatically.
"""

import numpy as np
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_sweden_bistand.entities import Hushall
from openfisca_sweden_bistand.regelstod.kategorier import ForskottForman
from openfisca_sweden_bistand.regelstod.lagrum import referenser


class forskott_pa_forman(Variable):
    value_type = Enum
    possible_values = ForskottForman
    default_value = ForskottForman.ingen
    entity = Hushall
    definition_period = MONTH
    label = "Biståndet lämnas som förskott på en förmån som hushållet har sökt (vilken förmån)"
    reference = referenser("forskott_aterkrav")


class utestaende_forskott(Variable):
    value_type = float
    entity = Hushall
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Förskott på förmån som har lämnats tidigare och ännu inte betalats tillbaka"
    documentation = "After what the benefit's payer has paid directly to the nämnd (SFB 107 kap. 5 §)."
    reference = referenser("forskott_aterkrav", "forskott_utbetalning_till_namnden")


class retroaktiv_forman(Variable):
    value_type = float
    entity = Hushall
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Del av månadens inkomster som är en retroaktiv utbetalning av förmånen som förskottet avsåg"
    documentation = """
    The retroactive payment is an income of the month it is paid (it is given among the incomes, e.g. as
    sjukpenning); this says how much of them it is, so that the part that meets the förskott is not counted twice.
    """
    reference = referenser("forskott_aterkrav", "inkomstprincipen")


class forskott_att_aterkrava(Variable):
    value_type = float
    entity = Hushall
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Retroaktiv förmån som motsvarar utestående förskott (räknas inte; återkravet prövas av handläggare)"
    documentation = "min(retroaktiv förmån, utestående förskott)."
    reference = referenser("forskott_aterkrav")

    def formula(hushall, period):
        return np.minimum(hushall("retroaktiv_forman", period), hushall("utestaende_forskott", period))


class forskott_beviljat(Variable):
    value_type = float
    entity = Hushall
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Belopp som lämnas som förskott på förmån (kan krävas tillbaka när förmånen betalas ut)"
    reference = referenser("forskott_aterkrav")

    def formula(hushall, period):
        forskott = hushall("forskott_pa_forman", period) != ForskottForman.ingen
        return np.where(forskott, hushall("beviljat_belopp", period), 0)
