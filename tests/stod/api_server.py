"""A real `bistand serve` on a loopback port, for the API tests and the fuzzer."""

from __future__ import annotations

import http.client
import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def ledig_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LivServer:
    """``bistand serve`` on a free loopback port. Its log (gunicorn's error log, and the access log
    when ``--atkomstlogg -`` is given) goes to a file: ``logg()``.

    With ``--register`` and no ``--nyckelfil`` a key file is made, and ``anropa`` sends the key
    (``nyckel=False`` to leave it out, or a string to send another)."""

    def __init__(self, *extra_args: str, workers: int = 2, env: dict | None = None) -> None:
        self.port = ledig_port()
        self.katalog = tempfile.TemporaryDirectory(prefix="bistand-test-")
        self.nyckel: str | None = None
        self._sista_logg = ""
        extra = list(extra_args)
        if "--register" in extra and "--nyckelfil" not in extra and not (env or {}).keys() & {
                "BISTAND_API_NYCKEL", "BISTAND_API_NYCKEL_FIL"}:
            self.nyckel = secrets.token_urlsafe(32)
            nyckelfil = Path(self.katalog.name) / "nyckel"
            nyckelfil.write_text(self.nyckel + "\n")
            nyckelfil.chmod(0o600)
            extra += ["--nyckelfil", str(nyckelfil)]
        if "--per-klient" not in extra:  # the tests' clients all share 127.0.0.1; test_api_sakerhet sets a limit
            extra += ["--per-klient", "0"]
        self.loggfil = Path(self.katalog.name) / "server.log"
        self._logg = open(self.loggfil, "w")  # noqa: SIM115 (kept open for the server's lifetime, closed in stoppa)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "openfisca_sweden_bistand.granssnitt.cli", "serve", "--port", str(self.port),
             "--workers", str(workers), *extra],
            stdout=self._logg, stderr=subprocess.STDOUT, text=True, env={**os.environ, **(env or {})},
        )
        slut = time.monotonic() + 90
        while time.monotonic() < slut:
            if self.process.poll() is not None:
                self._logg.close()
                raise RuntimeError(f"servern avslutades: {self.logg()}")
            try:
                if self.anropa("GET", "/spec")[0] == 200:
                    return
            except OSError:
                time.sleep(0.2)
        self.stoppa()
        raise RuntimeError("servern svarade inte inom 90 s")

    def anropa(self, metod: str, sokvag: str, kropp: bytes | dict | list | str | None = None,
               typ: str = "application/json", huvuden: dict | None = None,
               nyckel: str | bool | None = None, fran: str | None = None) -> tuple[int, object]:
        """(status, parsed JSON body or the raw text if not JSON)."""
        status, _, text = self.anropa_fullt(metod, sokvag, kropp, typ, huvuden, nyckel, fran)
        try:
            return status, json.loads(text)
        except json.JSONDecodeError:
            return status, text

    def anropa_fullt(self, metod: str, sokvag: str, kropp=None, typ: str = "application/json",
                     huvuden: dict | None = None, nyckel: str | bool | None = None,
                     fran: str | None = None) -> tuple[int, dict, str]:
        """(status, headers, body text); ``fran``: the client's own loopback address (127.0.0.2, …)."""
        if kropp is not None and not isinstance(kropp, bytes):
            kropp = json.dumps(kropp).encode()
        alla = {"Content-Type": typ} if kropp is not None else {}
        nyckel = self.nyckel if nyckel is None or nyckel is True else nyckel
        if nyckel:
            alla["Authorization"] = f"Bearer {nyckel}"
        alla |= huvuden or {}
        anslutning = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60,
                                                source_address=(fran, 0) if fran else None)
        try:
            anslutning.request(metod, sokvag, body=kropp, headers=alla)
            svar = anslutning.getresponse()
            text = svar.read().decode("utf-8", errors="replace")
        finally:
            anslutning.close()
        return svar.status, dict(svar.getheaders()), text

    def ra(self, data: bytes, vanta: float = 15.0, stang_skrivning: bool = False) -> tuple[bytes, float]:
        """Send raw bytes over a socket; (everything answered until the server closes or ``vanta`` s, seconds taken)."""
        start = time.monotonic()
        with socket.create_connection(("127.0.0.1", self.port), timeout=vanta) as s:
            s.sendall(data)
            if stang_skrivning:
                s.shutdown(socket.SHUT_WR)
            svar = b""
            slut = start + vanta
            while time.monotonic() < slut:
                try:
                    s.settimeout(max(0.01, slut - time.monotonic()))
                    bit = s.recv(65536)
                except (TimeoutError, ConnectionResetError):
                    break
                if not bit:
                    break
                svar += bit
        return svar, time.monotonic() - start

    def logg(self) -> str:
        if self._logg.closed:
            return self._sista_logg
        self._logg.flush()
        return self.loggfil.read_text(encoding="utf-8", errors="replace")

    def stoppa(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=20)
        self._sista_logg = self.logg()
        self._logg.close()
        self.katalog.cleanup()
