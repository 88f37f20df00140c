"""Screenshots of the web pages for the documentation (docs/bilder/*.png), made in the browser the
end-to-end tests use (tests/stod/webblasare.py: Debian's headless Chromium and chromedriver).

    python bench/skarmbilder.py [--ut docs/bilder]

Starts ``bistand serve --testfall <a copy of tests/yaml> --nyckelfil <a new key>`` on a loopback port
and, typing and clicking as a user does, takes:

    formular.png        the form filled with the example familj_2026 (top of the page), 1280 px wide
    provberakning.png   its result after Beräkna: outcome, amount, every line with its provision, 1280 px
    formular-390px.png, provberakning-390px.png   the same on a phone, 390 px wide
    ateransokan.png     the renewal ateransokan_2026 with its example's SSBTEK answer: each line's source and
                        the checks against the registers
    jamforelse.png      the what-if: a family of six in March 2027 under Bidragstak2027
    katalog.png         the catalogue of YAML test cases with each case's review status
    testfil.png         one file after a run (each assertion) with a case signed by a reviewer

Each PNG is reduced to a 256-colour palette (and scaled down if still over 300 KB) when Pillow is
installed. Needs the test extra (selenium) and the system packages chromium and chromium-driver.
"""

from __future__ import annotations

import argparse
import secrets
import shutil
import sys
import tempfile
from pathlib import Path

ROT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROT / "tests" / "stod"))

from api_server import LivServer  # noqa: E402
from webblasare import MOBIL, STOR, Webblasare, saknas  # noqa: E402

HOGSTA_BYTE = 300_000
FIL = "skaliga_kostnader/skaliga_kostnader.yaml"


def komprimera(fil: Path) -> int:
    """Reduce the PNG to a palette (and its size, while over HOGSTA_BYTE); its size in bytes."""
    try:
        from PIL import Image
    except ImportError:
        return fil.stat().st_size
    with Image.open(fil) as original:
        bild = original.convert("RGB")
    skala = 1.0
    for _ in range(6):
        storlek = (round(bild.width * skala), round(bild.height * skala))
        mindre = bild if skala == 1.0 else bild.resize(storlek, Image.Resampling.LANCZOS)
        mindre.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(fil, optimize=True)
        if fil.stat().st_size <= HOGSTA_BYTE:
            break
        skala *= 0.8
    return fil.stat().st_size


def provberakning(w: Webblasare, ut: Path) -> list[Path]:
    w.oppna("/?exempel=familj_2026")
    bilder = [w.skarmbild(ut / "formular.png", max_hojd=1400)]
    w.klicka_och_vanta("#berakna")
    bilder.append(w.skarmbild(ut / "provberakning.png", "#resultat", max_hojd=2200))
    return bilder


def pa_telefon(w: Webblasare, ut: Path) -> list[Path]:
    """The form and its result 390 px wide (a phone): the calculation as one block per line."""
    w.storlek(*MOBIL)
    try:
        w.oppna("/?exempel=familj_2026")
        bilder = [w.skarmbild(ut / "formular-390px.png", max_hojd=1600)]
        w.klicka_och_vanta("#berakna")
        bilder.append(w.skarmbild(ut / "provberakning-390px.png", "#resultat", max_hojd=2600))
    finally:
        w.storlek(*STOR)
    return bilder


def ateransokan(w: Webblasare, ut: Path) -> list[Path]:
    """The embedded renewal, checked against its example's own SSBTEK answer."""
    w.oppna("/?exempel=ateransokan_2026")
    w.klicka_och_vanta("#berakna")
    return [w.skarmbild(ut / "ateransokan.png", "#resultat", max_hojd=2400)]


def jamforelse(w: Webblasare, ut: Path) -> list[Path]:
    """A couple with four children in March 2027, compared under the proposed bidragstak."""
    w.oppna("/?exempel=par_med_tre_barn")
    w.klicka_och_vanta("#lagg-till-barn")
    ny = len(w.alla("select[name$='-roll']")) - 1
    w.skriv(f"personer-{ny}-id", "nora")
    w.skriv(f"personer-{ny}-alder", "3")
    for variabel in ("inkomst_av_anstallning", "inkomst_av_naringsverksamhet", "pension", "studiebidrag",
                     "ovriga_inkomster"):
        w.skriv(f"personer-{ny}-{variabel}", "0")
    w.skriv_manad("period", "2027-03")
    w.skriv_datum("beslutsdatum", "2027-02-25")
    w.valj("reform", "Bidragstak2027")
    w.valj("regim", "AllaUtfallAutomatiseras")
    w.klicka_och_vanta("#berakna")
    return [w.skarmbild(ut / "jamforelse.png", "#jamforelse", max_hojd=2200)]


def katalog_och_granskning(w: Webblasare, ut: Path, nyckel: str) -> list[Path]:
    w.oppna("/testfall")
    bilder = [w.skarmbild(ut / "katalog.png", max_hojd=1300)]
    w.oppna(f"/testfall/{FIL}")
    forsta = w.alla("section.testfall")[0]
    for namn, text in (("granskad_av", "Jurist (exempel i skärmbilden)"),
                       ("kommentar", "Stämmer med 12 kap. 7 § första stycket 2 SoL (2025:400)."), ("nyckel", nyckel)):
        forsta.find_element("css selector", f"[name='{namn}']").send_keys(text)
    w.klicka_och_vanta(forsta.find_element("css selector", "button[name='atgard'][value='signera']"))
    w.klicka_och_vanta("#kor")
    bilder.append(w.skarmbild(ut / "testfil.png", max_hojd=2000))
    return bilder


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--ut", type=Path, default=ROT / "docs" / "bilder", help="katalog för bilderna")
    args = p.parse_args(argv)
    if orsak := saknas():
        print(f"Ingen webbläsare: {orsak}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="bistand-skarmbilder-") as tmp:
        katalog = Path(tmp) / "yaml"
        shutil.copytree(ROT / "tests" / "yaml", katalog)
        nyckel = secrets.token_urlsafe(24)
        nyckelfil = Path(tmp) / "nyckel"
        nyckelfil.write_text(nyckel + "\n")
        nyckelfil.chmod(0o600)
        server = LivServer("--testfall", str(katalog), "--nyckelfil", str(nyckelfil))
        try:
            w = Webblasare(f"http://127.0.0.1:{server.port}")
            try:
                bilder = [*provberakning(w, args.ut), *pa_telefon(w, args.ut), *ateransokan(w, args.ut),
                          *jamforelse(w, args.ut),
                          *katalog_och_granskning(w, args.ut, nyckel)]
            finally:
                w.stang()
        finally:
            server.stoppa()
    for bild in bilder:
        print(f"{bild.relative_to(ROT) if bild.is_relative_to(ROT) else bild}: {komprimera(bild) // 1000} kB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
