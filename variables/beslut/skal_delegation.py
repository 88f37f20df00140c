"""Reasons for manual review: what the nämnd has not delegated to the automated decision function.

Kommunallagen (2017:725) 6 kap. 37 § (SFS 2022:638, from 2022-07-01): "En nämnd får delegera beslutanderätten till
presidiet, ett utskott, en ledamot, en ersättare eller en automatiserad beslutsfunktion i ett visst ärende eller
en viss grupp av ärenden." Before, no law let a nämnd delegate to an automated function. Dataskyddsförordningen
(EU) 2016/679 artikel 22: a decision based solely on automated processing only where the law allows it, with
safeguards. Which outcomes the nämnd delegates is its policy (parameters/automatisering/).
"""

import numpy as np
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_sweden_bistand.entities import Hushall
from openfisca_sweden_bistand.regelstod.parametrar import vid_beslutsdatum
from openfisca_sweden_bistand.regelstod.skal import etikett, referens
from openfisca_sweden_bistand.regelstod.utfall import Utfall


class skal_automatisering_ej_tillaten(Variable):
    value_type = bool
    entity = Hushall
    definition_period = MONTH
    label = etikett("skal_automatisering_ej_tillaten")
    reference = referens("skal_automatisering_ej_tillaten")

    def formula(hushall, period, parameters):
        tillatet = vid_beslutsdatum(hushall, period, parameters, lambda p: p.automatiserade_beslut_tillatna)
        return hushall.filled_array(True) * np.logical_not(tillatet)


class skal_ingen_delegation(Variable):
    value_type = bool
    entity = Hushall
    definition_period = MONTH
    label = etikett("skal_ingen_delegation")
    reference = referens("skal_ingen_delegation")

    def formula(hushall, period):
        return np.logical_not(hushall("delegation_galler", period))


class skal_utfall_ej_automatiserbart(Variable):
    value_type = bool
    entity = Hushall
    definition_period = MONTH
    label = etikett("skal_utfall_ej_automatiserbart")
    reference = referens("skal_utfall_ej_automatiserbart")

    def formula(hushall, period, parameters):
        utfall = hushall("utfall", period)

        def tillatet_utfall(automatisering):
            tillatna = automatisering.automatiska_utfall
            return np.select(
                [utfall == Utfall.bifall, utfall == Utfall.delvis_bifall, utfall == Utfall.avslag],
                [tillatna.bifall, tillatna.delvis_bifall, tillatna.avslag],
            )

        tillatet = vid_beslutsdatum(hushall, period, parameters, tillatet_utfall)
        return np.logical_not(tillatet)
