"""A case as JSON, and a computed case as a YAML legal test (*exportera ett ärende*).

- ``arende_som_json(arende)``: the case in the format ``bistand beslut`` reads (``arende/las.py``): the
  month and the decision date at the top, a plain value for the case month, a month-keyed object for
  any other month (history). ``las_arende(arende_som_json(a))`` gives the same situation.
- ``som_yaml_test(arende, beslut)``: the case and its decision as an OpenFisca YAML test that
  ``openfisca test`` passes: the arithmetic line by line with each line's provision in a header comment,
  the inputs plus the facts the decision function set (``Beslut.beslutsfakta``) so that the expected
  ``beslut`` reproduces, and the amounts, the outcome and each reason for manual review as expected
  outputs. The rule statement in ``description`` is left for the reviewer to write: the export cannot
  know which rule the case is meant to show.

The data parts are written with ``yaml.safe_dump``; the comments are added as text, each made a single
line (an id or a line's wording never breaks out of its comment), and the result loads with
``yaml.safe_load``.
"""

from __future__ import annotations

import json
import unicodedata
from typing import Any

import yaml

from openfisca_sweden_bistand import text
from openfisca_sweden_bistand.arende.kallor import som_indata
from openfisca_sweden_bistand.arende.las import ROLLER, SATTS_AV_BESLUTSFUNKTIONEN, Arende, ArendeFel
from openfisca_sweden_bistand.forklaring.berakning import (
    EJ_RAKNADE,
    INKOMSTER,
    LIVSFORING,
    RIKSNORM,
    SKALIGA,
    Berakning,
)
from openfisca_sweden_bistand.forklaring.beslut import UTFALLSTEXT, Beslut
from openfisca_sweden_bistand.kommuner import MODUL as KOMMUNMODUL

__all__ = ["BESKRIVNING", "NYCKELORD", "arende_som_json", "som_json_text", "som_yaml_test"]

BESKRIVNING = ("Lagregel: <skriv regeln som fallet visar i en mening, med lagrum> "
               "(att fylla i av granskaren)")
NYCKELORD = "provberakning"
DELAR = ((RIKSNORM, "Riksnorm"), (SKALIGA, "Skäliga kostnader"), (LIVSFORING, "Livsföring i övrigt"),
         (INKOMSTER, "Räknade inkomster"),
         (EJ_RAKNADE, "Inkomster som inte räknas"))


def _enkelt(varde: Any) -> Any:
    """A value as written by hand: whole kronor without decimals (8900, not 8900.0)."""
    if isinstance(varde, str):
        return str(varde)  # also numpy's str, which safe_dump refuses
    if isinstance(varde, float) and varde.is_integer():
        return int(varde)
    return varde


def _varde(per_manad: Any, period: str) -> Any:
    """A plain value when only the case month is given; else the values keyed by month."""
    if not isinstance(per_manad, dict):
        return _enkelt(per_manad)
    if list(per_manad) == [period]:
        return _enkelt(per_manad[period])
    return {str(manad): _enkelt(v) for manad, v in per_manad.items()}


def _entiteter(arende: Arende, utelamna: tuple[str, ...] = ()) -> tuple[dict[str, Any], dict[str, Any]]:
    """(personer, hushallen) with plain values for the case month; roles kept; ``utelamna`` left out."""
    period = arende.period
    personer = {pid: {namn: _varde(v, period) for namn, v in person.items() if namn not in utelamna}
                for pid, person in arende.situation["personer"].items()}
    hushallen: dict[str, Any] = {}
    for hid, hushall in arende.situation["hushallen"].items():
        hushallen[hid] = {namn: (list(v) if namn in ROLLER else _varde(v, period))
                          for namn, v in hushall.items() if namn not in utelamna}
    return personer, hushallen


def _beslutsdatum(arende: Arende) -> str | None:
    if arende.beslutsdatum:
        return arende.beslutsdatum
    dag = arende.hushall().get("beslutsdatum", {})
    return dag.get(arende.period) if isinstance(dag, dict) else None


