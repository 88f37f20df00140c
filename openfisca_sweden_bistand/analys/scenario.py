"""The scenario runner: a caseload through the baseline and one or more variants (reforms or
automation regimes), with the same rules that decide cases.

``kor(scenario, bestand, ut)`` computes, vectorised and in blocks (a progress bar on long runs),
each household's försörjningsstöd, outcome and decision under every variant, and writes to ``ut``:

- ``results.csv``: one row per household, the baseline's and each variant's amount, outcome and
  decision, and the change;
- ``report.md``: what the scenario assumes, a summary table (cost with a 95 % bootstrap interval,
  winners and losers, automation rate, caseworker hours) and a table by household type, with the charts;
- ``kostnad_per_hushallstyp.png``, ``forandring_per_hushallstyp.png``, ``forandring_per_manad.png``,
  ``automatisering_per_variant.png``; a chart with nothing to show says so in the chart.

``Resultat.som_tabell()`` gives the rows of ``results.csv`` as a pandas DataFrame (the ``analys`` extra).
Every number in the report and the charts is formatted by ``text.py``.

``huvudprogram`` is the command line the scenarios in ``analys/scenarier/`` share:
``bistand scenario <name> [--households N] [--period YYYY-MM] [--out DIR] [--seed S] [--csv FILE]``.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from openfisca_core import periods

from openfisca_sweden_bistand import __version__, kommuner, text
from openfisca_sweden_bistand.analys.arendebestand import (
    HUSHALL_PER_MANAD,
    MAL,
    Arendebestand,
    ArendebestandFel,
    bygg_simulering,
    delmangd,
    generera,
    las_csv,
)
from openfisca_sweden_bistand.arende.las import ArendeFel, las_kommun
from openfisca_sweden_bistand.regelstod.skal import SKAL, SKAL_PER_VARIABEL
from openfisca_sweden_bistand.system import skattesystem
from openfisca_sweden_bistand.text import decimal, heltal, procent

if TYPE_CHECKING:
    import pandas

BLOCK = 50_000  # households per simulation block
OMDRAGNINGAR = 200  # bootstrap resamples of the households for the national cost's interval
NIVA = 0.95  # the interval's level
INGET_ATT_VISA = "Inget att visa: "


@dataclass
class Variant:
    id: str  # short ASCII name for CSV columns: baslinje, bidragstak, ...
    namn: str
    reform: type | None = None  # an OpenFisca Reform class, None for the baseline rules
    beskrivning: str = ""
    # Extra inputs for this variant: f(bestand, rng) -> {variable: array per person or household}
    indata: Callable[[Arendebestand, np.random.Generator], dict[str, np.ndarray]] | None = None
    kommun: str | None = None  # a municipality's guidelines under the rules (kommuner/<id>), None: national


@dataclass
class Scenario:
    namn: str
    titel: str
    antaganden: str  # Markdown: what the scenario assumes, with sources
    varianter: list[Variant]  # the first is the comparison point (usually the baseline)
    minuter_per_manuellt_arende: float = 45.0
    # A section of its own for report.md, after the summary: f(resultat) -> Markdown lines
    tillagg: Callable[[Resultat], list[str]] | None = None


@dataclass
class Resultat:
    scenario: Scenario
    bestand: Arendebestand
    belopp: dict[str, np.ndarray] = field(default_factory=dict)
    utfall: dict[str, np.ndarray] = field(default_factory=dict)
    beslut: dict[str, np.ndarray] = field(default_factory=dict)
    # per variant: the number of households each reason for manual review holds for (regelstod/skal.py)
    skal: dict[str, dict[str, int]] = field(default_factory=dict)
    seed: int = 0  # the scenario's seed: the bootstrap draws from it too
    _intervall: dict[str, tuple[float, float]] = field(default_factory=dict, repr=False)

    def kostnadsintervall(self, variant: str, niva: float = NIVA) -> tuple[float, float]:
        """A ``niva`` bootstrap interval (percentiles) for the national cost per year, in mdkr: the
        households of the sample resampled with replacement ``OMDRAGNINGAR`` times, from the scenario's seed."""
        nyckel = f"{variant}:{niva}"
        if nyckel not in self._intervall:
            belopp = self.belopp[variant]
            rng = np.random.default_rng(self.seed)
            summor = np.array([belopp[rng.integers(0, len(belopp), len(belopp))].sum() for _ in range(OMDRAGNINGAR)])
            kostnad = summor * self.bestand.vikt * 12 / 1e9
            lag, hog = np.quantile(kostnad, [(1 - niva) / 2, (1 + niva) / 2])
            self._intervall[nyckel] = (float(lag), float(hog))
        return self._intervall[nyckel]

    def kolumner(self) -> dict[str, list[Any]]:
        """The columns of ``results.csv``, in order: one value per household."""
        s, b = self.scenario, self.bestand
        bas = self.belopp[s.varianter[0].namn]
        kolumner: dict[str, list[Any]] = {
            "hushall_id": b.hushall_id.tolist(),
            "hushallstyp": b.hushallstyp.tolist(),
            "antal_personer": np.bincount(b.person_hushall, minlength=b.antal_hushall).tolist(),
            "antal_barn": np.bincount(b.person_hushall[b.person_roll == "barn"], minlength=b.antal_hushall).tolist(),
            "manader_med_stod": self.manader_med_stod().tolist(),
            # the households in the country each row stands for: sum a column × vikt for the country
            "vikt": [round(float(b.vikt), 4)] * b.antal_hushall,
        }
        for i, v in enumerate(s.varianter):
            kolumner[f"forsorjningsstod_{v.id}"] = self.belopp[v.namn].astype(np.int64).tolist()
            kolumner[f"utfall_{v.id}"] = self.utfall[v.namn].tolist()
            kolumner[f"beslut_{v.id}"] = self.beslut[v.namn].tolist()
            if i:
                kolumner[f"forandring_{v.id}"] = (self.belopp[v.namn] - bas).astype(np.int64).tolist()
        return kolumner

    def manader_med_stod(self) -> np.ndarray:
        """Each household's months in a row with support before the period (its adults' longest), 0 if not known."""
        b = self.bestand
        if b.manader_med_stod is None:
            return np.zeros(b.antal_hushall, dtype=np.int64)
        ut = np.zeros(b.antal_hushall, dtype=np.int64)
        np.maximum.at(ut, b.person_hushall, b.manader_med_stod.astype(np.int64))
        return ut

    def som_tabell(self) -> pandas.DataFrame:
        """The rows of ``results.csv`` as a pandas DataFrame (for Jupyter); needs the ``analys`` extra."""
        try:
            import pandas
        except ModuleNotFoundError as fel:
            raise ModuleNotFoundError("som_tabell() kräver pandas: python -m pip install "
                                      "'openfisca-sweden-bistand[analys]'", name="pandas") from fel
        return pandas.DataFrame(self.kolumner())

    def sammanfattning(self) -> list[dict[str, Any]]:
        bas = self.scenario.varianter[0].namn
        rader = []
        for variant in self.scenario.varianter:
            b = self.belopp[variant.namn]
            andring = b - self.belopp[bas]
            manuella = self.beslut[variant.namn] == "manuell_provning"
            vikt = self.bestand.vikt
            lag, hog = self.kostnadsintervall(variant.namn)
            rader.append({
                "variant": variant.namn,
                "hushall": len(b),
                "medelbelopp": float(b.mean()),
                "kostnad_per_manad_riket_mkr": float(b.sum() * vikt / 1e6),
                "kostnad_per_ar_riket_mdkr": float(b.sum() * vikt * 12 / 1e9),
                "kostnad_per_ar_riket_mdkr_lag": lag,
                "kostnad_per_ar_riket_mdkr_hog": hog,
                "andel_forlorar": float((andring < -0.5).mean()),
                "andel_vinner": float((andring > 0.5).mean()),
                "medelforandring_forlorare": float(andring[andring < -0.5].mean()) if (andring < -0.5).any() else 0.0,
                "andel_avslag": float((self.utfall[variant.namn] == "avslag").mean()),
                "automatiseringsgrad": float(1 - manuella.mean()),
                "manuella_arenden_riket": float(manuella.sum() * vikt),
                "handlaggartimmar_riket": float(manuella.sum() * vikt * self.scenario.minuter_per_manuellt_arende / 60),
            })
        return rader


