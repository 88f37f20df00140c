"""A real browser for the web pages' end-to-end tests and the screenshots: headless Chromium driven by
Selenium through Debian's ``chromium`` and ``chromium-driver`` packages (``.ci/run`` installs them).

Nothing is downloaded: the driver's path is given to Selenium (so Selenium Manager is never run, and
``SE_OFFLINE`` is set in case it were), the browser runs with a fresh profile, with background
networking, component updates and sync off, and resolves no host but the loopback address.

Without the packages (or without ``selenium``), ``krav_webblasare()`` skips the test, or fails it when
``BISTAND_KRAV_WEBBLASARE=1`` (CI sets it). Every wait is bounded.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
STOR = (1280, 1000)
MOBIL = (390, 844)
VANTA_S = 30.0  # the longest wait for a page, an element or a download

ARGUMENT = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-extensions", "--no-default-browser-check", "--disable-dev-shm-usage",
    "--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication",
    "--lang=sv-SE",
    # no name resolves but the loopback address: the browser cannot reach any other host
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
)


def saknas() -> str | None:
    """Why a browser cannot be started here, or None."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "Python-paketet selenium saknas (pip install -e '.[test]')"
    borta = [p for p in (CHROMIUM, CHROMEDRIVER) if not (os.path.isfile(p) and os.access(p, os.X_OK))]
    if borta:
        return (f"{' och '.join(borta)} saknas: installera Debian-paketen chromium och chromium-driver "
                "(.ci/run gör det)")
    return None


def krav_webblasare() -> None:
    """Skip the calling test when there is no browser, or fail it when BISTAND_KRAV_WEBBLASARE=1."""
    import pytest

    orsak = saknas()
    if orsak is None:
        return
    if os.environ.get("BISTAND_KRAV_WEBBLASARE") == "1":
        pytest.fail(f"En webbläsare krävs (BISTAND_KRAV_WEBBLASARE=1) men {orsak}", pytrace=False)
    pytest.skip(orsak)


