"""The everyday law (issue 20) through a decision: the case reader's checks, the facts a decision needs, the letter,
the explanation's lines and the nämnd's choice of divisor. The amounts themselves are in the YAML legal tests
(tests/yaml/livsforing, forskott, riksnorm/del_av_manad.yaml, riksnorm/hogre_norm.yaml, beslut/studerande.yaml)."""

import copy

import pytest
from hjalpmedel import bekraftad

from openfisca_sweden_bistand import exempel
from openfisca_sweden_bistand.arende.las import ArendeFel, las_arende
from openfisca_sweden_bistand.arende.underlag import saknade_uppgifter
from openfisca_sweden_bistand.forklaring.beslut import fatta_beslut
from openfisca_sweden_bistand.system import skattesystem

KOMPLETT = bekraftad(exempel.arende("ensamstaende_2026"))


def med(data, **hushall):
    data = copy.deepcopy(data)
    data["hushallen"][next(iter(data["hushallen"]))].update(hushall)
    return data


def sokande(data):
    return next(iter(data["personer"]))


def test_komplett_arende_ar_automatiskt_utan_nya_uppgifter():
    """The new facts are optional: a case without them is decided as before."""
    b = fatta_beslut(las_arende(KOMPLETT))
    assert b.automatiserat and b.berakning.livsforing_i_ovrigt == 0
    assert b.berakning.ekonomiskt_bistand == b.berakning.forsorjningsstod == b.belopp
    assert b.forskott is None


@pytest.mark.parametrize(("falt", "varde", "period"), [
    ("stod_fran_dag", 0, "2026-03"), ("stod_fran_dag", 31, "2026-02"), ("dagar_i_hushallet", 32, "2026-03"),
    ("dagar_i_hushallet", 31, "2026-04"),
])
def test_en_dag_utanfor_manaden_avvisas_med_faltet_namngivet(falt, varde, period):
    data = copy.deepcopy(KOMPLETT)
    data["period"], data["beslutsdatum"] = period, f"{period}-01"
    if falt == "stod_fran_dag":
        data = med(data, stod_fran_dag=varde)
        vantat = "hushallen."
    else:
        data["personer"][sokande(data)][falt] = varde
        vantat = f"personer.{sokande(data)}.{falt}"
    with pytest.raises(ArendeFel) as fel:
        las_arende(data)
    assert vantat in fel.value.falt and falt in fel.value.falt


def test_patientavgifter_kraver_vad_som_redan_betalats():
    data = copy.deepcopy(KOMPLETT)
    data["personer"][sokande(data)]["patientavgifter"] = 400
    falt = f"personer.{sokande(data)}.patientavgifter_tidigare"
    assert falt in saknade_uppgifter(las_arende(data))
    b = fatta_beslut(las_arende(data))
    assert not b.automatiserat and falt in b.saknade_uppgifter
    data["personer"][sokande(data)]["patientavgifter_tidigare"] = 0
    assert falt not in saknade_uppgifter(las_arende(data))


def test_retroaktiv_forman_kraver_utestaende_forskott():
    data = med(KOMPLETT, retroaktiv_forman=2000)
    assert any(f.endswith(".utestaende_forskott") for f in saknade_uppgifter(las_arende(data)))


def test_skal_for_hogre_norm_kraver_beloppet():
    data = copy.deepcopy(KOMPLETT)
    data["personer"][sokande(data)]["hogre_norm_skal"] = "medicinsk_kost"
    assert f"personer.{sokande(data)}.hogre_norm_belopp" in saknade_uppgifter(las_arende(data))


def test_forskott_star_i_beslutet_med_grunden_for_aterbetalning():
    b = fatta_beslut(las_arende(med(KOMPLETT, forskott_pa_forman="sjukpenning")))
    assert b.forskott == {"forman": "sjukpenning eller sjukersättning", "belopp": b.belopp,
                          "grund": "33 kap. 2 § socialtjänstlagen (2025:400)"}
    text = " ".join(b.som_text().split())  # the letter wraps its paragraphs
    assert "lämnas som förskott på sjukpenning eller sjukersättning" in text
    assert "107 kap. 5 §" in text
    assert b.som_dict()["forskott"]["belopp"] == b.belopp


def test_aterkrav_beslutas_aldrig_automatiskt():
    data = med(KOMPLETT, retroaktiv_forman=2000, utestaende_forskott=5000)
    b = fatta_beslut(las_arende(data))
    assert not b.automatiserat
    assert "skal_aterkrav" in [s["skal"] for s in b.skal_for_manuell_provning]
    rad = next(r for r in b.berakning.rader if r.variabel == "forskott_att_aterkrava")
    assert rad.belopp == 2000 and "33 kap. 2 §" in rad.lagrum


def test_livsforing_far_egen_del_i_berakningen_och_brevet():
    data = med(KOMPLETT, barnomsorgsavgift=0, kostnad_glasogon=1200)
    b = fatta_beslut(las_arende(data))
    rader = [r for r in b.berakning.rader if r.del_ == "livsforing_i_ovrigt"]
    assert [(r.variabel, r.belopp) for r in rader] == [("kostnad_glasogon", 1200)]
    assert b.berakning.ekonomiskt_bistand == b.berakning.forsorjningsstod + 1200 == b.belopp
    text = b.som_text()
    assert "BESLUT OM EKONOMISKT BISTÅND" in text and "Livsföring i övrigt" in text
    assert rader[0].lagrum == "12 kap. 1 § socialtjänstlagen (2025:400)"
    assert "skal_livsforing_bedoms" in [s["skal"] for s in b.skal_for_manuell_provning]


def test_raden_visar_dagarna_for_ett_umgangesbarn():
    data = copy.deepcopy(exempel.arende("familj_2026"))
    barn = data["hushallen"][next(iter(data["hushallen"]))]["barnen"][0]
    data["personer"][barn]["dagar_i_hushallet"] = 10
    b = fatta_beslut(las_arende(data))
    rad = next(r for r in b.berakning.rader if r.person == barn and r.variabel == "riksnorm_personliga_kostnader")
    assert ", 10 av " in rad.post and "SOSFS 2013:1" in rad.lagrum
    gemensamma = next(r for r in b.berakning.rader if r.variabel == "riksnorm_gemensamma_hushallskostnader")
    assert "per dag" in gemensamma.post


def test_namnden_kan_valja_trettio_dagar_per_manad():
    from openfisca_core.reforms import Reform

    class TrettioDagar(Reform):
        def apply(self):
            def andra(parametrar):
                parametrar.del_av_manad.dagar_per_manad.update(start="2013-01-01", value="30")
                return parametrar
            self.modify_parameters(modifier_function=andra)

    def riksnorm(system, period, fran):
        data = med(exempel.arende("ensamstaende_2026"), stod_fran_dag=fran)
        data["period"], data["beslutsdatum"] = period, f"{period}-01"
        return fatta_beslut(las_arende(data, system), system).berakning.riksnorm

    bas, trettio = skattesystem(), TrettioDagar(skattesystem())
    # a whole month is a whole month whatever the divisor, also February
    assert riksnorm(trettio, "2026-02", 1) == riksnorm(bas, "2026-02", 1) == 5220
    # from 17 March: 15 of 31 calendar days, or 15 of 30
    assert riksnorm(bas, "2026-03", 17) == round(3940 * 15 / 31) + round(1280 * 15 / 31)
    assert riksnorm(trettio, "2026-03", 17) == 3940 // 2 + 1280 // 2