def _system_for(variant: Variant) -> Any:
    bas = skattesystem(variant.kommun)
    return variant.reform(bas) if variant.reform is not None else bas


def _foregaende(del_: Arendebestand, kommun: str | None, period: Any, forandrad: np.ndarray, faktor: np.ndarray,
                sista: np.ndarray) -> np.ndarray:
    """Last month's amount of each household under the rules in force in ``kommun`` (see ``berakna``)."""
    bas = bygg_simulering(del_, skattesystem(kommun))
    belopp = bas.calculate("forsorjningsstod", period)
    foregaende = np.where(forandrad, belopp * faktor, belopp).round()
    upphor = (belopp <= 0) & bas.calculate("stod_foregaende_manad", period)
    return np.where(upphor, sista, foregaende)


def berakna(scenario: Scenario, bestand: Arendebestand, seed: int = 0, framsteg: bool = True) -> Resultat:
    """Every variant for every household, vectorised, in blocks of ``BLOCK`` households."""
    from tqdm import tqdm

    period = periods.period(bestand.period)
    per_reform: dict[Any, Any] = {}  # variants with the same reform and municipality share their system
    system: dict[str, Any] = {}
    for v in scenario.varianter:
        if (v.reform, v.kommun) not in per_reform:
            per_reform[v.reform, v.kommun] = _system_for(v)
        system[v.namn] = per_reform[v.reform, v.kommun]
    resultat = Resultat(scenario, bestand, seed=seed)
    delar: dict[str, dict[str, list[np.ndarray]]] = {
        v.namn: {"belopp": [], "utfall": [], "beslut": []} for v in scenario.varianter
    }
    rng = np.random.default_rng(seed)
    block = [(s, min(s + BLOCK, bestand.antal_hushall)) for s in range(0, bestand.antal_hushall, BLOCK)]
    with tqdm(total=len(block) * len(scenario.varianter), desc=scenario.namn, unit="block",
              disable=not framsteg or len(block) * len(scenario.varianter) < 4, file=sys.stderr) as stapel:
        for start, slut in block:
            del_ = delmangd(bestand, start, slut)
            # Last month's amount: this month's amount under the rules in force (in the variant's municipality)
            # for most; a changed amount for some; a household with no support this month that had support last
            # month had some amount then (its income has just risen above the need), else its history would
            # contradict itself. The draws are the same for every variant.
            forandrad = rng.random(del_.antal_hushall) < 0.15
            faktor = rng.uniform(0.6, 1.4, del_.antal_hushall)
            sista = rng.uniform(500, 3000, del_.antal_hushall).round(-1)
            foregaende_per_kommun = {
                kommun: _foregaende(del_, kommun, period, forandrad, faktor, sista)
                for kommun in dict.fromkeys(v.kommun for v in scenario.varianter)}
            for variant in scenario.varianter:
                simulering = bygg_simulering(del_, system[variant.namn])
                simulering.set_input("forsorjningsstod_foregaende_manad", period, foregaende_per_kommun[variant.kommun])
                if variant.indata is not None:
                    for namn, varden in variant.indata(del_, rng).items():
                        simulering.set_input(namn, period, varden)
                delar[variant.namn]["belopp"].append(simulering.calculate("forsorjningsstod", period))
                delar[variant.namn]["utfall"].append(simulering.calculate("utfall", period).decode_to_str())
                delar[variant.namn]["beslut"].append(simulering.calculate("beslut", period).decode_to_str())
                antal = resultat.skal.setdefault(variant.namn, {})
                for skal in SKAL:
                    antal[skal.variabel] = antal.get(skal.variabel, 0) + int(
                        simulering.calculate(skal.variabel, period).sum())
                stapel.update()
    for namn, d in delar.items():
        resultat.belopp[namn] = np.concatenate(d["belopp"]).astype(np.float64)
        resultat.utfall[namn] = np.concatenate(d["utfall"])
        resultat.beslut[namn] = np.concatenate(d["beslut"])
    return resultat


