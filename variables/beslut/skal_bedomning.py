"""Reasons for manual review: questions the law leaves to an individual assessment.

SoL (2025:400) 12 kap. 1 § (SoL 2001:453 4 kap. 1 §): whether the needs can be met "på annat sätt" (assets, a
business, who belongs to the household, a child's income above the child's share); 12 kap. 3 § (4 kap. 1 §
andra stycket): whether an adult stands at the labour market's disposal; 12 kap. 9 § tredje stycket (4 kap. 1 a §):
a child's work income above the limit "får" be counted; SoF (2025:468) 12 kap. 3 § andra stycket (SoF 2001:937
2 kap. 1 § sista stycket): the share of a hushållsgemenskap. Each is a caseworker's assessment, never a rule's.
"""

import numpy as np
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_sweden_bistand.entities import Hushall
from openfisca_sweden_bistand.regelstod.kategorier import HogreNormSkal
from openfisca_sweden_bistand.regelstod.parametrar import vid_beslutsdatum
from openfisca_sweden_bistand.regelstod.poster import LIVSFORING_RIKTLINJE, EjRaknadInkomstGrund
from openfisca_sweden_bistand.regelstod.riktlinjer import OVERSKJUTANDE_DEL_HANDLAGGARE, val
from openfisca_sweden_bistand.regelstod.skal import etikett, referens


class skal_hushallets_sammansattning(Variable):
    value_type = bool
    entity = Hushall
    definition_period = MONTH
    label = etikett("skal_hushallets_sammansattning")
    reference = referens("skal_hushallets_sammansattning")

    def formula(hushall, period):
        forsorjs = hushall.members("barn_som_ska_forsorjas", period)
        barn_utanfor = hushall.members("ar_barn", period) * np.logical_not(forsorjs)
        ung_vuxen = hushall.members("ar_vuxen", period) * (hushall.members("alder", period) < 18)
        return hushall.any(barn_utanfor + ung_vuxen)


class skal_tillgangar(Variable):
    value_type = bool
    entity = Hushall
    definition_period = MONTH
    label = etikett("skal_tillgangar")
    reference = referens("skal_tillgangar")

    def formula(hushall, period, parameters):
        grans = vid_beslutsdatum(hushall, period, parameters, lambda p: p.granser.tillgangar)
        return hushall("tillgangar", period) > grans


class skal_naringsverksamhet(Variable):
    value_type = bool
    entity = Hushall
    definition_period = MONTH
    label = etikett("skal_naringsverksamhet")
    reference = referens("skal_naringsverksamhet")

    def formula(hushall, period):
        return hushall.any(hushall.members("inkomst_av_naringsverksamhet", period) > 0)


class skal_arbetsmarknadsplanering(Variable):
    value_type = bool
    entity = Hushall
    definition_period = MONTH
    label = etikett("skal_arbetsmarknadsplanering")
    reference = referens("skal_arbetsmarknadsplanering")

    def formula(hushall, period):
        utan_plan = (
            hushall.members("ar_vuxen", period)
            * hushall.members("kan_arbeta", period)
            * np.logical_not(hushall.members("aktiv_arbetsmarknadsplanering", period))
        )
        return hushall.any(utan_plan)


class skal_nedsatt_arbetsformaga(Variable):
    value_type = bool
    entity = Hushall
    definition_period = MONTH
    label = etikett("skal_nedsatt_arbetsformaga")
    reference = referens("skal_nedsatt_arbetsformaga")

    def formula(hushall, period):
        kan_inte = hushall.members("ar_vuxen", period) * np.logical_not(hushall.members("kan_arbeta", period))
        return hushall.any(kan_inte)


class skal_barns_inkomst_over_andel(Variable):
    value_type = bool
    entity = Hushall
    definition_period = MONTH
    label = etikett("skal_barns_inkomst_over_andel")
    reference = referens("skal_barns_inkomst_over_andel")

    def formula(hushall, period):
        return hushall("barns_inkomster_over_andel", period) > 0


class skal_underhallsstod_ej_per_barn(Variable):
    value_type = bool
    entity = Hushall
    definition_period = MONTH
    label = etikett("skal_underhallsstod_ej_per_barn")
    documentation = """
    Underhållsstöd belongs to the child it is paid for (föräldrabalken 7 kap. 1 §): given as the household's sum
    when more than one child is supported, the rules cannot know whose share it meets (the review's case T26).
    """
    reference = referens("skal_underhallsstod_ej_per_barn")

    def formula(hushall, period):
        flera_barn = hushall("antal_barn_som_ska_forsorjas", period) > 1
        return (hushall("underhallsstod", period) > 0) * flera_barn


