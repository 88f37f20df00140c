"""Heavy work (*tunga beräkningar*) in separate processes, so that it cannot starve the light requests.

The web API (``webb.py``) estimates what every request will cost before it runs it (``webb.ar_tung``). A
request above a small cost is not run in the serving worker's thread: it is run by ``TungaBerakningar.kor``

- in a **separate process**, forked from the worker for this request alone (it inherits the built rules and
  the request, so nothing is built or sent again), at the **lowest CPU priority** (nice 19): the kernel
  gives a light request's worker the CPU first, which a thread inside the worker, sharing its GIL, could
  not have; and computing only ``andel`` (default half) of the time, resting for the rest, so that it takes
  at most that share of a core even when a core looks free (two virtual cores may be one physical core's two
  threads, where a nice value does not help);
- in one of a **bounded number of slots** shared by every worker of the server (``platser``, default 1;
  ``flock`` on one file per slot, released by the kernel if a worker dies): a request that cannot have a
  slot within ``vantetid`` seconds gets 429;
- within a **deadline for the whole request** (``frist`` seconds from the moment the app had the request,
  the wait for a slot included): when it passes, the process is killed and the client gets 503. A CPU time
  limit (``RLIMIT_CPU``) stops the process even if its worker is gone.

Only the answer comes back (pickled through a pipe); the process then exits, so whatever it allocated is
returned to the system at once. A process forked from a threaded worker holds only the forking thread:
it takes no lock another thread may hold (it computes, writes to its pipe and leaves with ``os._exit``).
"""

from __future__ import annotations

import atexit
import contextlib
import fcntl
import os
import pickle
import resource
import selectors
import shutil
import signal
import tempfile
import time
import traceback
import warnings
from collections.abc import Callable, Iterator
from typing import Any

TUNGA_PLATSER = 1  # heavy requests computed at once on the whole server (a 2-core machine: one)
TUNG_VANTETID = 10.0  # seconds a heavy request may wait for a slot before it gets 429
TUNG_FRIST = 30.0  # seconds for the whole heavy request, wait included; then the process is killed (503)
LAG_PRIORITET = 19  # nice value of a heavy request's process
TUNG_ANDEL = 0.5  # the share of each TAKT seconds a heavy process computes; it rests for the rest
TAKT = 0.1  # seconds

I_BARNPROCESS = False  # True in a heavy request's own process: it runs the work itself, never forks again


class TungtFel(Exception):
    """A heavy request that cannot be served now: no slot in time (429) or over its deadline (503)."""

    def __init__(self, status: int, meddelande: str, vanta: int) -> None:
        super().__init__(meddelande)
        self.status, self.meddelande, self.vanta = status, meddelande, vanta


class _Barnfel(Exception):
    """An exception in the heavy process that could not be carried back as it was."""


class TungaBerakningar:
    """The server-wide slots for heavy work and the running of it in a process of its own (module docstring)."""

    def __init__(self, platser: int = TUNGA_PLATSER, vantetid: float = TUNG_VANTETID,
                 frist: float = TUNG_FRIST, andel: float = TUNG_ANDEL) -> None:
        if platser < 1:
            raise ValueError("platser ska vara minst 1")
        if not 0.05 <= andel <= 1:
            raise ValueError("andel ska vara mellan 0,05 och 1")
        self.andel = andel
        self.katalog = tempfile.mkdtemp(prefix="bistand-tunga-")
        self.filer = [os.path.join(self.katalog, f"plats-{i}") for i in range(platser)]
        self.vantetid, self.frist = vantetid, frist
        skapare = os.getpid()

        def stada() -> None:  # the process that made the directory removes it, not a forked worker
            if os.getpid() == skapare:
                shutil.rmtree(self.katalog, ignore_errors=True)

        atexit.register(stada)

    @contextlib.contextmanager
    def plats(self, slut: float) -> Iterator[None]:
        """Hold one of the server-wide slots; 429 if none is free before ``min(slut, now + vantetid)``."""
        vanta_till = min(slut, time.monotonic() + self.vantetid)
        fds = [os.open(fil, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600) for fil in self.filer]
        try:
            while True:
                for fd in fds:
                    try:
                        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                        break
                    except BlockingIOError:
                        continue
                else:
                    if time.monotonic() >= vanta_till:
                        raise TungtFel(429, "servern räknar redan tunga förfrågningar; försök igen om en stund",
                                       vanta=max(1, round(self.vantetid)))
                    time.sleep(0.02)
                    continue
                break
            yield
        finally:
            for fd in fds:
                os.close(fd)  # releases the lock held, if any

    def kor(self, funktion: Callable[..., Any], *args: Any, start: float | None = None) -> Any:
        """``funktion(*args)`` in a slot, in a process of its own, by the deadline counted from ``start``.

        ``start`` is when the request came to the app (``time.monotonic()``; default now). Returns what the
        function returns, or raises what it raised (its type and message, when they can be carried back).
        """
        if I_BARNPROCESS:  # already in a heavy request's process
            return funktion(*args)
        slut = (time.monotonic() if start is None else start) + self.frist
        with self.plats(slut):
            return _i_egen_process(funktion, args, slut, self.andel)


