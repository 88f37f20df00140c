"""The generated part of the documentation: the rulebook (*regelbok*) and the legal test catalogue.

``skriv(katalog, testkatalog)`` writes reStructuredText into ``katalog`` from the tax-benefit
system itself and from ``tests/yaml/``, so the documentation cannot drift from the rules:

- ``regelbok/<topic>.rst``: one page per file in ``variables/`` (one legal topic; ``inkomster__jobbstimulans``
  for ``variables/inkomster/jobbstimulans.py``), each variable
  with its label, entity, period, unit, legal references (the dated Swedish citation from the lagrum
  map, linked to the paragraph's URL that the variable's ``reference`` holds), formula source and the
  parameters it reads;
- ``parametrar/<node>.rst``: each parameter with its full dated history as a table, with the
  reference (``metadata.reference``: title linked to href), source and konfidens of each value;
  values that are not official are marked;
- ``testkatalog/<file>.rst``: each YAML test case as tables (household, inputs, expected outputs,
  the provision it tests), its legal reviewer's sign-off (reviewed by whom and when, not reviewed, or
  changed since review: ``testfall/granskning.py``) and its YAML with the arithmetic in comments; each
  file and the index with the number of cases in each status;
- ``beslut_skal.rst``: the reasons for manual review and the automation policy, as tables;
- ``formankoder.rst``: the benefit codes of the register answers (kontroll/formankoder.yaml), as a table.

docs/conf.py calls it at every build.
"""

from __future__ import annotations

import inspect
import re
import textwrap
from pathlib import Path
from typing import Any

import yaml
from openfisca_core.parameters import ParameterNode

from openfisca_sweden_bistand.regelstod.lagrum import lagrum_for_variabel, lagrum_poster, lagrum_text
from openfisca_sweden_bistand.regelstod.parametrar import lov
from openfisca_sweden_bistand.regelstod.skal import SKAL
from openfisca_sweden_bistand.system import regelfil
from openfisca_sweden_bistand.testfall.granskare import Granskarregister
from openfisca_sweden_bistand.testfall.granskning import ANDRAD, ANTALTEXT, GRANSKAD, OGILTIG, STATUSTEXT
from openfisca_sweden_bistand.testfall.katalog import Testfall, Testfil, las_katalog

KONFIDENSTEXT = {
    "official": "officiell",
    "reprint": "återgiven (ej officiell text)",
    "derived": "härledd",
    "provisional": "**PROVISORISK: uppskattning, inte lag**",
    "policy": "policyval",
}
PARAMETERMONSTER = [
    re.compile(r"parameters\(period\)((?:\.\w+)+)"),
    re.compile(r"tax_benefit_system\.parameters((?:\.\w+)+)"),
]
ALIAS = re.compile(r"(\w+)\s*=\s*parameters\(period\)((?:\.\w+)+)\s*$", re.MULTILINE)


def rubrik(text: str, tecken: str = "=") -> str:
    return f"{text}\n{tecken * max(len(text), 3)}\n"


def _cell(text: Any) -> str:
    return str(text).replace("\n", " ").replace("|", "/").strip() or " "


def tabell(rubriker: list[str], rader: list[list[Any]]) -> str:
    """A list-table (robust for long cells)."""
    ut = [".. list-table::", "   :header-rows: 1", ""]
    for rad in [rubriker, *rader]:
        ut.append(f"   * - {_cell(rad[0])}")
        ut += [f"     - {_cell(cell)}" for cell in rad[1:]]
    return "\n".join(ut) + "\n"


def lank(referens: str) -> str:
    """'text: URL' → an RST link; plain text otherwise."""
    if ": http" in referens:
        text, url = referens.rsplit(": ", 1)
        return f"`{text.replace('`', '')} <{url}>`__"
    return referens


def _rst_lank(text: str, url: str) -> str:
    return f"`{text.replace('`', '').replace('<', '(').replace('>', ')')} <{url}>`__"


def lagrumsrader(variabel: Any) -> list[str]:
    """The rulebook's "Lagrum" list: each dated Swedish citation linked to its paragraph's URL."""
    nycklar = lagrum_for_variabel(variabel)
    if nycklar:
        return [f"- {_rst_lank(post.citat(), post.href)}" for post in lagrum_poster(*nycklar)]
    return [f"- {lank(r)}" for r in (getattr(variabel, "reference", None) or [])]