class Webblasare:
    """Headless Chromium on ``bas`` (e.g. ``http://127.0.0.1:PORT``), with its own profile and
    download directory (``nedladdningar``); ``stang()`` removes both."""

    def __init__(self, bas: str, storlek: tuple[int, int] = STOR) -> None:
        os.environ.setdefault("SE_OFFLINE", "true")  # Selenium Manager, were it ever asked, downloads nothing
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        self.bas = bas.rstrip("/")
        self._katalog = tempfile.TemporaryDirectory(prefix="bistand-webblasare-")
        self.nedladdningar = Path(self._katalog.name) / "nedladdningar"
        self.nedladdningar.mkdir()
        alternativ = webdriver.ChromeOptions()
        alternativ.binary_location = CHROMIUM
        for argument in (*ARGUMENT, f"--user-data-dir={Path(self._katalog.name) / 'profil'}",
                         f"--window-size={storlek[0]},{storlek[1]}"):
            alternativ.add_argument(argument)
        alternativ.add_experimental_option("prefs", {
            "download.default_directory": str(self.nedladdningar),
            "download.prompt_for_download": False,
            "download.directory_upgrade": True,
            "safebrowsing.enabled": False,
            "intl.accept_languages": "sv-SE,sv",
        })
        tjanst = Service(executable_path=CHROMEDRIVER, log_output=str(Path(self._katalog.name) / "chromedriver.log"))
        try:
            self.driver = webdriver.Chrome(service=tjanst, options=alternativ)
        except Exception:
            self._katalog.cleanup()
            raise
        self.driver.set_page_load_timeout(VANTA_S)
        self.driver.set_script_timeout(VANTA_S)
        self.driver.execute_cdp_cmd("Emulation.setLocaleOverride", {"locale": "sv-SE"})  # Intl, dates in scripts
        self.driver.execute_cdp_cmd("Page.setDownloadBehavior",
                                    {"behavior": "allow", "downloadPath": str(self.nedladdningar)})
        self.storlek(*storlek)

    # -- navigation ---------------------------------------------------------------------------------

    def oppna(self, sokvag: str) -> None:
        """Load ``sokvag`` (a path on the server) and wait until the document is complete."""
        self.driver.get(self.bas + sokvag)
        self._vanta_klar()

    def _vanta_klar(self) -> None:
        self.vanta(lambda: self.driver.execute_script("return document.readyState") == "complete",
                   "sidan laddades inte klart")

    def vanta(self, villkor: Callable[[], Any], vad: str, sekunder: float = VANTA_S) -> Any:
        """Poll ``villkor`` until it is truthy (its value is returned), at most ``sekunder``."""
        slut = time.monotonic() + sekunder
        while True:
            try:
                varde = villkor()
            except Exception:  # e.g. a stale element while the next page loads
                varde = None
            if varde:
                return varde
            if time.monotonic() > slut:
                raise AssertionError(f"{vad} (efter {sekunder:.0f} s, på {self.driver.current_url})")
            time.sleep(0.05)

    def klicka_och_vanta(self, mal: str | Any) -> None:
        """Click the element (a CSS selector or an element) and wait for the next page (a submit, a link)."""
        gammal = self.driver.find_element("tag name", "html")
        (self.hitta(mal) if isinstance(mal, str) else mal).click()
        self._vanta_ny_sida(gammal)

    def tangent_och_vanta(self, css: str, tangent: str) -> None:
        """Send a key (e.g. Keys.ENTER) to the element ``css`` and wait for the next page."""
        gammal = self.driver.find_element("tag name", "html")
        self.hitta(css).send_keys(tangent)
        self._vanta_ny_sida(gammal)

    def _vanta_ny_sida(self, gammal: Any) -> None:
        from selenium.common.exceptions import StaleElementReferenceException

        def ersatt() -> bool:
            try:
                gammal.tag_name  # noqa: B018 (raises once the document has been replaced)
            except StaleElementReferenceException:
                return True
            return False

        self.vanta(ersatt, "ingen ny sida laddades")
        self._vanta_klar()

    # -- reading ------------------------------------------------------------------------------------

    def hitta(self, css: str) -> Any:
        return self.driver.find_element("css selector", css)

    def alla(self, css: str) -> list[Any]:
        return list(self.driver.find_elements("css selector", css))

    def finns(self, css: str) -> bool:
        return bool(self.alla(css))

    def attribut(self, css: str, namn: str) -> str | None:
        return self.hitta(css).get_attribute(namn)

    def js(self, skript: str, *argument: Any) -> Any:
        """Read the page's state (never used to fill the form)."""
        return self.driver.execute_script(skript, *argument)

    # -- typing and choosing, as a user does --------------------------------------------------------

    def falt(self, namn: str) -> Any:
        """The form control named ``namn`` that a user sees (the first one when none is shown)."""
        alla = self.alla(f"[name='{namn}']")
        if not alla:
            raise AssertionError(f"inget fält {namn!r} på {self.driver.current_url}")
        return next((e for e in alla if e.is_displayed()), alla[0])

    def skriv(self, namn: str, text: str) -> None:
        """Empty the field and type ``text`` into it."""
        from selenium.webdriver.common.keys import Keys

        falt = self.falt(namn)
        falt.click()
        falt.clear()
        if falt.get_attribute("value"):  # clear() leaves some widgets untouched: select all and delete
            falt.send_keys(Keys.CONTROL, "a")
            falt.send_keys(Keys.DELETE)
        if text:
            falt.send_keys(text)

    def skriv_manad(self, namn: str, manad: str) -> None:
        """Type ``YYYY-MM`` into an ``<input type=month>`` (or a plain text field) with the keyboard."""
        ar, man = manad.split("-")
        self._skriv_segment(namn, manad, "month", (f"{man}\t{ar}", f"{ar}\t{man}", man + ar, ar + man))

    def skriv_datum(self, namn: str, datum: str) -> None:
        """Type ``YYYY-MM-DD`` into an ``<input type=date>`` (or a plain text field) with the keyboard."""
        ar, man, dag = datum.split("-")
        self._skriv_segment(namn, datum, "date", (man + dag + ar, ar + man + dag, dag + man + ar,
                                                  f"{ar}\t{man}\t{dag}", f"{man}\t{dag}\t{ar}"))

    def _skriv_segment(self, namn: str, varde: str, typ: str, satt: tuple[str, ...]) -> None:
        """Chromium's date and month controls take their parts (segments) in the order of the browser's
        locale: click the first segment and type the parts in each order until the value is ``varde``."""
        from selenium.webdriver.common.action_chains import ActionChains

        falt = self.falt(namn)
        if falt.get_attribute("type") != typ:
            self.skriv(namn, varde)
            return
        vanster_kant = -falt.rect["width"] / 2 + 6  # the first segment, from the element's centre
        for tangenter in satt:
            ActionChains(self.driver).move_to_element_with_offset(falt, vanster_kant, 0).click().perform()
            falt.send_keys(tangenter)
            if self.varde(namn) == varde:
                return
        raise AssertionError(f"kunde inte skriva {varde} i {namn} (värdet blev {self.varde(namn)!r})")

    def valj(self, namn: str, varde: str) -> None:
        """Choose the option with value ``varde`` in the select ``namn``."""
        from selenium.webdriver.support.ui import Select

        Select(self.falt(namn)).select_by_value(varde)

    def varde(self, namn: str) -> str:
        return str(self.falt(namn).get_attribute("value") or "")

    # -- downloads and pictures ---------------------------------------------------------------------

    def tom_nedladdningar(self) -> None:
        for fil in self.nedladdningar.iterdir():
            fil.unlink()

    def nedladdad(self, slut: str, sekunder: float = VANTA_S) -> Path:
        """The one finished download whose name ends with ``slut``."""
        def klar() -> Path | None:
            filer = [f for f in self.nedladdningar.iterdir() if f.name.endswith(slut)]
            delar = [f for f in self.nedladdningar.iterdir() if f.name.endswith(".crdownload")]
            return filer[0] if len(filer) == 1 and not delar and filer[0].stat().st_size > 0 else None

        return Path(self.vanta(klar, f"ingen nedladdad fil *{slut} i {self.nedladdningar}", sekunder))

    def storlek(self, bredd: int, hojd: int) -> None:
        """The viewport (the window's inner size) in CSS pixels."""
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": bredd, "height": hojd, "deviceScaleFactor": 1, "mobile": False})

    def skarmbild(self, fil: Path, css: str | None = None, max_hojd: int = 2400, marginal: int = 12) -> Path:
        """A PNG of the element ``css`` (with a margin), or of the page from its top; at most ``max_hojd`` px."""
        import base64

        y, hojd = self.js("""const e = arguments[0] ? document.querySelector(arguments[0]) : null;
            if (!e) return [0, document.documentElement.scrollHeight];
            const r = e.getBoundingClientRect();
            return [Math.max(0, r.top + window.scrollY - arguments[1]), r.height + 2 * arguments[1]];""",
                          css, marginal)
        if css and not self.finns(css):
            raise AssertionError(f"inget {css} att fotografera på {self.driver.current_url}")
        bredd = self.js("return document.documentElement.clientWidth")
        data = self.driver.execute_cdp_cmd("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": y, "width": bredd, "height": min(hojd, max_hojd), "scale": 1}})["data"]
        fil.parent.mkdir(parents=True, exist_ok=True)
        fil.write_bytes(base64.b64decode(data))
        return fil

    def stang(self) -> None:
        try:
            self.driver.quit()
        finally:
            shutil.rmtree(self._katalog.name, ignore_errors=True)
            self._katalog.cleanup()
