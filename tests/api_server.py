"""A real `bistand serve` on a loopback port, for the API tests and the fuzzer."""

from __future__ import annotations

import http.client
import json
import socket
import subprocess
import sys
import time


def ledig_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LivServer:
    def __init__(self, *extra_args: str, workers: int = 2) -> None:
        self.port = ledig_port()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "openfisca_sweden_bistand.cli", "serve", "--port", str(self.port),
             "--workers", str(workers), *extra_args],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
        slut = time.monotonic() + 90
        while time.monotonic() < slut:
            if self.process.poll() is not None:
                raise RuntimeError(f"servern avslutades: {self.process.stdout.read()}")
            try:
                if self.anropa("GET", "/spec")[0] == 200:
                    return
            except OSError:
                time.sleep(0.2)
        self.stoppa()
        raise RuntimeError("servern svarade inte inom 90 s")

    def anropa(self, metod: str, sokvag: str, kropp: bytes | dict | list | None = None,
               typ: str = "application/json") -> tuple[int, object]:
        """(status, parsed JSON body or the raw text if not JSON)."""
        if kropp is not None and not isinstance(kropp, bytes):
            kropp = json.dumps(kropp).encode()
        anslutning = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            anslutning.request(metod, sokvag, body=kropp, headers={"Content-Type": typ} if kropp is not None else {})
            svar = anslutning.getresponse()
            text = svar.read().decode("utf-8", errors="replace")
        finally:
            anslutning.close()
        try:
            return svar.status, json.loads(text)
        except json.JSONDecodeError:
            return svar.status, text

    def stoppa(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