def kr(x: float) -> str:
    return text.kr(round(x))


def mdkr(x: float) -> str:
    """Billions of kronor: 8,14 mdkr (a no-break space before the unit)."""
    return f"{decimal(x)}{text.NBSP}mdkr"


def intervall(rad: dict[str, Any]) -> str:
    """The bootstrap interval of a summary row's national cost per year: 7,98–8,31 mdkr."""
    lag, hog = rad["kostnad_per_ar_riket_mdkr_lag"], rad["kostnad_per_ar_riket_mdkr_hog"]
    return f"{decimal(lag)}{text.TANKSTRECK}{mdkr(hog)}"


def skriv(resultat: Resultat, ut: Path) -> None:
    """results.csv, report.md and the charts in ``ut``."""
    ut.mkdir(parents=True, exist_ok=True)
    skriv_csv(resultat, ut)
    rita_diagram(resultat, ut)
    skriv_markdown(resultat, ut)


def skriv_csv(resultat: Resultat, ut: Path) -> None:
    """results.csv: one row per household, each variant's amount, outcome and decision, and the change."""
    kolumner = resultat.kolumner()
    with open(ut / "results.csv", "w", newline="", encoding="utf-8") as fil:
        skrivare = csv.writer(fil)
        skrivare.writerow(list(kolumner))
        skrivare.writerows(zip(*kolumner.values(), strict=True))