def parametrar_som_lases(kalla: str) -> list[str]:
    """Parameter paths a formula's source reads (through ``parameters(period)`` and aliases)."""
    hittade = set()
    for monster in PARAMETERMONSTER:
        hittade |= {m.group(1).lstrip(".") for m in monster.finditer(kalla)}
    for alias in ALIAS.finditer(kalla):
        namn, bas = alias.group(1), alias.group(2).lstrip(".")
        hittade |= {f"{bas}.{m.group(1)}" for m in re.finditer(rf"\b{namn}((?:\.\w+)+)", kalla)}
        hittade.add(bas)
    return sorted(hittade)


def _forsta_rad(text: str | None) -> str:
    return (text or "").strip().split("\n")[0].rstrip(".")


def _parameter_ankare(namn: str) -> str:
    return "parameter-" + namn.replace(".", "-").replace("_", "-")


def skriv_regelbok(system: Any, katalog: Path) -> list[str]:
    """One page per topic; returns the page names."""
    (katalog / "regelbok").mkdir(parents=True, exist_ok=True)
    per_fil: dict[str, list[tuple[str, Any]]] = {}
    for namn, variabel in system.variables.items():
        per_fil.setdefault(regelfil(variabel), []).append((namn, variabel))
    sidor = []
    lovnamn = {p.name for p in lov(system.parameters)}
    for fil in sorted(per_fil):
        modul = inspect.getmodule(type(per_fil[fil][0][1]))
        dokumentation = inspect.cleandoc(modul.__doc__ or "")
        titel = _forsta_rad(dokumentation) or fil
        sida = fil.replace("/", "__")
        ut = [f".. _regelbok-{sida}:", "", rubrik(f"{titel} ({fil}.py)"), "",
              f"Fil: ``variables/{fil}.py``", "", "::", "", textwrap.indent(dokumentation, "    "), ""]
        for namn, variabel in sorted(per_fil[fil], key=lambda x: inspect.getsourcelines(type(x[1]))[1]):
            ut += [f".. _variabel-{namn.replace('_', '-')}:", "", rubrik(namn, "-"), "", f"*{variabel.label}*", ""]
            enhet = f", enhet {variabel.unit}" if getattr(variabel, "unit", None) else ""
            typ = variabel.value_type.__name__ if hasattr(variabel.value_type, "__name__") else str(variabel.value_type)
            ut += [f"Entitet: {variabel.entity.key}; period: {variabel.definition_period}; typ: {typ}{enhet}.", ""]
            if variabel.documentation:
                ut += ["::", "", textwrap.indent(variabel.documentation.strip(), "    "), ""]
            ut += ["Lagrum:", "", *lagrumsrader(variabel), ""]
            if variabel.formulas:
                kalla = inspect.getsource(type(variabel))
                lasta = parametrar_som_lases(kalla)
                if lasta:
                    lankar = []
                    for stig in lasta:
                        mal = stig if stig in lovnamn or any(n.startswith(stig + ".") for n in lovnamn) else None
                        lankar.append(f":ref:`{stig} <{_parameter_ankare(stig)}>`" if mal else f"``{stig}``")
                    ut += ["Parametrar som läses: " + ", ".join(lankar) + ".", ""]
                ut += ["Formel:", "", ".. code-block:: python", "", textwrap.indent(kalla.rstrip(), "    "), ""]
            else:
                ut += ["Indata (ingen formel).", ""]
        (katalog / "regelbok" / f"{sida}.rst").write_text("\n".join(ut), encoding="utf-8")
        sidor.append(sida)
    index = [rubrik("Regelbok"), "",
             "Varje sida motsvarar en fil i ``variables/``, ett rättsligt ämne. Varje variabel visas med etikett, "
             "entitet, period, lagrum, formel och de parametrar den läser.", "",
             ".. toctree::", "   :maxdepth: 1", ""] + [f"   {s}" for s in sidor] + ["   reformer"]
    (katalog / "regelbok" / "index.rst").write_text("\n".join(index) + "\n", encoding="utf-8")
    return sidor


NIVAER = "=-^~\""


