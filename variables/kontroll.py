"""Kontroll av uppgifterna: each fact's source, and a renewal checked against the registers (SSBTEK).

SoL (2001:453) 11 kap. 11–11 b §§, SoL (2025:400) 15 kap. 10–12 §§ and förordningen (2008:975) 2–7 §§:
CSN, Försäkringskassan, the a-kassor, Arbetsförmedlingen, Skatteverket and Pensionsmyndigheten give the
socialnämnd facts about an applicant, which SSBTEK carries. Förvaltningslagen (2017:900) 23 §: the case is
investigated as far as it requires. A decision made by an automated decision function rests only on facts
that were checked:

- a fact a register holds (a payment: kontroll/formankoder.yaml) decides automatically only when the
  register confirms it (or a caseworker has, when no register was asked);
- a fact no register holds (rent, electricity, wages, assets) follows the nämnd's policy
  (parameters/automatisering/kallkrav.yaml): by default a caseworker's confirmation, or the same fact as in
  last month's recorded decision, never the applicant's word alone;
- where a register disagrees beyond the nämnd's tolerance, shows a payment the application leaves out, could
  not be read, or shows what a caseworker must assess (no registration at Arbetsförmedlingen, study support, a
  vehicle, a residence permit ending, capital income, a retroactive payment), a caseworker decides.

The facts below are set only by the decision function (openfisca_sweden_bistand/kontroll/underlag.py), from
the case's sources and the register answers, never by a caller (the case reader refuses them); their
default, false, is what /calculate and a YAML test see.
"""

import numpy as np
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_sweden_bistand.entities import Hushall
from openfisca_sweden_bistand.regelstod.lagrum import referenser
from openfisca_sweden_bistand.regelstod.parametrar import vid_beslutsdatum
from openfisca_sweden_bistand.regelstod.skal import etikett, referens


class uppgift_endast_fran_sokanden(Variable):
    value_type = bool
    entity = Hushall
    definition_period = MONTH
    label = ("En uppgift som beslutet behöver och som inget register har bygger bara på sökandens uppgift "
             "(satt av beslutsfunktionen)")
    reference = referenser("utredning")


class uppgift_fran_beslutsregistret(Variable):
    value_type = bool
    entity = Hushall
    definition_period = MONTH
    label = ("En uppgift som beslutet behöver och som inget register har är oförändrad sedan förra beslutet i "
             "beslutsregistret, utan annan kontroll (satt av beslutsfunktionen)")
    reference = referenser("utredning")


class registeruppgift_okontrollerad(Variable):
    value_type = bool
    entity = Hushall
    definition_period = MONTH
    label = ("En uppgift som ett register har är inte kontrollerad mot registret eller av en handläggare "
             "(satt av beslutsfunktionen)")
    reference = referenser("uppgiftsskyldighet", "utredning")


class registeruppgift_avviker(Variable):
    value_type = bool
    entity = Hushall
    definition_period = MONTH
    label = ("Ett register visar ett annat belopp än ansökan, utöver nämndens tolerans, eller en utbetalning som "
             "ansökan inte tar upp (satt av beslutsfunktionen)")
    reference = referenser("uppgiftsskyldighet", "utredning")


class registerupplysning(Variable):
    value_type = bool
    entity = Hushall
    definition_period = MONTH
    label = "Ett register visar något som en handläggare ska bedöma (satt av beslutsfunktionen)"
    reference = referenser("uppgiftsskyldighet", "utredning")


# --- Reasons for manual review ---------------------------------------------------------------------


class skal_registeruppgift_okontrollerad(Variable):
    value_type = bool
    entity = Hushall
    definition_period = MONTH
    label = etikett("skal_registeruppgift_okontrollerad")
    reference = referens("skal_registeruppgift_okontrollerad")

    def formula(hushall, period):
        return hushall("registeruppgift_okontrollerad", period)


class skal_registeruppgift_avviker(Variable):
    value_type = bool
    entity = Hushall
    definition_period = MONTH
    label = etikett("skal_registeruppgift_avviker")
    reference = referens("skal_registeruppgift_avviker")

    def formula(hushall, period):
        return hushall("registeruppgift_avviker", period)


class skal_registerupplysning(Variable):
    value_type = bool
    entity = Hushall
    definition_period = MONTH
    label = etikett("skal_registerupplysning")
    reference = referens("skal_registerupplysning")

    def formula(hushall, period):
        return hushall("registerupplysning", period)


class skal_uppgift_utan_kontroll(Variable):
    value_type = bool
    entity = Hushall
    definition_period = MONTH
    label = etikett("skal_uppgift_utan_kontroll")
    reference = referens("skal_uppgift_utan_kontroll")

    def formula(hushall, period, parameters):
        sokanden = hushall("uppgift_endast_fran_sokanden", period)
        oforandrad = hushall("uppgift_fran_beslutsregistret", period)
        return vid_beslutsdatum(hushall, period, parameters, lambda automatisering: (
            sokanden * np.logical_not(automatisering.kallkrav.sokandens_uppgift_godtas)
            + oforandrad * np.logical_not(automatisering.kallkrav.oforandrad_uppgift_godtas)
        ))