def typnamn(typ: str) -> str:
    """A household type in Swedish words: ensamstaende_kvinna_med_barn → Ensamstående kvinna med barn."""
    ord_ = typ.replace("ensamstaende", "ensamstående").replace("_", " ")
    return ord_[:1].upper() + ord_[1:]


def _typnamn(typer: list[str]) -> list[str]:
    return [typnamn(t) for t in typer]


def _talformat(ax: Any, axel: str = "y", decimaler: int = 0) -> None:
    """Tick labels of ``axel`` in the Swedish format of ``text.py`` (real minus, decimal comma)."""
    from matplotlib.ticker import FuncFormatter

    formatterare = FuncFormatter(lambda x, _pos: text.decimal(x, decimaler) if decimaler else text.heltal(x))
    (ax.yaxis if axel == "y" else ax.xaxis).set_major_formatter(formatterare)


def _inget_att_visa(ax: Any, orsak: str) -> None:
    """A visible note in the middle of an empty chart, instead of blank axes."""
    ax.text(0.5, 0.5, INGET_ATT_VISA + orsak, transform=ax.transAxes, ha="center", va="center", fontsize=11,
            wrap=True, bbox={"boxstyle": "round", "facecolor": "#fff3cd", "edgecolor": "#b08900"})


def _spara(fig: Any, fil: Path) -> list[str]:
    """Save and close a chart; returns the "nothing to show" notes drawn in it."""
    import matplotlib.pyplot as plt

    anteckningar = [t.get_text() for ax in fig.axes for t in ax.texts if t.get_text().startswith(INGET_ATT_VISA)]
    fig.tight_layout()
    fig.savefig(fil, dpi=110)
    plt.close(fig)
    return anteckningar


def _diagram_kostnad(resultat: Resultat, ut: Path) -> list[str]:
    import matplotlib.pyplot as plt

    b, namn = resultat.bestand, [v.namn for v in resultat.scenario.varianter]
    typer = sorted(set(b.hushallstyp))
    bredd = 0.8 / len(namn)
    fig, ax = plt.subplots(figsize=(9, 4.5))
    for i, n in enumerate(namn):
        kostnad = [resultat.belopp[n][b.hushallstyp == t].sum() * b.vikt / 1e6 for t in typer]
        ax.bar(np.arange(len(typer)) + i * bredd, kostnad, bredd, label=n)
    ax.set_xticks(np.arange(len(typer)) + bredd * (len(namn) - 1) / 2, _typnamn(typer),
                  rotation=20, ha="right", fontsize=8)
    _talformat(ax, decimaler=1)
    ax.set_ylabel("Mkr per månad, hela riket (uppräknat)")
    ax.set_title("Kostnad per hushållstyp")
    ax.legend(fontsize=8)
    if not any(resultat.belopp[n].any() for n in namn):
        _inget_att_visa(ax, "inget hushåll i urvalet får försörjningsstöd")
    return _spara(fig, ut / "kostnad_per_hushallstyp.png")


def _diagram_forandring_per_hushallstyp(resultat: Resultat, ut: Path) -> list[str]:
    """The mean monthly change against the baseline per household type and variant: bars around 0."""
    import matplotlib.pyplot as plt

    b, bas = resultat.bestand, resultat.scenario.varianter[0].namn
    namn = [v.namn for v in resultat.scenario.varianter[1:]]
    typer = sorted(set(b.hushallstyp))
    bredd = 0.8 / max(len(namn), 1)
    fig, ax = plt.subplots(figsize=(9, 4.5))
    storst = 0.0
    for i, n in enumerate(namn):
        andring = resultat.belopp[n] - resultat.belopp[bas]
        medel = [float(andring[b.hushallstyp == t].mean()) for t in typer]
        storst = max([storst, *map(abs, medel)])
        staplar = ax.bar(np.arange(len(typer)) + i * bredd, medel, bredd, label=n)
        ax.bar_label(staplar, labels=[text.kr(round(m)) for m in medel], fontsize=7, padding=2)
    ax.axhline(0, color="black", linewidth=0.8)
    ax.set_xticks(np.arange(len(typer)) + bredd * (max(len(namn), 1) - 1) / 2, _typnamn(typer),
                  rotation=20, ha="right", fontsize=8)
    _talformat(ax)
    ax.use_sticky_edges = False  # room above and below 0 for the bar labels
    ax.margins(y=0.15)
    ax.set_ylabel("Kr per hushåll och månad")
    ax.set_title(f"Medelförändring mot {bas} per hushållstyp")
    if namn:
        ax.legend(fontsize=8)
    if storst < 0.5:
        _inget_att_visa(ax, f"ingen variant ändrar medelbeloppet för någon hushållstyp mot {bas}")
    return _spara(fig, ut / "forandring_per_hushallstyp.png")


