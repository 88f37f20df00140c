"""Reasons for manual review: facts missing, contradictory or not yet investigated.

Förvaltningslagen (2017:900) 23 §: "En myndighet ska se till att ett ärende blir utrett i den omfattning som dess
beskaffenhet kräver." A missing fact is never a silent 0 in a decision; a first application, a changed household,
a large change from last month, a contradictory history and a norm not read in an official text each go to a
caseworker, with the reason named.
"""

import numpy as np
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_sweden_bistand.entities import Hushall
from openfisca_sweden_bistand.regelstod.parametrar import ar_provisorisk, parameter, vid_beslutsdatum
from openfisca_sweden_bistand.regelstod.skal import etikett, referens
from openfisca_sweden_bistand.regelstod.utfall import Utfall


class skal_saknade_uppgifter(Variable):
    value_type = bool
    entity = Hushall
    definition_period = MONTH
    label = etikett("skal_saknade_uppgifter")
    reference = referens("skal_saknade_uppgifter")

    def formula(hushall, period):
        return np.logical_not(hushall("uppgifter_kompletta", period))


class skal_forsta_ansokan(Variable):
    value_type = bool
    entity = Hushall
    definition_period = MONTH
    label = etikett("skal_forsta_ansokan")
    reference = referens("skal_forsta_ansokan")

    def formula(hushall, period):
        return hushall("forsta_ansokan", period)


class skal_andrat_hushall(Variable):
    value_type = bool
    entity = Hushall
    definition_period = MONTH
    label = etikett("skal_andrat_hushall")
    reference = referens("skal_andrat_hushall")

    def formula(hushall, period):
        andrat = hushall("antal_personer", period) != hushall("antal_personer_foregaende_manad", period)
        return andrat * np.logical_not(hushall("forsta_ansokan", period))


class skal_stor_forandring(Variable):
    value_type = bool
    entity = Hushall
    definition_period = MONTH
    label = etikett("skal_stor_forandring")
    reference = referens("skal_stor_forandring")

    def formula(hushall, period, parameters):
        andel = vid_beslutsdatum(hushall, period, parameters, lambda p: p.granser.stor_forandring_andel)
        vid_avslag = vid_beslutsdatum(hushall, period, parameters, lambda p: p.granser.stor_forandring_vid_avslag)
        tidigare = hushall("forsorjningsstod_foregaende_manad", period)
        andring = np.abs(hushall("forsorjningsstod", period) - tidigare)
        galler = np.logical_not(hushall("forsta_ansokan", period)) * (
            vid_avslag + (hushall("utfall", period) != Utfall.avslag))
        return (andring > andel * tidigare) * galler


class skal_motstridig_historik(Variable):
    value_type = bool
    entity = Hushall
    definition_period = MONTH
    label = etikett("skal_motstridig_historik")
    reference = referens("skal_motstridig_historik")

    def formula(hushall, period):
        belopp_forra = hushall("forsorjningsstod_foregaende_manad", period) > 0
        motsagelse = hushall("stod_foregaende_manad", period) != belopp_forra
        return motsagelse + hushall("historik_motsager_register", period)


class skal_motstridigt_boende(Variable):
    value_type = bool
    entity = Hushall
    definition_period = MONTH
    label = etikett("skal_motstridigt_boende")
    reference = referens("skal_motstridigt_boende")

    def formula(hushall, period):
        i_boendet = hushall("personer_i_gemensamt_boende", period)
        return (i_boendet > 0) * (i_boendet < hushall("antal_personer", period))


class skal_uppgifter_utanfor_manaden(Variable):
    value_type = bool
    entity = Hushall
    definition_period = MONTH
    label = etikett("skal_uppgifter_utanfor_manaden")
    reference = referens("skal_uppgifter_utanfor_manaden")

    def formula(hushall, period):
        return hushall("uppgifter_utanfor_manaden", period)


class skal_over_ansokt_belopp(Variable):
    value_type = bool
    entity = Hushall
    definition_period = MONTH
    label = etikett("skal_over_ansokt_belopp")
    reference = referens("skal_over_ansokt_belopp")

    def formula(hushall, period, parameters):
        beviljas = vid_beslutsdatum(hushall, period, parameters,
                                    lambda p: p.granser.bevilja_ansokt_belopp_nar_reglerna_ger_mer)
        return hushall("over_ansokt_belopp", period) * np.logical_not(beviljas)


class skal_beslut_efter_manaden(Variable):
    value_type = bool
    entity = Hushall
    definition_period = MONTH
    label = etikett("skal_beslut_efter_manaden")
    reference = referens("skal_beslut_efter_manaden")

    def formula(hushall, period):
        return hushall("beslutsdatum", period) > np.datetime64(period.stop.date, "D")


class skal_provisorisk_riksnorm(Variable):
    value_type = bool
    entity = Hushall
    definition_period = MONTH
    label = etikett("skal_provisorisk_riksnorm")
    reference = referens("skal_provisorisk_riksnorm")

    def formula(hushall, period):
        return hushall("riksnorm_provisorisk", period)


class skal_provisorisk_riktlinje(Variable):
    value_type = bool
    entity = Hushall
    definition_period = MONTH
    label = etikett("skal_provisorisk_riktlinje")
    documentation = """
    A municipal value that changed this case's amount is provisional (an undated page, a reading): the local
    supplement per child when the household has a child, or the broadband ceiling when broadband is applied for.
    """
    reference = referens("skal_provisorisk_riktlinje")

    def formula(hushall, period):
        rot = hushall.simulation.tax_benefit_system.parameters
        dag = period.start

        def provisorisk(stig):
            return ar_provisorisk(parameter(rot, stig), dag)

        tillagg = hushall.sum(hushall.members("kommunalt_tillagg_till_riksnormen", period)) > 0
        bredband = (hushall("kostnad_bredband", period) > 0) * (hushall("kostnad_bredband_hogst", period) > 0)
        bredband_provisorisk = (provisorisk("riktlinjer.livsforing.bredband")
                                or provisorisk("riktlinjer.livsforing.bredband_andel_av_prisbasbelopp"))
        return tillagg * provisorisk("riktlinjer.tillagg_per_barn") + bredband * bredband_provisorisk