def _skriv_parameter(parameter: Any, niva: int, ut: list[str]) -> None:
    """A node with its children, or a leaf with its dated values, under an anchor named after its path."""
    titel = parameter.name if not parameter.description else f"{parameter.name}: {parameter.description}"
    ut += [f".. _{_parameter_ankare(parameter.name)}:", "", rubrik(titel, NIVAER[min(niva, len(NIVAER) - 1)]), ""]
    if getattr(parameter, "documentation", None):
        ut += ["::", "", textwrap.indent(inspect.cleandoc(parameter.documentation), "    "), ""]
    if isinstance(parameter, ParameterNode):
        for barn in parameter.children.values():
            _skriv_parameter(barn, niva + 1, ut)
        return
    rader = []
    referens = parameter.metadata.get("reference")
    for varde in parameter.values_list:
        m = varde.metadata
        kalla = m.get("kalla", "")
        if m.get("anmarkning"):
            kalla = f"{kalla} Anmärkning: {m['anmarkning']}"
        post = referens.get(varde.instant_str) if isinstance(referens, dict) else None
        lagrum = _rst_lank(post["title"], post["href"]) if post else m.get("reference", "")
        rader.append([varde.instant_str, varde.value, KONFIDENSTEXT.get(m.get("konfidens"), m.get("konfidens")),
                      lagrum, kalla])
    ut += [tabell(["Från", "Värde", "Konfidens", "Lagrum", "Källa"], rader), ""]


def skriv_parametrar(system: Any, katalog: Path) -> list[str]:
    (katalog / "parametrar").mkdir(parents=True, exist_ok=True)
    sidor = []
    for namn, nod in system.parameters.children.items():
        ut: list[str] = []
        _skriv_parameter(nod, 0, ut)
        (katalog / "parametrar" / f"{namn}.rst").write_text("\n".join(ut), encoding="utf-8")
        sidor.append(namn)
    index = [rubrik("Parametrar"), "",
             "Varje daterat värde med lagrum, källa och konfidens (official = läst i officiell text; reprint = "
             "återgivet av kommun eller i offentlig kod; derived = härlett ur en officiell regel; provisional = "
             "uppskattning, inte lag; policy = kommunalt policyval). Provisoriska värden är markerade.", "",
             ".. toctree::", "   :maxdepth: 1", ""] + [f"   {s}" for s in sidor]
    (katalog / "parametrar" / "index.rst").write_text("\n".join(index) + "\n", encoding="utf-8")
    return sidor


def skriv_reformer(katalog: Path) -> list[str]:
    """The reforms: each module's documentation and the variables it adds."""
    import importlib
    import pkgutil

    from openfisca_core.variables import Variable

    import openfisca_sweden_bistand.reforms as paket

    ut = [rubrik("Reformer"), "",
          "Reformerna i ``openfisca_sweden_bistand/reforms/``, för scenarier. Inget av detta är gällande rätt "
          "om inte texten säger det.", ""]
    for modulinfo in sorted(pkgutil.iter_modules(paket.__path__), key=lambda m: m.name):
        if modulinfo.name.startswith("_"):
            continue
        modul = importlib.import_module(f"{paket.__name__}.{modulinfo.name}")
        ut += [rubrik(f"reforms.{modulinfo.name}", "-"), "", "::", "",
               textwrap.indent(inspect.cleandoc(modul.__doc__ or ""), "    "), ""]
        for namn, objekt in vars(modul).items():
            if inspect.isclass(objekt) and issubclass(objekt, Variable) and objekt.__module__ == modul.__name__:
                ut += [f".. _variabel-{namn.replace('_', '-')}:", "", rubrik(namn, "^"), "",
                       f"*{getattr(objekt, 'label', namn)}* (läggs till av reformen)", ""]
                ut += ["Lagrum:", "", *lagrumsrader(objekt), ""]
                ut += [".. code-block:: python", "", textwrap.indent(inspect.getsource(objekt).rstrip(), "    "), ""]
    (katalog / "regelbok" / "reformer.rst").write_text("\n".join(ut), encoding="utf-8")
    return ["reformer"]


def _case_block(text: str) -> list[str]:
    """The raw YAML of each case in a file (comments kept), in order."""
    delar = re.split(r"(?m)^(?=- name:)", text)
    return [d.rstrip() for d in delar if d.startswith("- name:")]


