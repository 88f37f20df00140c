"""Beslut: the decision proposal and the reasons that send it to a caseworker.

Förvaltningslagen (2017:900) 28 §: a decision may be made automatically. Kommunallagen (2017:725)
6 kap., from 1 July 2022: a nämnd may delegate decisions to an automated decision function, as
its delegationsordning says. The automation policy is in parameters/automatisering/.

The outcome the rules give (utfall):
  - avslag: no försörjningsstöd (the household's income covers its needs);
  - delvis_bifall: less than applied for (ansokt_belopp), or a claimed cost not accepted in full
    (housing above the municipal ceiling);
  - bifall: the amount applied for.

The decision (beslut) is that outcome, decided automatically, unless one of the reasons in
openfisca_sweden_bistand/regelstod/skal.py holds; then it is manuell_provning and a caseworker decides, with
the outcome as a proposal. No reason makes a rejection: every doubt goes to a person.

No silent defaults: uppgifter_kompletta is false unless the decision function has checked the case
against the one list of required facts (openfisca_sweden_bistand/arende/underlag.py): `bistand
beslut`, POST /beslut and the register do; no caller can set it (the case reader refuses it), so
/calculate and /trace never give an automated outcome. The same goes for the facts the register
supplies (forsta_ansokan_enligt_register, historik_motsager_register) and the reader's check of
values outside the case month (uppgifter_utanfor_manaden).
"""

from datetime import date

import numpy as np
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_sweden_bistand.entities import Hushall
from openfisca_sweden_bistand.regelstod.lagrum import referenser
from openfisca_sweden_bistand.regelstod.parametrar import vid_beslutsdatum
from openfisca_sweden_bistand.regelstod.poster import EjRaknadInkomstGrund
from openfisca_sweden_bistand.regelstod.riktlinjer import OVERSKJUTANDE_DEL_HANDLAGGARE, val
from openfisca_sweden_bistand.regelstod.skal import SKAL, etikett, referens


class Utfall(Enum):
    bifall = "Bifall"
    delvis_bifall = "Delvis bifall"
    avslag = "Avslag"


class Beslut(Enum):
    bifall = "Bifall"
    delvis_bifall = "Delvis bifall"
    avslag = "Avslag"
    manuell_provning = "Manuell prövning"


# --- Facts a decision needs beyond the calculation -------------------------------------------


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


class over_ansokt_belopp(Variable):
    value_type = bool
    entity = Hushall
    definition_period = MONTH
    label = "Reglerna ger mer än det ansökta beloppet"
    reference = referenser("ratt_till_bistand", "utredning")

    def formula(hushall, period):
        ansokt = hushall("ansokt_belopp", period)
        return (ansokt > 0) * (hushall("forsorjningsstod", period) > ansokt)


class beviljat_belopp(Variable):
    value_type = float
    entity = Hushall
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Belopp som beviljas: försörjningsstödet, högst det ansökta beloppet"
    documentation = """
    A decision never grants more than was applied for; without ansokt_belopp, the amount the rules give.
    """
    reference = referenser("ratt_till_bistand", "utredning")

    def formula(hushall, period):
        belopp = hushall("forsorjningsstod", period)
        return np.where(hushall("over_ansokt_belopp", period), hushall("ansokt_belopp", period), belopp)


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


# --- The outcome -----------------------------------------------------------------------------


class utfall(Variable):
    value_type = Enum
    possible_values = Utfall
    default_value = Utfall.avslag
    entity = Hushall
    definition_period = MONTH
    label = "Utfall enligt reglerna (förslag till beslut)"
    reference = referenser("ratt_till_bistand", "skaliga_kostnader")

    def formula(hushall, period):
        belopp = hushall("forsorjningsstod", period)
        ansokt = hushall("ansokt_belopp", period)
        kostnad_nekad = hushall("skalig_boendekostnad", period) < hushall("boendekostnad", period)
        delvis = ((ansokt > 0) * (belopp < ansokt)) + kostnad_nekad
        return np.select([belopp <= 0, delvis], [Utfall.avslag.index, Utfall.delvis_bifall.index],
                         default=Utfall.bifall.index)


# --- Reasons for manual review (manuell prövning) ------------------------------------------------


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


class skal_saknade_uppgifter(Variable):
    value_type = bool
    entity = Hushall
    definition_period = MONTH
    label = etikett("skal_saknade_uppgifter")
    reference = referens("skal_saknade_uppgifter")

    def formula(hushall, period):
        return np.logical_not(hushall("uppgifter_kompletta", period))


class stod_foregaende_manad(Variable):
    value_type = bool
    entity = Hushall
    definition_period = MONTH
    label = "En vuxen i hushållet fick försörjningsstöd föregående månad (enligt ärendet)"
    reference = referenser("utredning")

    def formula(hushall, period):
        fick = hushall.members("mottog_forsorjningsstod", period.offset(-1)) * hushall.members("ar_vuxen", period)
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


class skal_forsta_ansokan(Variable):
    value_type = bool
    entity = Hushall
    definition_period = MONTH
    label = etikett("skal_forsta_ansokan")
    reference = referens("skal_forsta_ansokan")

    def formula(hushall, period):
        return hushall("forsta_ansokan", period)


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
        flera_barn = hushall.sum(hushall.members("barn_som_ska_forsorjas", period)) > 1
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
