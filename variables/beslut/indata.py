"""The facts a decision needs beyond the calculation, and the history it is checked against.

Förvaltningslagen (2017:900) 23 §: the authority shall see that a case is investigated as its nature requires.
A decision never grants more than was applied for (the application frames the case). The decision date governs
the procedural law (kommunallagen 6 kap. 37 §, förvaltningslagen, the appeal); the benefit month governs the
norm and the income rules.

No silent defaults: uppgifter_kompletta is false unless the decision function has checked the case against the
one list of required facts (openfisca_sweden_bistand/arende/underlag.py): `bistand beslut`, POST /beslut and the
register do; no caller can set it (the case reader refuses it), so /calculate and /trace never give an automated
outcome. The same goes for the facts the register supplies (forsta_ansokan_enligt_register,
historik_motsager_register) and the reader's check of values outside the case month (uppgifter_utanfor_manaden).
"""

from datetime import date

import numpy as np
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_sweden_bistand.entities import Hushall
from openfisca_sweden_bistand.regelstod.lagrum import referenser
from openfisca_sweden_bistand.regelstod.villkor import med_stod_i_folj


class beslutsdatum(Variable):
    value_type = date
    entity = Hushall
    definition_period = MONTH
    label = "Dagen då beslutet fattas"
    documentation = """
    The decision date governs the procedural law: whether a nämnd may delegate to an automated
    decision function (kommunallagen 6 kap., from 2022-07-01), förvaltningslagen (2017:900, from
    2018-07-01), the appeal provision (SoL 2001:453 16 kap. 3 § for decisions given before
    2025-07-01, SoL 2025:400 35 kap. 1 § after; övergångsbestämmelser p. 6 of SFS 2025:400) and the
    municipality's automation policy. The benefit month governs the norm, the prisbasbelopp and the
    income rules. `bistand beslut` and POST /beslut set it to the day the decision is made unless the
    case gives it; without it (a /calculate caller), the first day of the month is assumed.
    """
    reference = referenser("automatiserat_beslut", "kommunal_automatisering", "overklagande_sol")

    def formula(hushall, period):
        return hushall.filled_array(np.datetime64(period.start.date, "D"))


class uppgifter_kompletta(Variable):
    value_type = bool
    entity = Hushall
    definition_period = MONTH
    label = "Alla uppgifter som beslutet behöver har lämnats (kontrollerat av beslutsfunktionen)"
    documentation = "Set only by the decision function after checking beslutsunderlag.UPPGIFTER; never by a caller."
    reference = referenser("utredning")


class uppgifter_utanfor_manaden(Variable):
    value_type = bool
    entity = Hushall
    definition_period = MONTH
    label = "Ärendet anger värden för månader det inte gäller (kontrollerat av beslutsfunktionen)"
    documentation = "Set only by the decision function (a value after the case month, or an income for another month)."
    reference = referenser("utredning")


class forsta_ansokan_enligt_register(Variable):
    value_type = bool
    entity = Hushall
    definition_period = MONTH
    label = "Beslutsregistret har inget beslut för ärendet föregående månad (satt av beslutsfunktionen)"
    reference = referenser("utredning")


class historik_motsager_register(Variable):
    value_type = bool
    entity = Hushall
    definition_period = MONTH
    label = "Ärendets uppgifter om föregående månad stämmer inte med beslutsregistret (satt av beslutsfunktionen)"
    reference = referenser("utredning")


class delegation_galler(Variable):
    value_type = bool
    default_value = True
    entity = Hushall
    definition_period = MONTH
    label = ("Nämnden har en giltig delegation till den automatiserade beslutsfunktionen på beslutsdagen "
             "(satt av beslutsfunktionen)")
    documentation = """
    Set only by the decision function: the register sets it from the nämnd's delegations in force on
    the decision day. Without a register it is true: the automation parameters stand for the
    nämnd's delegation.
    """
    reference = referenser("kommunal_automatisering")


class ansokt_belopp(Variable):
    value_type = float
    entity = Hushall
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Belopp som hushållet ansöker om (0 eller inte angivet = det belopp som reglerna ger)"
    reference = referenser("ratt_till_bistand")


class forsorjningsstod_foregaende_manad(Variable):
    value_type = float
    entity = Hushall
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Försörjningsstöd som beviljades för föregående månad"
    reference = referenser("utredning")


class antal_personer_foregaende_manad(Variable):
    value_type = int
    entity = Hushall
    definition_period = MONTH
    label = "Antal personer i hushållet föregående månad"
    reference = referenser("hushall", "utredning")


class stod_foregaende_manad(Variable):
    value_type = bool
    entity = Hushall
    definition_period = MONTH
    label = "En vuxen i hushållet fick försörjningsstöd föregående månad (enligt ärendet)"
    documentation = "By mottog_forsorjningsstod for the month before, or manader_i_folj_med_stod of 1 or more."
    reference = referenser("utredning")

    def formula(hushall, period):
        fick = med_stod_i_folj(hushall.members, period, 1) * hushall.members("ar_vuxen", period)
        return hushall.any(fick)


class forsta_ansokan(Variable):
    value_type = bool
    entity = Hushall
    definition_period = MONTH
    label = "Ingen vuxen i hushållet fick försörjningsstöd föregående månad (ny ansökan)"
    documentation = "By the case's history, or by the decision register when decisions are recorded."
    reference = referenser("utredning")

    def formula(hushall, period):
        utan_stod = np.logical_not(hushall("stod_foregaende_manad", period))
        return utan_stod + hushall("forsta_ansokan_enligt_register", period)