def _platta(data: Any, prefix: str = "") -> list[tuple[str, str]]:
    ut = []
    if isinstance(data, dict):
        for nyckel, varde in data.items():
            ut += _platta(varde, f"{prefix}.{nyckel}" if prefix else str(nyckel))
    else:
        ut.append((prefix, data))
    return ut


def _rst_text(text: str) -> str:
    """Free text (a reviewer's name or comment) as plain reStructuredText on one line."""
    return re.sub(r"([\\`*_|\[\]<>:])", r"\\\1", " ".join(text.split())) or "–"


def _granskningsrad(fall: Testfall | None) -> str:
    """A case's sign-off as one paragraph."""
    if fall is None:
        return ""
    text = f"**Granskning:** {STATUSTEXT[fall.status]}"
    if fall.status == OGILTIG:  # the block's reviewer is no reviewer: not named
        return text + f" ({_rst_text(fall.orsak)})."
    if fall.granskning is not None:
        g = fall.granskning
        text += (f" (granskad av {_rst_text(g.granskad_av)} den {_rst_text(g.datum)}, "
                 f"regelversion {_rst_text(g.regelversion)})" if fall.status == ANDRAD
                 else f" av {_rst_text(g.granskad_av)} den {_rst_text(g.datum)}, regelversion "
                      f"{_rst_text(g.regelversion)}")
        if fall.status == GRANSKAD and g.kommentar:
            text += f". Kommentar: {_rst_text(g.kommentar)}"
    if fall.status == ANDRAD:
        text += ": indata eller förväntat utfall har ändrats sedan granskningen; fallet behöver granskas igen"
    return text + "."


def _granskningsantal(fall: list[Testfall]) -> str:
    """The number of cases in each sign-off status."""
    return (f"**Granskning:** {len(fall)} testfall: "
            + ", ".join(f"{text} {sum(f.status == s for f in fall)}" for s, text in ANTALTEXT.items()) + ".")


def skriv_testkatalog(katalog: Path, testkatalog: Path, granskare: Granskarregister | None = None) -> list[str]:
    (katalog / "testkatalog").mkdir(parents=True, exist_ok=True)
    sidor = []
    granskning: dict[str, Testfil] = {fil.relativ: fil for fil in las_katalog(testkatalog, granskare)}
    trasiga = [fil.fel for fil in granskning.values() if fil.fel]
    if trasiga:  # never read again below with a loader that would say less
        raise ValueError("testkatalogen har filer som inte kan läsas: " + "; ".join(trasiga))
    for fil in sorted(testkatalog.rglob("*.yaml")):
        relativ = fil.relative_to(testkatalog)
        granskade = granskning[relativ.as_posix()].fall if relativ.as_posix() in granskning else []
        sida = str(relativ.with_suffix("")).replace("/", "__")
        text = fil.read_text(encoding="utf-8")
        fall = yaml.safe_load(text) or []
        block = _case_block(text)
        inledning = "\n".join(r[2:] for r in text.splitlines() if r.startswith("# ") and not r.startswith("# -"))
        ut = [rubrik(f"{relativ}"), "", f"Fil: ``tests/yaml/{relativ}``", ""]
        if inledning:
            ut += ["::", "", textwrap.indent(inledning.split("\n- name")[0], "    "), ""]
        ut += [_granskningsantal(granskade), ""]
        for i, test in enumerate(fall):
            ut += [rubrik(str(test.get("name", f"fall {i + 1}")), "-"), ""]
            ut += [_granskningsrad(granskade[i] if i < len(granskade) else None), ""]
            if test.get("description"):
                ut += [str(test["description"]).strip(), ""]
            ut += [f"Period: ``{test.get('period')}``. Lagrum eller ämne: "
                   f"{', '.join(map(str, test.get('keywords', []))) or '–'}."]
            if test.get("reforms"):
                ut += [f"Reform: ``{test['reforms']}``."]
            ut += [""]
            indata = test.get("input", {})
            personer = indata.get("personer", {})
            hushallen = indata.get("hushallen", {})
            hushall_rader = []
            for hid, h in hushallen.items():
                roller = "; ".join(f"{r}: {', '.join(h.get(r, []))}" for r in ("vuxna", "barnen") if h.get(r))
                hushall_rader.append([hid, roller])
            if hushall_rader:
                ut += ["Hushåll:", "", tabell(["Hushåll", "Roller"], hushall_rader), ""]
            in_rader = [[f"personer.{pid}", var, varde] for pid, p in personer.items() for var, varde in _platta(p)]
            in_rader += [[f"hushallen.{hid}", var, varde] for hid, h in hushallen.items()
                         for var, varde in _platta({k: v for k, v in h.items() if k not in ("vuxna", "barnen")})]
            if in_rader:
                ut += ["Indata:", "", tabell(["Vem", "Variabel", "Värde"], in_rader), ""]
            forvantat = [[k, v] for k, v in _platta(test.get("output", {}))]
            ut += ["Förväntat:", "", tabell(["Variabel", "Värde"], forvantat), ""]
            if i < len(block):
                ut += ["Testfallet med uträkningen i kommentarer:", "", ".. code-block:: yaml", "",
                       textwrap.indent(block[i], "    "), ""]
        (katalog / "testkatalog" / f"{sida}.rst").write_text("\n".join(ut), encoding="utf-8")
        sidor.append(sida)
    index = [rubrik("Katalog över juridiska testfall"), "",
             "Varje testfall i ``tests/yaml/`` som tabeller: hushållet, indata, förväntat utfall och lagrummet, "
             "följt av fallet med uträkningen. En jurist kan granska och godkänna dem utan att läsa YAML.", "",
             _granskningsantal([f for fil in granskning.values() for f in fil.fall]), "",
             ".. toctree::", "   :maxdepth: 1", ""] + [f"   {s}" for s in sidor]
    (katalog / "testkatalog" / "index.rst").write_text("\n".join(index) + "\n", encoding="utf-8")
    return sidor