def _diagram_fordelning(resultat: Resultat, ut: Path) -> list[str]:
    import matplotlib.pyplot as plt

    bas = resultat.scenario.varianter[0].namn
    fig, ax = plt.subplots(figsize=(9, 4.5))
    oforandrade = []
    for n in [v.namn for v in resultat.scenario.varianter[1:]]:
        andring = resultat.belopp[n] - resultat.belopp[bas]
        andrade = andring[np.abs(andring) >= 0.5]
        oforandrade.append(f"{n}: {procent(1 - len(andrade) / len(andring))} oförändrade")
        if len(andrade):
            ax.hist(andrade, bins=60, alpha=0.6, label=n, weights=np.full(len(andrade), resultat.bestand.vikt))
    _talformat(ax, "x")
    _talformat(ax)
    ax.set_xlabel(f"Förändring av försörjningsstöd mot {bas}, kr per månad (hushåll vars belopp ändras)")
    ax.set_ylabel("Antal hushåll i riket (uppräknat)")
    ax.set_title("Fördelning av förändringen per hushåll och månad\n" + "; ".join(oforandrade), fontsize=10)
    if ax.get_legend_handles_labels()[0]:
        ax.legend(fontsize=8)
    else:
        _inget_att_visa(ax, f"inget hushålls belopp ändras mot {bas}")
    return _spara(fig, ut / "forandring_per_manad.png")


def _diagram_automatisering(resultat: Resultat, ut: Path) -> list[str]:
    import matplotlib.pyplot as plt

    sammanfattning = resultat.sammanfattning()
    grader = [r["automatiseringsgrad"] for r in sammanfattning]
    manga = len(grader) > 6  # many variants (automatiserade_beslut with register checks): room for their names
    fig, ax = plt.subplots(figsize=(10, 5.5) if manga else (9, 4))
    staplar = ax.bar([r["variant"] for r in sammanfattning], [100 * g for g in grader])
    ax.bar_label(staplar, labels=[procent(g) for g in grader], fontsize=8, padding=2)
    _talformat(ax)
    ax.set_ylabel("Andel som beslutas automatiskt, %")
    ax.set_ylim(0, 100)
    ax.set_title("Automatiseringsgrad per variant")
    plt.setp(ax.get_xticklabels(), rotation=35 if manga else 15, ha="right", fontsize=7 if manga else 8)
    if not any(grader):
        _inget_att_visa(ax, f"inget ärende beslutas automatiskt i någon variant ({procent(0.0)} i alla)")
    return _spara(fig, ut / "automatisering_per_variant.png")


def rita_diagram(resultat: Resultat, ut: Path) -> dict[str, list[str]]:
    """The charts: cost and the mean change by household type, the change per household, automation per
    variant. Returns, per chart file, the "Inget att visa: ..." notes drawn in it (empty when it has data)."""
    import matplotlib

    matplotlib.use("Agg")
    ritare = {
        "kostnad_per_hushallstyp.png": _diagram_kostnad,
        "forandring_per_hushallstyp.png": _diagram_forandring_per_hushallstyp,
        "forandring_per_manad.png": _diagram_fordelning,
        "automatisering_per_variant.png": _diagram_automatisering,
    }
    return {fil: rita(resultat, ut) for fil, rita in ritare.items()}