def arende_som_json(arende: Arende) -> dict[str, Any]:
    """The case in the JSON of ``bistand beslut`` (the facts and sources only the decision function sets left out)."""
    data: dict[str, Any] = {"period": arende.period}
    beslutsdatum = _beslutsdatum(arende)
    if beslutsdatum:
        data["beslutsdatum"] = beslutsdatum
    if arende.kommun:
        data["kommun"] = arende.kommun
    data["personer"], data["hushallen"] = _entiteter(arende, ("beslutsdatum", *SATTS_AV_BESLUTSFUNKTIONEN))
    if kallor := som_indata(arende.kallor):
        data["kallor"] = kallor
    return data


def som_json_text(arende: Arende) -> str:
    """The case as JSON text, indented, with Swedish letters as they are."""
    return json.dumps(arende_som_json(arende), indent=2, ensure_ascii=False)


# -- the YAML test ---------------------------------------------------------------------------------------

def _en_rad(varde: Any) -> str:
    """Text for a comment: one line, no control or line-separator characters (YAML 1.1 reads U+2028,
    U+2029 and U+0085 as line breaks)."""
    tecken = (" " if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") else c for c in str(varde))
    return " ".join("".join(tecken).split())


def _belopp(tal: float) -> str:
    """An amount in a comment: 13 980 (ordinary spaces, as the hand-written cases in tests/yaml)."""
    return text.belopp(tal).replace(text.NBSP, " ")


def _kr(tal: float) -> str:
    return text.kr(tal).replace(text.NBSP, " ")


def _summa(belopp: list[float]) -> str:
    """The terms of a sum, lines of 0 kr left out (a fact not given counts as 0)."""
    termer = [_belopp(b) for b in belopp if b]
    return " + ".join(termer) if termer else "0"


def _rader(b: Berakning, del_: str) -> list[Any]:
    return [rad for rad in b.rader if rad.del_ == del_]


def _inkomstrakning(b: Berakning) -> str:
    """The counted incomes as a sum, when the lines add up to it (less what is not counted), else the total."""
    inkomster = [rad.belopp for rad in _rader(b, INKOMSTER)]
    ej_raknade = [rad.belopp for rad in _rader(b, EJ_RAKNADE)]
    if round(sum(inkomster), 2) == b.raknade_inkomster:
        return _summa(inkomster)
    if ej_raknade and round(sum(inkomster) - sum(ej_raknade), 2) == b.raknade_inkomster:
        avdrag = _summa(ej_raknade) if len(ej_raknade) == 1 else f"({_summa(ej_raknade)})"
        return f"{_summa(inkomster)} {text.MINUS} {avdrag} som inte räknas"
    return _belopp(b.raknade_inkomster)


def _delsumma(b: Berakning, del_: str, total: float) -> str:
    belopp = [rad.belopp for rad in _rader(b, del_)]
    return _summa(belopp) if belopp and round(sum(belopp), 2) == total else _belopp(total)


def _forsorjningsstod(b: Berakning, livsforing: bool = False) -> str:
    """riksnorm + kostnader (+ livsföring i övrigt) − inkomster, and what the rules make of the sum (rounded, never
    below 0): the försörjningsstöd, or with ``livsforing`` the ekonomiskt bistånd."""
    delar = [b.riksnorm, b.skaliga_kostnader] + ([b.livsforing_i_ovrigt] if livsforing else [])
    resultat = b.ekonomiskt_bistand if livsforing else b.forsorjningsstod
    summa = sum(delar) - b.raknade_inkomster
    rakning = " + ".join(map(_belopp, delar)) + f" {text.MINUS} {_belopp(b.raknade_inkomster)}"
    if round(summa, 2) == resultat:
        return rakning
    if summa < 0 and resultat == 0:
        return f"{rakning} = {_belopp(summa)} < 0, alltså 0"
    return f"{rakning} = {_belopp(round(summa, 2))}, avrundat {_belopp(resultat)}"


def _utfallsord(utfall: str) -> str:
    etikett = UTFALLSTEXT.get(utfall, utfall)
    return etikett[:1].lower() + etikett[1:]


def _namn(beslut: Beslut) -> str:
    belopp = _kr(beslut.belopp)
    if beslut.utfall == "manuell_provning":
        return f"Provberäkning {beslut.period}: {_utfallsord(beslut.utfall)} (förslag: " \
               f"{_utfallsord(beslut.forslag)} {belopp})"
    return f"Provberäkning {beslut.period}: {_utfallsord(beslut.utfall)} {belopp}"


def _huvud(arende: Arende, beslut: Beslut) -> list[str]:
    """The header comment: where the case comes from, and the arithmetic line by line with its provisions."""
    b = beslut.berakning
    rader = [
        *text.stycke(
            f"Provberäkning exporterad från bistand: hushållet {_en_rad(arende.hushall_id)}, "
            f"{text.manad(b.period)}, beslutsdatum {beslut.beslutsdatum}; regler "
            f"{beslut.regelversion.get('paket', b.paketversion)} ({beslut.regelversion.get('git', 'okänd version')}). "
            "De förväntade värdena är vad reglerna gav vid exporten: granska varje rad mot lagen och skriv "
            "lagregeln i description innan fallet godkänns.", 100),
        "",
        f"Försörjningsstöd = riksnorm + skäliga kostnader {text.MINUS} räknade inkomster ({b.lagrum}).",
    ]
    totaler = {RIKSNORM: b.riksnorm, SKALIGA: b.skaliga_kostnader, LIVSFORING: b.livsforing_i_ovrigt,
               INKOMSTER: b.raknade_inkomster}
    for del_, rubrik in DELAR:
        delrader = _rader(b, del_)
        if not delrader and del_ in (EJ_RAKNADE, LIVSFORING):
            continue
        rader += ["", f"{rubrik}:"]
        for rad in delrader:
            rader += [f"  {rad.post}: {_kr(rad.belopp)}", f"      {rad.lagrum}"]
        if del_ == INKOMSTER:
            rader.append(f"  Summa räknade inkomster: {_inkomstrakning(b)} = {_kr(b.raknade_inkomster)}")
        elif del_ in totaler:
            rader.append(f"  Summa {rubrik.lower()}: {_delsumma(b, del_, totaler[del_])} = {_kr(totaler[del_])}")
        else:
            rader.append("  (ingår inte i räknade inkomster)")
    rader += ["", f"Riksnorm + skäliga kostnader {text.MINUS} räknade inkomster = försörjningsstöd: "
                  f"{_forsorjningsstod(b)} = {_kr(b.forsorjningsstod)}."]
    if b.livsforing_i_ovrigt:
        rader.append(f"Med livsföring i övrigt, ekonomiskt bistånd: {_forsorjningsstod(b, livsforing=True)} = "
                     f"{_kr(b.ekonomiskt_bistand)}.")
    if beslut.belopp != b.ekonomiskt_bistand:
        rader.append(f"Beviljat belopp: {_kr(beslut.belopp)} (ansökt belopp "
                     f"{_kr(beslut.ansokt_belopp or 0)}).")
    rader.append(f"Utfall enligt reglerna: {_utfallsord(beslut.forslag)}; beslut: {_utfallsord(beslut.utfall)}.")
    for skal in beslut.skal_for_manuell_provning:
        rader += text.stycke(f"- Skäl för manuell prövning: {_en_rad(skal['text'])} ({skal['grund']})", 100)
    if beslut.saknade_uppgifter:
        rader += text.stycke("Uppgifter som saknas: " + ", ".join(map(_en_rad, beslut.saknade_uppgifter)) + ".", 100,
                              hang="  ")
    return [_kommentar(rad) for rad in rader]


def _kommentar(rad: str) -> str:
    """One comment line, its indentation kept."""
    if not rad.strip():
        return "#"
    return "# " + " " * (len(rad) - len(rad.lstrip(" "))) + _en_rad(rad)


def _utan_null(varde: Any) -> Any:
    """A YAML test sets values: a value only asked for (null in a case) is left out."""
    if isinstance(varde, dict):
        return {k: v for k, v in varde.items() if v is not None} or None
    return varde


def _indata(arende: Arende, beslut: Beslut) -> dict[str, Any]:
    """The situation with plain values for the case month, plus the facts the decision function set."""
    personer, hushallen = _entiteter(arende)
    for entiteter in (personer, hushallen):
        for entitet in entiteter.values():
            for namn in list(entitet):
                entitet[namn] = _utan_null(entitet[namn])
                if entitet[namn] is None:
                    del entitet[namn]
    fakta = beslut.beslutsfakta or {
        "beslutsdatum": beslut.beslutsdatum,
        "uppgifter_kompletta": not beslut.saknade_uppgifter,
        "uppgifter_utanfor_manaden": bool(beslut.uppgifter_utanfor_manaden),
    }
    hushallen[arende.hushall_id].update({namn: _enkelt(v) for namn, v in fakta.items()})
    return {"personer": personer, "hushallen": hushallen}


def _utdata(beslut: Beslut) -> list[tuple[str, Any, str]]:
    """The expected outputs: (variable, value, comment)."""
    b = beslut.berakning
    helt = "det ekonomiska biståndet" if b.livsforing_i_ovrigt else "försörjningsstödet"
    beviljat = (helt if beslut.belopp == b.ekonomiskt_bistand else
                f"högst ansökt belopp {_kr(beslut.ansokt_belopp or 0)}; reglerna ger {_kr(b.ekonomiskt_bistand)}")
    beslutet = "beslutas automatiskt" if beslut.automatiserat else "en handläggare prövar ärendet"
    utdata: list[tuple[str, Any, str]] = [
        ("forsorjningsstod", b.forsorjningsstod, _forsorjningsstod(b)),
        ("riksnorm", b.riksnorm, _delsumma(b, RIKSNORM, b.riksnorm)),
        ("skaliga_kostnader", b.skaliga_kostnader, _delsumma(b, SKALIGA, b.skaliga_kostnader)),
        ("raknade_inkomster", b.raknade_inkomster, _inkomstrakning(b)),
        *([("livsforing_i_ovrigt", b.livsforing_i_ovrigt, _delsumma(b, LIVSFORING, b.livsforing_i_ovrigt)),
           ("ekonomiskt_bistand", b.ekonomiskt_bistand, _forsorjningsstod(b, livsforing=True))]
          if b.livsforing_i_ovrigt else []),
        ("beviljat_belopp", beslut.belopp, beviljat),
        ("utfall", beslut.forslag, f"{UTFALLSTEXT.get(beslut.forslag, beslut.forslag)} enligt reglerna"),
        ("beslut", beslut.utfall, beslutet),
    ]
    utdata += [(skal["skal"], True, skal["text"]) for skal in beslut.skal_for_manuell_provning]
    return utdata


def _utdatarad(namn: str, varde: Any, kommentar: str) -> str:
    rad = yaml.safe_dump({namn: _enkelt(varde)}, allow_unicode=True, default_flow_style=False).rstrip("\n")
    if "\n" in rad:  # never: names are variables, values numbers, booleans and enum names
        raise ValueError(f"{namn}: värdet ryms inte på en rad")
    kommentar = _en_rad(kommentar)
    return f"    {rad}" + (f"  # {kommentar}" if kommentar else "")


def som_yaml_test(arende: Arende, beslut: Beslut) -> str:
    """The case and its decision as a YAML legal test (one case) that ``openfisca test`` passes."""
    if beslut.period != arende.period or beslut.berakning.hushall_id != arende.hushall_id:
        raise ArendeFel("period", "beslutet gäller inte det här ärendet (annan månad eller annat hushåll)")
    fall = {
        "name": _namn(beslut),
        "description": BESKRIVNING,
        "keywords": [NYCKELORD],
        **({"extensions": [f"{KOMMUNMODUL}.{arende.kommun}"]} if arende.kommun else {}),
        "period": arende.period,
        "absolute_error_margin": 0,
        "input": _indata(arende, beslut),
    }
    kropp = yaml.safe_dump([fall], allow_unicode=True, sort_keys=False, default_flow_style=False, width=100)
    utdata = ["  output:", *(_utdatarad(*rad) for rad in _utdata(beslut))]
    return "\n".join([*_huvud(arende, beslut), kropp.rstrip("\n"), *utdata]) + "\n"