def skriv_beslut_skal(system: Any, katalog: Path) -> None:
    import datetime

    dag = datetime.date.today()
    rader = [[f":ref:`{s.variabel} <variabel-{s.variabel.replace('_', '-')}>`", s.text,
              "; ".join(filter(None, (lagrum_text(k, dag) for k in s.grund))) or "–", s.policy or "–"] for s in SKAL]
    ut = [".. This file is generated by openfisca_sweden_bistand.underhall.dokumentation.", "",
          tabell(["Skäl (variabel)", "När", "Grund i dag", "Policy"], rader), ""]
    (katalog / "beslut_skal.rst").write_text("\n".join(ut), encoding="utf-8")


def skriv_formankoder(katalog: Path) -> None:
    """The table of benefit codes (kontroll/formankoder.yaml) as it is read: one row per code and period."""
    from openfisca_sweden_bistand.kontroll.formankoder import tabell as formankoder

    behandling = {"jamfor": "jämförs med", "ej_raknad": "räknas inte", "handlaggare": "handläggare bedömer"}
    rader = [[f"``{r.kod}``", r.myndighet, r.betydelse,
              behandling[r.behandling] + (f" ``{r.variabel}``" if r.variabel else ""),
              f"{r.fran.isoformat()}–{r.till.isoformat() if r.till else ''}", r.konfidens, r.kalla]
             for r in formankoder()]
    ut = [".. This file is generated by openfisca_sweden_bistand.underhall.dokumentation.", "",
          tabell(["Kod", "Myndighet", "Betydelse", "Behandling", "Gäller", "Konfidens", "Källa"], rader), ""]
    (katalog / "formankoder.rst").write_text("\n".join(ut), encoding="utf-8")


def skriv(katalog: Path, testkatalog: Path, system: Any = None) -> None:
    from openfisca_sweden_bistand.system import skattesystem

    system = system or skattesystem()
    katalog.mkdir(parents=True, exist_ok=True)
    for mapp in ("regelbok", "parametrar", "testkatalog"):  # a page of a file since removed must not linger
        for gammal in (katalog / mapp).glob("*.rst"):
            gammal.unlink()
    skriv_regelbok(system, katalog)
    skriv_reformer(katalog)
    skriv_parametrar(system, katalog)
    skriv_testkatalog(katalog, testkatalog)
    skriv_beslut_skal(system, katalog)
    skriv_formankoder(katalog)
