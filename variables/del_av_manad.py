"""Part of a month: support from a day inside the month, a member who joins or leaves, umgänge and växelvis boende.

SoL (2025:400) 12 kap. 1 § / SoL (2001:453) 4 kap. 1 §: bistånd meets the need of the time it is given for, and a
person's costs count for the time the person lives in the household. Socialstyrelsen's general advice (SOSFS 2013:1,
Medlemmar i hushållet): "Barn och ungdomar bör räknas som medlemmar i hushållet, både där de stadigvarande bor och
där de vistas under umgängestid. Socialnämnden bör beräkna kostnaderna efter det antal dagar barnet eller ungdomen
vistas hos respektive förälder."

Neither law nor ordinance says how a month is divided into days: the convention here (docs: Tolkningar) is

    personliga kostnader = månadens belopp × dagar / dagar per månad (högst 1), i hela kronor
    gemensamma kostnader = Σ över dagarna: kostnaden för så många personer som bor i hushållet den dagen
                           / dagar per månad, i hela kronor

where a day is worth 1 / the month's calendar days, or 1/30 if the nämnd so chooses (del_av_manad.dagar_per_manad).
Only the number of days is known, not which days: the common costs count the persons present most days as present
on the first days. The reasonable costs (housing, electricity ...) are met as given for the period, and the incomes
count in full (a payment counts in the month it is paid out).
"""

import numpy as np
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_sweden_bistand.entities import Hushall, Person
from openfisca_sweden_bistand.regelstod.dagar import HOGSTA_DAG
from openfisca_sweden_bistand.regelstod.lagrum import referenser
from openfisca_sweden_bistand.regelstod.riktlinjer import DAGAR_PER_MANAD_30, val


class stod_fran_dag(Variable):
    value_type = int
    default_value = 1
    entity = Hushall
    definition_period = MONTH
    label = "Bistånd ges från denna dag i månaden (ansökningsdagen eller en senare startdag; ej angivet = den 1:a)"
    documentation = """
    The day of the month from which the need is met: the day of the application (bistånd for time before it is not
    given unless the need remains) or a later start day. 1, the default, is the whole month.
    """
    reference = referenser("ratt_till_bistand", "del_av_manad")


class dagar_i_hushallet(Variable):
    value_type = int
    default_value = HOGSTA_DAG
    entity = Person
    definition_period = MONTH
    label = "Antal dagar under månaden som personen bor eller vistas i hushållet (ej angivet = hela månaden)"
    documentation = """
    A member who moves in or out during the month, a child who lives here during umgänge, or a child in växelvis
    boende: the days of the month the person lives in this household (SOSFS 2013:1: "efter det antal dagar barnet
    eller ungdomen vistas hos respektive förälder"). Not given: the whole month.
    """
    reference = referenser("umgange", "del_av_manad")


class dagar_i_manaden(Variable):
    value_type = int
    entity = Hushall
    definition_period = MONTH
    label = "Antal kalenderdagar i månaden"
    reference = referenser("del_av_manad")

    def formula(hushall, period):
        return hushall.filled_array(period.size_in_days)


class dagar_per_manad(Variable):
    value_type = int
    entity = Hushall
    definition_period = MONTH
    label = "Antal dagar som en hel månad räknas som (kalenderdagar, eller 30 enligt nämndens riktlinje)"
    reference = referenser("del_av_manad")

    def formula(hushall, period, parameters):
        kalender = hushall("dagar_i_manaden", period)
        trettio = val(parameters, period, "del_av_manad.dagar_per_manad") == DAGAR_PER_MANAD_30
        return np.where(trettio, 30, kalender)


class dagar_med_stod(Variable):
    value_type = int
    entity = Hushall
    definition_period = MONTH
    label = "Antal dagar i månaden som biståndet avser (från och med stod_fran_dag)"
    reference = referenser("ratt_till_bistand", "del_av_manad")

    def formula(hushall, period):
        kalender = hushall("dagar_i_manaden", period)
        fran = np.clip(hushall("stod_fran_dag", period), 1, kalender + 1)
        return kalender - fran + 1


class dagar_med_norm(Variable):
    value_type = int
    entity = Person
    definition_period = MONTH
    label = "Antal dagar som personens kostnader räknas för (dagar i hushållet under den tid biståndet avser)"
    reference = referenser("umgange", "del_av_manad")

    def formula(person, period):
        return np.minimum(person("dagar_i_hushallet", period), person.hushall("dagar_med_stod", period))


class andel_av_manaden(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    label = "Andel av månaden som personens kostnader räknas för (1 = hela månaden)"
    documentation = """
    dagar_med_norm / dagar_per_manad, at most 1; a person here every day of the month counts as a whole month
    whatever the divisor (30 days or the calendar days).
    """
    reference = referenser("umgange", "del_av_manad")

    def formula(person, period):
        dagar = person("dagar_med_norm", period)
        hel = dagar >= person.hushall("dagar_i_manaden", period)
        per_manad = person.hushall("dagar_per_manad", period)
        return np.where(hel, 1.0, np.minimum(1.0, dagar / np.maximum(per_manad, 1)))


class del_av_manad(Variable):
    value_type = bool
    entity = Hushall
    definition_period = MONTH
    label = "Kostnaderna räknas för en del av månaden (startdag i månaden eller någon bor här färre dagar)"
    reference = referenser("umgange", "del_av_manad")

    def formula(hushall, period):
        return hushall.any(hushall.members("andel_av_manaden", period) < 1)
