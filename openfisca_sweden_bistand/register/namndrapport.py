"""The report to the nämnd (*anmälan av delegationsbeslut*) and the monitoring of automated decisions.

``skriv_rapport(register, period, ut, manader=6)`` writes ``rapport.md``, ``rapport.csv`` and
``utveckling.png`` to ``ut``: for the month, the automated and manual decisions by outcome and by
household type, the reasons for manual review, the sample control with its error rate, drift against
the previous months, and the head of the register's chain with its row count (recorded in the
nämnd's minutes, and appended to the anchor file when one is given, it anchors the chain outside the
database: ``bistand register verifiera --forvantat-huvud`` or ``--ankare`` then finds deleted last
rows, a wiped register and a replaced one).
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

from openfisca_core import periods

from openfisca_sweden_bistand.register.lagring import Register, las_ankare, skriv_ankare

DRIFTGRANS_ANDEL = 0.05  # a change of 5 percentage points in a share against the previous months
DRIFTGRANS_BELOPP = 0.10  # a change of 10 % in the average amount


def manader_bakat(period: str, antal: int) -> list[str]:
    """The ``antal`` months up to and including ``period``, oldest first."""
    manad = periods.period(period)
    return [str(manad.offset(-k)) for k in range(antal - 1, -1, -1)]


def matt(rader: list[dict]) -> dict:
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


def _andel(x) -> str:
    return "–" if x is None else f"{100 * x:.1f} %".replace(".", ",")


def skriv_rapport(register: Register, period: str, ut: Path, manader: int = 6, ankarfil: Path | None = None) -> dict:
    """The report; with ``ankarfil`` the register is checked against its anchors first, and the chain
    head is appended to the file when the chain is whole."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ut.mkdir(parents=True, exist_ok=True)
    rader = register.rader("beslut", period)
    beslut = [json.loads(r["innehall"])["beslut"] | {"hushallstyp": r["hushallstyp"]} for r in rader]
    verifiering = register.verifiera(las_ankare(ankarfil) if ankarfil else None)
    fel, huvud = verifiering
    manadslista = manader_bakat(period, manader)
    per_manad = {m: matt(register.rader("beslut", m)) for m in manadslista}
    aktuell, tidigare = per_manad[period], [per_manad[m] for m in manadslista[:-1] if per_manad[m]["beslut"]]

    drift = []
    for nyckel, grans, relativ in (("andel_automatiserade", DRIFTGRANS_ANDEL, False), ("andel_bifall", DRIFTGRANS_ANDEL, False),
                                   ("andel_avslag", DRIFTGRANS_ANDEL, False), ("medelbelopp", DRIFTGRANS_BELOPP, True)):
        varden = [m[nyckel] for m in tidigare if m[nyckel] is not None]
        if not varden or aktuell[nyckel] is None:
            continue
        medel = sum(varden) / len(varden)
        andring = (aktuell[nyckel] / medel - 1) if relativ and medel else aktuell[nyckel] - medel
        drift.append({"matt": nyckel, "manad": aktuell[nyckel], "tidigare_medel": medel, "andring": andring,
                      "avvikelse": abs(andring) > grans})

    utfall = Counter((b["automatiserat"], b["forslag"]) for b in beslut)
    typer = Counter((b["hushallstyp"], b["automatiserat"]) for b in beslut)
    skal = Counter(s["skal"] for b in beslut for s in b["skal_for_manuell_provning"])
    kontroll = register.felfrekvens(period)

    md = [f"# Anmälan av automatiserade beslut om försörjningsstöd, {period}", "",
          f"Registret: {'kedjan är hel' if not fel else 'KEDJAN ÄR BRUTEN: ' + '; '.join(fel)}. "
          + (f"Kedjehuvud: {huvud['poster']} poster, sista post {huvud['lopnummer']}, kontrollsumma "
             f"`{huvud['kontrollsumma']}`. För in i protokollet: `{huvud['lopnummer']}:{huvud['kontrollsumma']}` "
             "(ges tillbaka med bistand register verifiera --forvantat-huvud; det visar om poster har raderats, "
             "registret tömts eller bytts ut)." if huvud else "Registret är tomt.")
          + "".join(f" Varning: {v}." for v in verifiering.varningar),
          "", "## Beslut under månaden", "",
          "| Beslutades | Utfall | Antal |", "|---|---|---|"]
    for (automatiskt, forslag), antal in sorted(utfall.items(), key=lambda x: (not x[0][0], x[0][1])):
        md.append(f"| {'automatiskt' if automatiskt else 'av handläggare (förslag)'} | {forslag} | {antal} |")
    md += ["", f"Totalt {aktuell['beslut']} beslut, varav {aktuell['automatiserade']} automatiskt "
               f"({_andel(aktuell['andel_automatiserade'])}).", "",
           "## Per hushållstyp", "", "| Hushållstyp | Automatiskt | Av handläggare |", "|---|---|---|"]
    for typ in sorted({t for t, _ in typer}):
        md.append(f"| {typ.replace('_', ' ')} | {typer[(typ, True)]} | {typer[(typ, False)]} |")
    md += ["", "## Skäl för manuell prövning", "", "| Skäl | Antal |", "|---|---|"]
    md += [f"| {namn} | {antal} |" for namn, antal in skal.most_common()] or ["| – | 0 |"]
    md += ["", "## Stickprovskontroll", ""]
    if kontroll["granskade"]:
        lag, hog = kontroll["ki95"]
        md.append(f"{kontroll['granskade']} av {kontroll['i_stickprov']} beslut i stickprov granskade, "
                  f"{kontroll['felaktiga']} felaktiga: felfrekvens {_andel(kontroll['felfrekvens'])} "
                  f"(95 % konfidensintervall {_andel(lag)}–{_andel(hog)}).")
    else:
        md.append(f"Inga granskade stickprov för månaden ({kontroll['i_stickprov']} beslut i stickprov).")
    md += ["", f"## Utveckling mot de {len(tidigare)} föregående månaderna med beslut", "",
           "| Mått | Månaden | Tidigare medel | Förändring | Avvikelse |", "|---|---|---|---|---|"]
    for d in drift:
        if d["matt"] == "medelbelopp":
            md.append(f"| {d['matt']} | {d['manad']:.0f} kr | {d['tidigare_medel']:.0f} kr | {_andel(d['andring'])} | "
                      f"{'JA' if d['avvikelse'] else 'nej'} |")
        else:
            md.append(f"| {d['matt']} | {_andel(d['manad'])} | {_andel(d['tidigare_medel'])} | "
                      f"{100 * d['andring']:+.1f} procentenheter | {'JA' if d['avvikelse'] else 'nej'} |".replace(".", ","))
    md += ["", "![Utveckling](utveckling.png)", ""]
    (ut / "rapport.md").write_text("\n".join(md), encoding="utf-8")

    with open(ut / "rapport.csv", "w", newline="", encoding="utf-8") as fil:
        skrivare = csv.writer(fil)
        skrivare.writerow(["manad", "beslut", "automatiserade", "andel_automatiserade", "andel_bifall", "andel_avslag", "medelbelopp"])
        for m in manadslista:
            v = per_manad[m]
            skrivare.writerow([m] + [v[k] if v[k] is not None else "" for k in
                                     ("beslut", "automatiserade", "andel_automatiserade", "andel_bifall", "andel_avslag", "medelbelopp")])

    fig, ax = plt.subplots(figsize=(8, 4))
    for nyckel, etikett in (("andel_automatiserade", "automatiskt beslutade"), ("andel_bifall", "bifall"),
                            ("andel_avslag", "avslag")):
        ax.plot(manadslista, [100 * per_manad[m][nyckel] if per_manad[m][nyckel] is not None else None for m in manadslista],
                marker="o", label=etikett)
    ax.set_ylabel("Andel av månadens beslut, %")
    ax.set_ylim(0, 100)
    ax.set_title("Beslut om försörjningsstöd per månad")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(ut / "utveckling.png", dpi=110)
    plt.close(fig)
    if ankarfil and huvud and not fel:
        skriv_ankare(ankarfil, huvud, register.register_id)
    return {"period": period, "beslut": aktuell["beslut"], "kedjan_hel": not fel, "drift": drift, "huvud": huvud}