class skal_barns_arbetsinkomst_over_gransen(Variable):
    value_type = bool
    entity = Hushall
    definition_period = MONTH
    label = etikett("skal_barns_arbetsinkomst_over_gransen")
    reference = referens("skal_barns_arbetsinkomst_over_gransen")

    def formula(hushall, period, parameters):
        policy = val(parameters, period, "inkomster.barns_arbetsinkomst.overskjutande_del")
        over = hushall.any(hushall.members("barns_arbetsinkomst_over_gransen", period) > 0)
        return over * (policy == OVERSKJUTANDE_DEL_HANDLAGGARE)


class skal_delat_boende(Variable):
    value_type = bool
    entity = Hushall
    definition_period = MONTH
    label = etikett("skal_delat_boende")
    reference = referens("skal_delat_boende")

    def formula(hushall, period):
        return hushall("delat_boende", period) * np.logical_not(hushall("boendekostnad_avser_hushallets_andel", period))


class skal_inkomst_ej_raknad_utan_grund(Variable):
    value_type = bool
    entity = Hushall
    definition_period = MONTH
    label = etikett("skal_inkomst_ej_raknad_utan_grund")
    reference = referens("skal_inkomst_ej_raknad_utan_grund")

    def formula(hushall, period):
        grund = hushall.members("ej_raknad_inkomst_grund", period)
        utan_grund = (grund == EjRaknadInkomstGrund.ingen) + (grund == EjRaknadInkomstGrund.annan)
        return hushall.any((hushall.members("ej_raknad_inkomst", period) > 0) * utan_grund)


class skal_livsforing_bedoms(Variable):
    value_type = bool
    entity = Hushall
    definition_period = MONTH
    label = etikett("skal_livsforing_bedoms")
    documentation = """
    A cost the law leaves to an assessment (tandvård, glasögon, hemutrustning, flytt, bredband: variables/
    livsforing_i_ovrigt.py) above what the municipality's guidelines grant by rule (0 nationally), a medicine cost
    given for a child (free within the förmånerna), or a care or medicine cost in a month before the model has the
    ceiling (0).
    """
    reference = referens("skal_livsforing_bedoms")

    def formula(hushall, period, parameters):
        riktlinje = parameters(period).riktlinjer.livsforing
        bredband = hushall("kostnad_bredband_hogst", period)
        bedoms = np.any([hushall(namn, period) > (bredband if nyckel == "bredband" else riktlinje[nyckel])
                         for namn, nyckel in LIVSFORING_RIKTLINJE.items()], axis=0)
        barn = hushall.members("alder", period) < 18
        lakemedel = hushall.members("lakemedelskostnad", period) > 0
        patientavgifter = hushall.members("patientavgifter", period) > 0
        utan_tak = (hushall("hogkostnadsskydd_oppen_vard", period) <= 0) * hushall.any(patientavgifter)
        utan_tak += (hushall("hogkostnadsskydd_lakemedel", period) <= 0) * hushall.any(lakemedel)
        return bedoms + hushall.any(barn * lakemedel) + utan_tak


class skal_hogre_norm(Variable):
    value_type = bool
    entity = Hushall
    definition_period = MONTH
    label = etikett("skal_hogre_norm")
    documentation = "Any ground but school meals, or an extra cost without a ground (variables/hogre_norm.py)."
    reference = referens("skal_hogre_norm")

    def formula(hushall, period):
        skal = hushall.members("hogre_norm_skal", period)
        belopp = hushall.members("hogre_norm_belopp", period) > 0
        bedoms = (skal != HogreNormSkal.skolmaltider) * (skal != HogreNormSkal.ingen)
        return hushall.any(bedoms + belopp * (skal == HogreNormSkal.ingen))


class skal_studerande(Variable):
    value_type = bool
    entity = Hushall
    definition_period = MONTH
    label = etikett("skal_studerande")
    reference = referens("skal_studerande")

    def formula(hushall, period):
        return hushall.any(hushall.members("studerande_vuxen", period))


class skal_aterkrav(Variable):
    value_type = bool
    entity = Hushall
    definition_period = MONTH
    label = etikett("skal_aterkrav")
    documentation = "A retroactive benefit meets an outstanding förskott (variables/forskott.py)."
    reference = referens("skal_aterkrav")

    def formula(hushall, period):
        return hushall("forskott_att_aterkrava", period) > 0
