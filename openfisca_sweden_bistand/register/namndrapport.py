"""The report to the nämnd (*anmälan av delegationsbeslut*) and the monitoring of automated decisions.

``skriv_rapport(register, period, ut, manader=6)`` writes ``rapport.md``, ``rapport.csv`` and
``utveckling.png`` to ``ut`` (the text from the template ``forklaring/mallar/namndrapport.md.j2``,
which a municipality may replace, see BISTAND_MALLAR): for the month, the automated and manual
decisions by outcome and by household type, the reasons for manual review, the sample control with
its error rate, drift against the previous months, and the head of the register's chain with its row
count (recorded in the nämnd's minutes, and appended to the anchor file when one is given, it
anchors the chain outside the database: ``bistand register verifiera --forvantat-huvud`` or
``--ankare`` then finds deleted last rows, a wiped register and a replaced one).
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path
from typing import Any

from openfisca_core import periods

from openfisca_sweden_bistand.forklaring.mallar import rendera
from openfisca_sweden_bistand.register.lagring import Register, skriv_ankare

DRIFTGRANS_ANDEL = 0.05  # a change of 5 percentage points in a share against the previous months
DRIFTGRANS_BELOPP = 0.10  # a change of 10 % in the average amount


def manader_bakat(period: str, antal: int) -> list[str]:
    """The ``antal`` months up to and including ``period``, oldest first."""
    manad = periods.period(period)
    return [str(manad.offset(-k)) for k in range(antal - 1, -1, -1)]


def matt(rader: list[dict[str, Any]]) -> dict[str, Any]:
    beslut = [json.loads(r["innehall"])["beslut"] for r in rader]
    n = len(beslut)
    return {
        "beslut": n,
        "automatiserade": sum(1 for b in beslut if b["automatiserat"]),
        "andel_automatiserade": sum(1 for b in beslut if b["automatiserat"]) / n if n else None,
        "andel_bifall": sum(1 for b in beslut if b["forslag"] == "bifall") / n if n else None,
        "andel_avslag": sum(1 for b in beslut if b["forslag"] == "avslag") / n if n else None,
        "medelbelopp": sum(b["belopp"] for b in beslut) / n if n else None,
    }


MATT = ("beslut", "automatiserade", "andel_automatiserade", "andel_bifall", "andel_avslag", "medelbelopp")
DRIFTMATT = (("andel_automatiserade", DRIFTGRANS_ANDEL, False), ("andel_bifall", DRIFTGRANS_ANDEL, False),
             ("andel_avslag", DRIFTGRANS_ANDEL, False), ("medelbelopp", DRIFTGRANS_BELOPP, True))


def drift(aktuell: dict[str, Any], tidigare: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each measure of the month against the average of the earlier months, and whether it deviates."""
    ut = []
    for nyckel, grans, relativ in DRIFTMATT:
        varden = [m[nyckel] for m in tidigare if m[nyckel] is not None]
        if not varden or aktuell[nyckel] is None:
            continue
        medel = sum(varden) / len(varden)
        andring = (aktuell[nyckel] / medel - 1) if relativ and medel else aktuell[nyckel] - medel
        ut.append({"matt": nyckel, "manad": aktuell[nyckel], "tidigare_medel": medel, "andring": andring,
                   "avvikelse": abs(andring) > grans})
    return ut


def _skriv_csv(fil: Path, per_manad: dict[str, dict[str, Any]]) -> None:
    with open(fil, "w", newline="", encoding="utf-8") as ut:
        skrivare = csv.writer(ut)
        skrivare.writerow(["manad", *MATT])
        for manad, v in per_manad.items():
            skrivare.writerow([manad] + [v[k] if v[k] is not None else "" for k in MATT])


def _skriv_diagram(fil: Path, per_manad: dict[str, dict[str, Any]]) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    manader = list(per_manad)
    fig, ax = plt.subplots(figsize=(8, 4))
    for nyckel, etikett in (("andel_automatiserade", "automatiskt beslutade"), ("andel_bifall", "bifall"),
                            ("andel_avslag", "avslag")):
        andelar = [100 * per_manad[m][nyckel] if per_manad[m][nyckel] is not None else float("nan") for m in manader]
        ax.plot(manader, andelar, marker="o", label=etikett)
    ax.set_ylabel("Andel av månadens beslut, %")
    ax.set_ylim(0, 100)
    ax.set_title("Beslut om försörjningsstöd per månad")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(fil, dpi=110)
    plt.close(fig)


def skriv_rapport(register: Register, period: str, ut: Path, manader: int = 6,
                  ankarfil: Path | None = None) -> dict[str, Any]:
    """The report; with ``ankarfil`` the register is checked against its anchors first, and the chain
    head is appended to the file when the chain is whole and anchoring has begun."""
    ut.mkdir(parents=True, exist_ok=True)
    beslut = [json.loads(r["innehall"])["beslut"] | {"hushallstyp": r["hushallstyp"]}
              for r in register.rader("beslut", period)]
    verifiering = register.verifiera(ankarfil=ankarfil)
    fel, huvud = verifiering
    per_manad = {m: matt(register.rader("beslut", m)) for m in manader_bakat(period, manader)}
    aktuell, tidigare = per_manad[period], [v for m, v in per_manad.items() if m != period and v["beslut"]]
    avvikelser = drift(aktuell, tidigare)
    utfall = Counter((b["automatiserat"], b["forslag"]) for b in beslut)
    typer = Counter((b["hushallstyp"], b["automatiserat"]) for b in beslut)
    md = rendera(
        "namndrapport.md.j2",
        period=period, fel=fel, huvud=huvud, varningar=list(verifiering.varningar),
        utfall=sorted(utfall.items(), key=lambda x: (not x[0][0], x[0][1])),
        aktuell=aktuell, tidigare=tidigare, drift=avvikelser, kontroll=register.felfrekvens(period),
        typer=[(typ, typer[(typ, True)], typer[(typ, False)]) for typ in sorted({t for t, _ in typer})],
        skal=Counter(s["skal"] for b in beslut for s in b["skal_for_manuell_provning"]).most_common(),
    )
    (ut / "rapport.md").write_text(md + "\n", encoding="utf-8")
    _skriv_csv(ut / "rapport.csv", per_manad)
    _skriv_diagram(ut / "utveckling.png", per_manad)
    if ankarfil and verifiering.bor_ankras():  # once anchoring has begun (bistand register ankra --forsta)
        skriv_ankare(ankarfil, huvud, register.register_id)
    return {"period": period, "beslut": aktuell["beslut"], "kedjan_hel": not fel, "drift": avvikelser, "huvud": huvud}