def _i_egen_process(funktion: Callable[..., Any], args: tuple[Any, ...], slut: float, andel: float) -> Any:
    las, skriv = os.pipe()
    with warnings.catch_warnings():  # Python 3.12 warns of fork() in a threaded process: see the module docstring
        warnings.simplefilter("ignore", DeprecationWarning)
        pid = os.fork()
    if pid == 0:  # the heavy process
        os.close(las)
        _barnet(funktion, args, skriv, slut, andel)
    os.close(skriv)
    try:
        data = _las_till_slut(las, slut)
    except TimeoutError:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        raise TungtFel(503, "beräkningen tog för lång tid och avbröts; dela upp förfrågan", vanta=5) from None
    finally:
        os.close(las)
        with contextlib.suppress(ChildProcessError):  # already reaped (a SIGCHLD set to be ignored)
            os.waitpid(pid, 0)
    if not data:  # killed (its CPU time limit, the kernel's memory killer) before it answered
        raise TungtFel(503, "beräkningen avbröts innan den var klar; dela upp förfrågan", vanta=5)
    utfall, varde = pickle.loads(data)
    if utfall == "fel":
        # the work's own exception; an exit or an interrupt of that process is never the worker's own
        raise varde if isinstance(varde, Exception) else _Barnfel(f"{type(varde).__name__} i den tunga processen")
    return varde


def _las_till_slut(fd: int, slut: float) -> bytes:
    """Everything the process writes to ``fd`` until it closes it; ``TimeoutError`` at ``slut``."""
    delar: list[bytes] = []
    with selectors.DefaultSelector() as valjare:
        valjare.register(fd, selectors.EVENT_READ)
        while True:
            kvar = slut - time.monotonic()
            if kvar <= 0 or not valjare.select(kvar):
                raise TimeoutError
            bit = os.read(fd, 1 << 20)
            if not bit:
                return b"".join(delar)
            delar.append(bit)


def _vila(andel: float) -> None:
    """Compute ``andel`` of every ``TAKT`` seconds and rest for the rest: a timer interrupts the work every TAKT
    seconds (between two Python steps) with a sleep of the resting part."""
    if andel >= 1:
        return
    signal.signal(signal.SIGALRM, lambda *_: time.sleep(TAKT * (1 - andel)))
    signal.setitimer(signal.ITIMER_REAL, TAKT, TAKT)


def _barnet(funktion: Callable[..., Any], args: tuple[Any, ...], skriv: int, slut: float, andel: float) -> None:
    """The heavy process: lowest priority, a share of the time, a CPU time limit, the work, its answer, exit."""
    global I_BARNPROCESS
    I_BARNPROCESS = True
    kod = 0
    try:
        for signal_ in (signal.SIGTERM, signal.SIGINT, signal.SIGQUIT, signal.SIGHUP, signal.SIGUSR1,
                        signal.SIGUSR2, signal.SIGWINCH, signal.SIGTTIN, signal.SIGTTOU, signal.SIGCHLD):
            signal.signal(signal_, signal.SIG_DFL)  # the worker's handlers are not this process's
        with contextlib.suppress(OSError):
            os.setpriority(os.PRIO_PROCESS, 0, LAG_PRIORITET)
        sekunder = max(1, int(slut - time.monotonic()) + 2)
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_CPU, (sekunder, sekunder + 1))
        _vila(andel)
        try:
            svar: tuple[str, Any] = ("ok", funktion(*args))
        except BaseException as fel:  # noqa: BLE001 - carried back to the worker, which answers it
            svar = ("fel", fel)
        signal.setitimer(signal.ITIMER_REAL, 0)  # the answer is written without rests
        try:
            data = pickle.dumps(svar, protocol=pickle.HIGHEST_PROTOCOL)
            if svar[0] == "fel":
                pickle.loads(data)  # an exception whose arguments do not rebuild it must not fail in the worker
        except Exception:  # noqa: BLE001
            text = "".join(traceback.format_exception(svar[1])) if svar[0] == "fel" else "svaret kan inte föras över"
            data = pickle.dumps(("fel", _Barnfel(text)))
        visa = memoryview(data)
        while visa:
            visa = visa[os.write(skriv, visa):]
    except BaseException:  # noqa: BLE001 - nothing may escape into the forked copy of the worker
        kod = 1
    finally:
        os._exit(kod)