# Bands of the monthly change (kr), for winners and losers: (lower, upper, label); upper exclusive.
FORANDRINGSBAND = (
    (-np.inf, -2000, f"minskar mer än {text.kr(2000)}"), (-2000, -500, f"minskar {text.belopp(500)}–{text.kr(2000)}"),
    (-500, -0.5, f"minskar upp till {text.kr(500)}"), (-0.5, 0.5, "oförändrat"),
    (0.5, 500, f"ökar upp till {text.kr(500)}"), (500, 2000, f"ökar {text.belopp(500)}–{text.kr(2000)}"),
    (2000, np.inf, f"ökar mer än {text.kr(2000)}"),
)
STODTID = ((0, 1, "ingen månad"), (1, 6, "1–5 månader"), (6, 12, "6–11 månader"), (12, 24, "12–23 månader"),
           (24, 10_000, "24 månader eller fler"))


def _vinnare_och_forlorare(resultat: Resultat) -> list[str]:
    """Winners and losers in bands of the monthly change against the first variant, counted in the country."""
    s, b = resultat.scenario, resultat.bestand
    if len(s.varianter) < 2:
        return []
    bas = resultat.belopp[s.varianter[0].namn]
    rader = ["## Vinnare och förlorare", "",
             f"Hushåll i riket (uppräknat, vikt {decimal(b.vikt, 1)} per hushåll i urvalet) efter förändringen per "
             f"månad mot {s.varianter[0].namn}.", "",
             "| Förändring per månad | " + " | ".join(v.namn for v in s.varianter[1:]) + " |",
             "|---|" + "---|" * (len(s.varianter) - 1)]
    for lag, hog, text_ in FORANDRINGSBAND:
        celler = []
        for v in s.varianter[1:]:
            andring = resultat.belopp[v.namn] - bas
            i_bandet = (andring >= lag) & (andring < hog)
            celler.append(f"{heltal(i_bandet.sum() * b.vikt)} ({procent(i_bandet.mean())})")
        rader.append(f"| {text_} | " + " | ".join(celler) + " |")
    return [*rader, ""]


def _forandring_per_barn_och_stodtid(resultat: Resultat) -> list[str]:
    """The mean monthly change by household type × number of children, and by months on support."""
    s, b = resultat.scenario, resultat.bestand
    if len(s.varianter) < 2:
        return []
    bas = resultat.belopp[s.varianter[0].namn]
    barn = np.minimum(np.bincount(b.person_hushall[b.person_roll == "barn"], minlength=b.antal_hushall), 4)
    namn = [v.namn for v in s.varianter[1:]]
    rader = ["## Förändring per hushållstyp och antal barn (medel per hushåll och månad)", "",
             "| Hushållstyp | Barn | Hushåll i riket | " + " | ".join(namn) + " |",
             "|---|---|---|" + "---|" * len(namn)]
    for typ in sorted(set(b.hushallstyp)):
        for antal in range(5):
            urval = (b.hushallstyp == typ) & (barn == antal)
            if urval.any():
                rader.append(f"| {typnamn(typ)} | {antal if antal < 4 else '4 eller fler'} | "
                             f"{heltal(urval.sum() * b.vikt)} | "
                             + " | ".join(kr((resultat.belopp[n][urval] - bas[urval]).mean()) for n in namn) + " |")
    manader = resultat.manader_med_stod()
    rader += ["", "## Förändring efter månader i följd med stöd (medel per hushåll och månad)", "",
              "| Månader med stöd | Hushåll i riket | " + " | ".join(namn) + " |", "|---|---|" + "---|" * len(namn)]
    for lag, hog, text_ in STODTID:
        urval = (manader >= lag) & (manader < hog)
        if urval.any():
            rader.append(f"| {text_} | {heltal(urval.sum() * b.vikt)} | "
                         + " | ".join(kr((resultat.belopp[n][urval] - bas[urval]).mean()) for n in namn) + " |")
    return [*rader, ""]


def _varfor_manuellt(resultat: Resultat, antal_skal: int = 5) -> list[str]:
    """Why cases go to a caseworker: per variant, the most common reasons and the share of households each holds
    for (a household can have several). Says outright when nothing is decided automatically."""
    rader = ["## Varför ärenden prövas av handläggare", ""]
    for variant in resultat.scenario.varianter:
        antal = resultat.skal.get(variant.namn, {})
        hushall = max(1, resultat.bestand.antal_hushall)
        vanligast = sorted(((n, namn) for namn, n in antal.items() if n), reverse=True)[:antal_skal]
        automatiskt = float(np.mean(resultat.beslut[variant.namn] != "manuell_provning"))
        inledning = (f"**{variant.namn}**: inget ärende beslutas automatiskt. De vanligaste skälen:"
                     if automatiskt == 0 else f"**{variant.namn}** ({procent(automatiskt)} automatiskt). "
                                              "De vanligaste skälen för manuell prövning:")
        rader += [inledning, ""]
        rader += [f"- {procent(n / hushall)} av hushållen: {SKAL_PER_VARIABEL[namn].text}" for n, namn in vanligast]
        rader.append("")
    return rader


