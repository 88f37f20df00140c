"""The outcome the rules give (*utfall*) and the decision (*beslut*).

SoL (2025:400) 12 kap. 1 § / SoL (2001:453) 4 kap. 1 §: the right to försörjningsstöd. Förvaltningslagen
(2017:900) 28 §: a decision may be made automatically. Kommunallagen (2017:725) 6 kap. 37 § (SFS 2022:638, from
2022-07-01): a nämnd may delegate decisions "till … en automatiserad beslutsfunktion"; 38 § andra stycket lists
what may not be delegated to one. The automation policy is in parameters/automatisering/.

The decision is the outcome, decided automatically, unless one of the reasons for manual review holds (the
variables skal_* in this folder, in the order of openfisca_sweden_bistand/regelstod/skal.py); then it is
manuell_provning and a caseworker decides, with the outcome as a proposal. No reason makes a rejection: every
doubt goes to a person.
"""

import numpy as np
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_sweden_bistand.entities import Hushall
from openfisca_sweden_bistand.regelstod.lagrum import referenser
from openfisca_sweden_bistand.regelstod.skal import SKAL
from openfisca_sweden_bistand.regelstod.utfall import Beslut, Utfall


class utfall(Variable):
    value_type = Enum
    possible_values = Utfall
    default_value = Utfall.avslag
    entity = Hushall
    definition_period = MONTH
    label = "Utfall enligt reglerna (förslag till beslut)"
    reference = referenser("ratt_till_bistand", "skaliga_kostnader", "livsforing_i_ovrigt")

    def formula(hushall, period):
        belopp = hushall("ekonomiskt_bistand", period)
        ansokt = hushall("ansokt_belopp", period)
        kostnad_nekad = hushall("skalig_boendekostnad", period) < hushall("boendekostnad", period)
        kostnad_nekad += hushall("livsforing_i_ovrigt", period) < hushall("livsforing_ansokt", period)
        delvis = ((ansokt > 0) * (belopp < ansokt)) + kostnad_nekad
        return np.select([belopp <= 0, delvis], [Utfall.avslag.index, Utfall.delvis_bifall.index],
                         default=Utfall.bifall.index)


class over_ansokt_belopp(Variable):
    value_type = bool
    entity = Hushall
    definition_period = MONTH
    label = "Reglerna ger mer än det ansökta beloppet"
    reference = referenser("ratt_till_bistand", "utredning")

    def formula(hushall, period):
        ansokt = hushall("ansokt_belopp", period)
        return (ansokt > 0) * (hushall("ekonomiskt_bistand", period) > ansokt)


class beviljat_belopp(Variable):
    value_type = float
    entity = Hushall
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Belopp som beviljas: det ekonomiska biståndet, högst det ansökta beloppet"
    documentation = """
    A decision never grants more than was applied for; without ansokt_belopp, the amount the rules give.
    """
    reference = referenser("ratt_till_bistand", "utredning")

    def formula(hushall, period):
        belopp = hushall("ekonomiskt_bistand", period)
        return np.where(hushall("over_ansokt_belopp", period), hushall("ansokt_belopp", period), belopp)


class manuell_provning_kravs(Variable):
    value_type = bool
    entity = Hushall
    definition_period = MONTH
    label = "Ärendet ska prövas av en handläggare (minst ett skäl för manuell prövning)"
    reference = referenser("utredning", "kommunal_automatisering", "automatiserat_enskilt_beslut")

    def formula(hushall, period):
        return np.any([hushall(skal.variabel, period) for skal in SKAL], axis=0)


class beslut(Variable):
    value_type = Enum
    possible_values = Beslut
    default_value = Beslut.manuell_provning
    entity = Hushall
    definition_period = MONTH
    label = "Beslut: automatiskt utfall, eller manuell prövning"
    reference = referenser("ratt_till_bistand", "automatiserat_beslut", "kommunal_automatisering")

    def formula(hushall, period):
        utfall = hushall("utfall", period)
        return np.select(
            [hushall("manuell_provning_kravs", period), utfall == Utfall.bifall, utfall == Utfall.delvis_bifall],
            [Beslut.manuell_provning.index, Beslut.bifall.index, Beslut.delvis_bifall.index],
            default=Beslut.avslag.index,
        )


class overklagandehanvisning_kravs(Variable):
    value_type = bool
    entity = Hushall
    definition_period = MONTH
    label = "Beslutet ska innehålla en överklagandehänvisning (beslutet går sökanden emot helt eller delvis)"
    documentation = """
    Förvaltningslagen (2017:900) 33 § andra stycket: a decision that goes against a party and can be appealed
    tells the party how to appeal it. An avslag or a delvis bifall goes against the applicant; a full grant
    does not. The appeal itself: SoL (2025:400) 35 kap. 1 § 1 (before 2025-07-01 SoL 2001:453), within three
    weeks (förvaltningslagen 43–44 §§); the letter's text is in forklaring/beslut.py.
    """
    reference = referenser("underrattelse", "overklagande_sol", "overklagandetid")

    def formula(hushall, period):
        utfall = hushall("utfall", period)
        return (utfall == Utfall.avslag) + (utfall == Utfall.delvis_bifall)
