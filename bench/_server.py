"""What the benchmarks share: a free loopback port, and starting a server there and waiting for /spec."""

from __future__ import annotations

import http.client
import socket
import subprocess
import time


def ledig_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def starta(kommando: list[str], port: int, miljo: dict[str, str] | None = None) -> subprocess.Popen:
    """Start ``kommando`` (a server on 127.0.0.1:``port``) and wait up to 120 s for GET /spec to answer 200."""
    process = subprocess.Popen(kommando, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=miljo)
    slut = time.monotonic() + 120
    while time.monotonic() < slut:
        try:
            anslutning = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            anslutning.request("GET", "/spec")
            if anslutning.getresponse().status == 200:
                return process
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise RuntimeError(f"{' '.join(kommando)} svarade inte")
