"""Hemmavarande barns och skolungdomars inkomster av eget arbete.

SoL (2025:400) 12 kap. 9 § (from 2025-07-01):
    "Vid bedömningen av rätten till ekonomiskt bistånd ska socialnämnden inte räkna in
    - hemmavarande barns inkomster av eget arbete, eller
    - hemmavarande skolungdomars inkomster av eget arbete om skolungdomarna är under 21 år.
    Till skolgång räknas studier i grundskolan eller gymnasieskolan eller annan jämförlig grundutbildning.
    Hemmavarande barns och skolungdomars inkomster av eget arbete får dock räknas in vid bedömningen av den
    enskildes behov av ekonomiskt bistånd till den del dessa inkomster per kalenderår överstiger ett
    prisbasbelopp enligt 2 kap. 6 och 7 §§ socialförsäkringsbalken."
SoL (2001:453) 4 kap. 1 a § (from 2008-01-01 to 2025-06-30), tredje stycket: "Inkomster som avses i första
stycket får dock beaktas vid tillämpning av 1 § till den del de överstiger ett halvt prisbasbelopp per
kalenderår" (SFS 2007:1429), "ett prisbasbelopp per kalenderår enligt 2 kap. 6 och 7 §§ socialförsäkringsbalken"
from 2013-07-01 (SFS 2013:421).

Whether the part above the limit is counted is the nämnd's policy (inkomster.barns_arbetsinkomst.overskjutande_del:
a caseworker decides by default).
"""

import numpy as np
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_sweden_bistand.entities import Person
from openfisca_sweden_bistand.regelstod.lagrum import referenser
from openfisca_sweden_bistand.regelstod.poster import EGET_ARBETE, EGNA_ARBETET, inkomstslag
from openfisca_sweden_bistand.regelstod.riktlinjer import OVERSKJUTANDE_DEL_RAKNAS_INTE, val


class egen_arbetsinkomst(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Inkomst av eget arbete (anställning och näringsverksamhet)"
    reference = referenser("barns_arbetsinkomst")

    def formula(person, period, parameters):
        return sum(person(namn, period) for namn in inkomstslag(parameters, period, EGNA_ARBETET))


class omfattas_av_barns_inkomstregel(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Hemmavarande barn, eller hemmavarande skolungdom under 21 år"
    documentation = "Whose own work income is disregarded up to one prisbasbelopp a year (4 kap. 1 a § / 12 kap. 9 §)."
    reference = referenser("barns_arbetsinkomst")

    def formula(person, period):
        return person("barn_som_ska_forsorjas", period)


class arbetsinkomst_tidigare_under_aret(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Inkomst av eget arbete tidigare under kalenderåret (före denna månad)"
    documentation = """
    Used to apply the yearly limit of 4 kap. 1 a § / 12 kap. 9 §. By default the sum of
    egen_arbetsinkomst for the earlier months of the calendar year that are in the case; months
    not given count as no income. Give the amount directly when the earlier months are not in the case.
    """
    reference = referenser("barns_arbetsinkomst")

    def formula(person, period):
        # Only months with some work income given can add anything (a month not given is 0).
        kanda = {
            str(kand) for namn in EGET_ARBETE for kand in person.get_holder(namn).get_known_periods()
        }
        tidigare = [period.offset(-k) for k in range(1, period.start.month)]
        return sum((person("egen_arbetsinkomst", manad) for manad in tidigare if str(manad) in kanda),
                   person.filled_array(0.0))


class barns_arbetsinkomst_inom_gransen(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Barns eller skolungdoms arbetsinkomst inom gränsen (upp till ett prisbasbelopp per år)"
    documentation = """
    min(this month's own work income, what remains of the yearly limit after the earlier months):
    the part the law says is not counted. Open question (tolkning): the law does not say whether
    the limit is compared with gross or net income; the model compares it with the net amounts it
    is given. From 2013-07-01 the limit is one prisbasbelopp for the whole calendar year 2013,
    including income earned under the half-prisbasbelopp rule before July (no transitional rule
    was read; a reading, see docs: Tolkningar).
    """
    reference = referenser("barns_arbetsinkomst", "prisbasbelopp")

    def formula_2013_01(person, period, parameters):
        arbetsinkomst = person("egen_arbetsinkomst", period)
        omfattas = person("omfattas_av_barns_inkomstregel", period)
        if not np.any(omfattas * (arbetsinkomst > 0)):
            return person.filled_array(0)  # no child earns this month: the year's earlier months are not needed
        grans = parameters(period).inkomster.barns_arbetsinkomst.grans_prisbasbelopp * parameters(period).prisbasbelopp
        kvar = np.maximum(0, grans - person("arbetsinkomst_tidigare_under_aret", period))
        return np.where(omfattas, np.minimum(arbetsinkomst, kvar), 0)


class barns_arbetsinkomst_over_gransen(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Barns eller skolungdoms arbetsinkomst över gränsen (får räknas in efter prövning)"
    documentation = """
    The part of a child's own work income above the yearly limit. The statute says it "får dock
    beaktas" (SoL 2001:453 4 kap. 1 a § tredje stycket) / "får dock räknas in" (SoL 2025:400 12 kap.
    9 § tredje stycket): a discretionary, individual assessment (Malmö stad: "görs en individuell
    prövning om dessa inkomster ska räknas med", https://soctanter.malmo.se/fraga/114). By the
    nämnd's policy (inkomster.barns_arbetsinkomst.overskjutande_del) a caseworker decides (the
    default: skal_barns_arbetsinkomst_over_gransen), it is never counted, or it is always counted.
    """
    reference = referenser("barns_arbetsinkomst", "prisbasbelopp")

    def formula(person, period):
        omfattas = person("omfattas_av_barns_inkomstregel", period)
        over = person("egen_arbetsinkomst", period) - person("barns_arbetsinkomst_inom_gransen", period)
        return np.where(omfattas, over, 0)


class barns_arbetsinkomst_ej_raknad(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Barns eller skolungdoms arbetsinkomst som inte räknas"
    documentation = """
    The part within the yearly limit, and the part above it when the nämnd's policy is never to count
    it (inkomster.barns_arbetsinkomst.overskjutande_del raknas_inte). Under the default (handlaggare) the
    proposal counts it and a caseworker decides.
    """
    reference = referenser("barns_arbetsinkomst", "prisbasbelopp")

    def formula_2013_01(person, period, parameters):
        inom = person("barns_arbetsinkomst_inom_gransen", period)
        if val(parameters, period, "inkomster.barns_arbetsinkomst.overskjutande_del") == OVERSKJUTANDE_DEL_RAKNAS_INTE:
            return inom + person("barns_arbetsinkomst_over_gransen", period)
        return inom