def skriv_markdown(resultat: Resultat, ut: Path) -> None:
    """report.md: the assumptions, the variants, the summary and the table by household type, with the charts."""
    s, b = resultat.scenario, resultat.bestand
    namn = [v.namn for v in s.varianter]
    typer = sorted(set(b.hushallstyp))
    sammanfattning = resultat.sammanfattning()
    rader = [
        f"# {s.titel}", "",
        f"Scenario `{s.namn}`, period {b.period}, {heltal(b.antal_hushall)} hushåll "
        f"(openfisca-sweden-bistand {__version__}).", "",
        "## Antaganden", "", s.antaganden.strip(), "",
        "## Varianter", "",
        *[f"- **{v.namn}**: {v.beskrivning}" for v in s.varianter], "",
        "## Sammanfattning", "",
        "Riket: urvalet uppräknat till hushåll med ekonomiskt bistånd en genomsnittlig månad "
        f"({heltal(HUSHALL_PER_MANAD)} hushåll, härlett ur Socialstyrelsens statistik 2024).", "",
        f"| Variant | Medelbelopp per hushåll | Kostnad per år, riket | {procent(NIVA, 0)} intervall "
        "| Förlorar | Vinner | Medelförändring för förlorare "
        "| Avslag | Automatiskt beslutade | Manuella ärenden per månad, riket | Handläggartimmar per månad, riket |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in sammanfattning:
        rader.append(
            f"| {r['variant']} | {kr(r['medelbelopp'])} | {mdkr(r['kostnad_per_ar_riket_mdkr'])} | {intervall(r)} | "
            f"{procent(r['andel_forlorar'])} | {procent(r['andel_vinner'])} | {kr(r['medelforandring_forlorare'])} | "
            f"{procent(r['andel_avslag'])} | {procent(r['automatiseringsgrad'])} | "
            f"{heltal(r['manuella_arenden_riket'])} | {heltal(r['handlaggartimmar_riket'])} |"
        )
    rader += ["", f"Intervallet: {procent(NIVA, 0)} bootstrapintervall (percentiler) över urvalets hushåll, "
              f"{heltal(OMDRAGNINGAR)} omdragningar med scenariots frö (`--seed {resultat.seed}`); det mäter "
              "urvalets slump, inte modellens antaganden.",
              "", f"Handläggartimmar: {text.belopp(s.minuter_per_manuellt_arende)} minuter per manuellt prövat ärende.",
              "", *_vinnare_och_forlorare(resultat), *_forandring_per_barn_och_stodtid(resultat),
              *_varfor_manuellt(resultat),
              *(s.tillagg(resultat) if s.tillagg else []),
              "## Per hushållstyp (medelbelopp per månad)", "",
              "| Hushållstyp | Andel | " + " | ".join(namn) + " |", "|---|---|" + "---|" * len(namn)]
    for t in typer:
        urval = b.hushallstyp == t
        rader.append(f"| {typnamn(t)} | {procent(urval.mean())} | "
                     + " | ".join(kr(resultat.belopp[n][urval].mean()) for n in namn) + " |")
    rader += ["", "## Diagram", "",
              "![Kostnad per hushållstyp](kostnad_per_hushallstyp.png)", "",
              "![Medelförändring per hushållstyp](forandring_per_hushallstyp.png)", "",
              "![Förändring per hushåll och månad](forandring_per_manad.png)", "",
              "![Automatiseringsgrad per variant](automatisering_per_variant.png)", "",
              "## Filer", "", "- `results.csv`: en rad per hushåll; kolumnernas suffix: "
              + ", ".join(f"`{v.id}` = {v.namn}" for v in s.varianter) + ".", ""]
    (ut / "report.md").write_text("\n".join(rader), encoding="utf-8")


def kalibreringstext() -> str:
    return "\n".join(f"- {namn}: {mal['kalla']}" for namn, mal in MAL.items())


def _parametervariant(angivna: list[str], fran: str) -> Variant:
    """A variant of the parameter values given as STIG=VÄRDE (the value read as YAML: 4200, 0.3, true, text)."""
    import yaml

    from openfisca_sweden_bistand.reforms.parametrar import Parameterfel, parameterreform

    varden: dict[str, Any] = {}
    for text_ in angivna:
        stig, likhet, varde = text_.partition("=")
        if not likhet or not stig:
            raise ArendeFel("--parameter", f"ange STIG=VÄRDE, inte {text_[:60]!r}")
        try:
            varden[stig.strip()] = yaml.safe_load(varde)
        except yaml.YAMLError:
            raise ArendeFel("--parameter", f"{stig}: värdet kan inte läsas") from None
    try:
        reform = parameterreform(varden, fran)
    except (Parameterfel, ValueError) as fel:
        raise ArendeFel("--parameter", str(fel)) from None
    return Variant("parametrar", "Egna parametervärden", reform, str(reform.name))


def huvudprogram(skapa: Callable[[argparse.Namespace], Scenario], standardperiod: str,
                 standardantal: int = 20_000, extra_argument: Callable[[argparse.ArgumentParser], None] | None = None,
                 argv: list[str] | None = None) -> int:
    """The shared command line of the scenario scripts."""
    namn = Path(getattr(sys.modules.get(skapa.__module__), "__file__", None) or skapa.__module__).stem
    parser = argparse.ArgumentParser(prog=f"bistand scenario {namn.rsplit('.', 1)[-1]}",
                                     description=(skapa.__doc__ or "").strip().split("\n")[0])
    parser.add_argument("--hushall", "--households", dest="households", metavar="N", type=int, default=standardantal,
                        help="antal syntetiska hushåll")
    parser.add_argument("--manad", "--period", dest="period", metavar="ÅÅÅÅ-MM", default=standardperiod,
                        help="månad")
    parser.add_argument("--ut", "--out", dest="out", metavar="KATALOG", type=Path, default=None,
                        help="katalog för report.md, results.csv och diagram")
    parser.add_argument("--fro", "--seed", dest="seed", metavar="FRÖ", type=int, default=0,
                        help="slumpfrö (samma frö, samma urval)")
    parser.add_argument("--csv", type=Path, default=None, metavar="FIL",
                        help="kommunens eget ärendebestånd (CSV) i stället för syntetiskt")
    if extra_argument:
        extra_argument(parser)
    parser.add_argument("--parameter", action="append", default=[], metavar="STIG=VÄRDE",
                        help="en variant med egna parametervärden (flera gånger), "
                             "t.ex. riksnorm.vuxna.ensamstaende=4200")
    parser.add_argument("--fran", default=None, metavar="ÅÅÅÅ-MM-DD",
                        help="dagen då --parameter gäller från (standard: periodens första dag)")
    if not any(a.dest == "kommun" for a in parser._actions):
        parser.add_argument("--kommun", default=None,
                            help="beräkna varje variant under kommunens riktlinjer (bistand kommuner listar dem)")
    args = parser.parse_args(argv)
    try:
        scenario = skapa(args)
        if args.parameter:
            scenario.varianter.append(_parametervariant(args.parameter, args.fran or f"{args.period}-01"))
        if isinstance(args.kommun, str):
            kommun = las_kommun(args.kommun, "--kommun")
            scenario.varianter = [dataclasses.replace(v, kommun=v.kommun or kommun) for v in scenario.varianter]
            scenario.titel += f" ({kommuner.hitta(kommun).namn})"
        if args.csv is not None:
            bestand = las_csv(args.csv, args.period)
        else:
            if args.households < 1:
                raise ArendebestandFel("--households ska vara minst 1")
            bestand = generera(args.households, args.period, args.seed)
        resultat = berakna(scenario, bestand, args.seed)
    except (ArendeFel, ArendebestandFel) as fel:
        print(f"scenario: {fel}", file=sys.stderr)
        return 2
    ut = args.out or Path("ut") / scenario.namn
    skriv(resultat, ut)
    print(f"Skrev {ut / 'report.md'}, {ut / 'results.csv'} och diagram.")
    for r in resultat.sammanfattning():
        print(f"  {r['variant']}: medel {kr(r['medelbelopp'])}, {mdkr(r['kostnad_per_ar_riket_mdkr'])}/år "
              f"i riket ({procent(NIVA, 0)} intervall {intervall(r)}), automatiskt {procent(r['automatiseringsgrad'])}")
    return 0
