"""``bistand serve``: the web API (webb.py) under gunicorn, the production WSGI server.

The tax-benefit system and the app are built once, before the workers fork (``preload_app``), so a
worker answers its first request at once and every worker serves the same rules.

Worker model: gunicorn's threaded workers (``gthread``: ``--workers`` processes of ``--threads``
threads) with a worker class of our own, ``Arbetare``, that makes a hostile client cheap:

- a request is read by the worker's event loop, not by a thread: its bytes are buffered as they
  arrive until the headers and the whole body (by Content-Length or chunked framing) are in, and only
  then does a thread take it. A slow client therefore holds no thread at all, however many
  connections it opens (up to gunicorn's ``worker_connections``), and is cut off with 408 when its
  request is not complete ``--las-timeout`` seconds (default 5) after its first byte: one deadline per
  request, not per read, so a client that sends a byte every few seconds is cut off as surely as one
  that sends nothing. Anything the buffering cannot frame (an unknown Transfer-Encoding, a bad
  Content-Length, bare LF) goes to a thread at once and is answered 4xx by the parser;
- a declared chunk that would take the body over ``--max-bytes`` is refused at once with 413, before
  any of it is read; bare-LF line endings are refused at once with 400 instead of waiting for a
  CRLF that never comes; every malformed request (bad framing, an unsupported Transfer-Encoding, an
  unknown HTTP version) gets a 4xx JSON answer naming what is wrong, never a 5xx, and never reaches
  the app (gunicorn 22's own handler crashed on ``HTTP/9.9`` and answered 500 to
  ``Transfer-Encoding: gzip, chunked``);
- a client address holds at most ``--per-klient`` open connections in a worker (``Klientgrans``); the next is
  answered 429 a second later, before anything of it is read, so a client opening connections in a loop waits;
- a response is written within 10 s or the connection is dropped; after an error answer to a
  request whose body was not read to the end, the connection is closed rather than drained.

The logs (``MaskeradLogg``) never carry a personnummer: every line of the error log and the access
log, traceback included, is masked (``personnummer.maskera``, also after percent-decoding), and
control characters in a logged path or header are escaped.
"""

from __future__ import annotations

import collections
import errno
import json
import logging
import re
import selectors
import socket
import threading
import time
from contextlib import suppress
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from gunicorn import glogging
from gunicorn.app.base import BaseApplication
from gunicorn.http import errors as http_fel
from gunicorn.http.body import Body, ChunkedReader, LengthReader
from gunicorn.http.message import Request
from gunicorn.http.parser import RequestParser
from gunicorn.workers.gthread import TConn, ThreadWorker

from openfisca_sweden_bistand.granssnitt import perioder
from openfisca_sweden_bistand.granssnitt.granser import STANDARD_MAX_BYTES
from openfisca_sweden_bistand.granssnitt.tunga import TUNG_ANDEL, TUNG_FRIST, TUNGA_PLATSER
from openfisca_sweden_bistand.granssnitt.webb import KroppForStor, skapa_app
from openfisca_sweden_bistand.personnummer import (
    innehaller_personnummer,
    maskera,
)

SKRIVTID = 10.0  # seconds to write a response before the connection is dropped
STANDARD_PER_KLIENT = 8  # open connections per client address in one worker (0: no limit)


class Lasfrist(TimeoutError):
    """The request did not arrive within the read deadline."""


class FristSocket(socket.socket):
    """A client socket whose reads share one deadline per request (``frist``, monotonic seconds)."""

    frist: float | None = None
    stang = False  # set when the connection must be closed after the current answer
    forbuffrat: bytearray | None = None  # what the event loop has read of the request so far

    def recv(self, antal: int, flaggor: int = 0) -> bytes:
        if self.forbuffrat:
            data = bytes(self.forbuffrat[:antal])
            del self.forbuffrat[:antal]
            return data
        if self.frist is not None:
            kvar = self.frist - time.monotonic()
            if kvar <= 0:
                raise Lasfrist()
            self.settimeout(kvar)
        try:
            return super().recv(antal, flaggor)
        except TimeoutError:
            raise Lasfrist() from None

    def sendall(self, data: Any, flaggor: int = 0) -> None:
        self.settimeout(SKRIVTID)
        super().sendall(data, flaggor)


class BareLF(http_fel.ParseException):  # type: ignore[misc]
    def __str__(self) -> str:
        return "radslut utan CR (bara LF) i förfrågans huvud"


class BegransadChunkedReader(ChunkedReader):  # type: ignore[misc]
    """Chunked reading that stops at the size limit as soon as a chunk size says the body exceeds it."""

    def __init__(self, req: Any, unreader: Any, grans: int) -> None:
        super().__init__(req, unreader)
        self.grans, self.summa = grans, 0

    def parse_chunk_size(self, unreader: Any, data: Any = None) -> tuple[int | None, Any]:
        storlek, rest = super().parse_chunk_size(unreader, data)
        self.summa += storlek or 0
        if self.summa > self.grans:
            raise KroppForStor(self.grans)
        return storlek, rest


_BARE_LF = re.compile(rb"(?<!\r)\n")


class Forfragan(Request):  # type: ignore[misc]
    body: Any
    max_bytes = STANDARD_MAX_BYTES

    def get_data(self, unreader: Any, buf: Any, stop: bool = False) -> None:
        super().get_data(unreader, buf, stop)
        huvud = buf.getvalue().split(b"\r\n\r\n", 1)[0]
        if _BARE_LF.search(huvud):
            raise BareLF()

    def set_body_reader(self) -> None:
        super().set_body_reader()
        if isinstance(self.body.reader, ChunkedReader):
            self.body = Body(BegransadChunkedReader(self, self.unreader, self.max_bytes))


class Tolkare(RequestParser):  # type: ignore[misc]
    mesg_class = Forfragan


class Klientgrans:
    """At most ``hogst`` open connections per client address in one worker (so ``--workers`` × ``hogst`` on the
    server). A refused connection gets 429, before anything of it is read, a second later (``Arbetare._neka``).
    The counts are the worker's own (a worker that dies takes its counts with it); at most one entry per address
    with an open connection.
    Behind a proxy every client has the proxy's address: there the proxy must limit (``--per-klient 0``).
    """

    def __init__(self, hogst: int) -> None:
        self.hogst = hogst
        self._antal: dict[str, int] = {}
        self._las = threading.Lock()

    @staticmethod
    def _adress(klient: Any) -> str:
        return str(klient[0]) if isinstance(klient, tuple) and klient else str(klient)

    def ta(self, klient: Any) -> bool:
        """Count one more connection from ``klient``; False (nothing counted) if it already has ``hogst``."""
        adress = self._adress(klient)
        with self._las:
            antal = self._antal.get(adress, 0)
            if antal >= self.hogst:
                return False
            self._antal[adress] = antal + 1
            return True

    def slapp(self, klient: Any) -> None:
        adress = self._adress(klient)
        with self._las:
            antal = self._antal.pop(adress, 0) - 1
            if antal > 0:
                self._antal[adress] = antal


class Anslutning(TConn):  # type: ignore[misc]
    parser: Any
    grans: Klientgrans | None = None  # set when the connection was counted

    def init(self) -> None:
        if self.parser is None:
            self.parser = Tolkare(self.cfg, self.sock, self.client)
        super().init()

    def close(self) -> None:
        grans, self.grans = self.grans, None  # counted once, released once
        if grans is not None:
            grans.slapp(self.client)
        super().close()


def _kroppen_last(req: Any) -> bool:
    """Whether the request's body has been read to its end (so the connection can be reused)."""
    lasare = req.body.reader
    if isinstance(lasare, LengthReader):
        return bool(lasare.length == 0)
    if isinstance(lasare, ChunkedReader):
        return lasare.parser is None
    return True


def _svar(status: int, meddelande: str, falt: str = "") -> bytes:
    text = f"{falt}: {meddelande}" if falt else meddelande
    kropp = json.dumps({"error": text, "falt": falt, "meddelande": meddelande, "status": status},
                       ensure_ascii=False).encode("utf-8")
    fras = {400: "Bad Request", 408: "Request Timeout", 413: "Content Too Large", 414: "URI Too Long",
            429: "Too Many Requests", 431: "Request Header Fields Too Large", 500: "Internal Server Error"
            }.get(status, "Error")
    return (f"HTTP/1.1 {status} {fras}\r\nContent-Type: application/json; charset=utf-8\r\n"
            f"Content-Length: {len(kropp)}\r\nConnection: close\r\n\r\n").encode("latin-1") + kropp


def _svara_och_stang(sock: socket.socket, svar: bytes) -> None:
    with suppress(OSError):
        sock.setblocking(False)
        sock.send(svar)  # best effort: one send, never a wait
    sock.close()


NEKAD_FORDROJNING = 1.0  # seconds before a connection over its client's limit gets its 429 (Arbetare._neka)
HOGSTA_NEKADE = 512  # refused connections a worker holds for their delayed answer; beyond, answered at once
# The answer to a connection over the client's limit (Klientgrans), sent before anything of it is read.
FOR_MANGA_ANSLUTNINGAR = _svar(429, "för många samtidiga anslutningar från samma adress; vänta tills en är klar"
                               ).replace(b"Connection: close\r\n", b"Retry-After: 1\r\nConnection: close\r\n")


# Errors met while reading a request, in the order they are tried (a subclass before its parent):
# (error types, status, field, Swedish message).
_LASFEL: tuple[tuple[type[BaseException] | tuple[type[BaseException], ...], int, str, str], ...] = (
    (http_fel.LimitRequestLine, 414, "", "förfrågans första rad (metod och sökväg) är för lång"),
    (http_fel.LimitRequestHeaders, 431, "", "för många eller för stora huvudfält"),
    (http_fel.UnsupportedTransferCoding, 400, "Transfer-Encoding",
     "stöds inte; bara chunked (eller en Content-Length)"),
    (http_fel.InvalidHTTPVersion, 400, "", "okänd HTTP-version; servern talar HTTP/1.0 och HTTP/1.1"),
    (http_fel.InvalidRequestMethod, 400, "", "ogiltig metod"),
    (http_fel.InvalidRequestLine, 400, "", "ogiltig första rad i förfrågan"),
    ((http_fel.InvalidHeader, http_fel.InvalidHeaderName), 400, "",
     "ogiltigt huvudfält (eller Content-Length och Transfer-Encoding tillsammans)"),
    ((http_fel.InvalidChunkSize, http_fel.ChunkMissingTerminator), 400, "Transfer-Encoding",
     "felaktig chunked-kodning"),
    ((http_fel.ParseException, http_fel.NoMoreData), 400, "", "felaktig förfrågan"),
)


def _status_for(fel: BaseException) -> tuple[int, str, str]:
    """(status, field, Swedish message) for an error met while reading a request."""
    if isinstance(fel, Lasfrist):
        return 408, "", f"förfrågan kom inte fram inom {Arbetare.las_timeout:g} s"
    if isinstance(fel, KroppForStor):
        return 413, "", f"förfrågan är för stor (högst {fel.grans} byte)"
    if isinstance(fel, BareLF):
        return 400, "", str(fel)
    for typer, status, falt, meddelande in _LASFEL:
        if isinstance(fel, typer):
            return status, falt, meddelande
    return 500, "", "internt fel; felet är loggat på servern"


_HUVUDGRANS = 64 * 1024  # beyond this without the end of the headers, let the parser refuse it (431/414)


def _chunkad_klar(data: bytes, max_bytes: int) -> bool:
    """Whether a chunked body is complete, or cannot be (then the parser answers it)."""
    summa, i = 0, 0
    while True:
        radslut = data.find(b"\r\n", i)
        if radslut < 0:
            return len(data) - i > 1024  # a chunk-size line this long is wrong: let the parser say so
        storlek_text = data[i:radslut].split(b";", 1)[0].strip()
        try:
            storlek = int(storlek_text, 16)
        except ValueError:
            return True
        if storlek == 0:
            resten = data[radslut + 2:]
            return resten.startswith(b"\r\n") or b"\r\n\r\n" in resten or len(resten) > 8192
        summa += storlek
        if summa > max_bytes:
            return True  # refused at once with 413 (BegransadChunkedReader)
        if len(data) < radslut + 2 + storlek + 2:
            return False
        i = radslut + 2 + storlek + 2


def _las_huvud(huvud: bytes) -> tuple[list[bytes], list[bytes], bool]:
    """(the Content-Length values, the Transfer-Encoding values, whether it asks for 100 Continue)."""
    langder, kodningar, fortsatt = [], [], False
    for rad in huvud.split(b"\r\n")[1:]:
        namn, _, varde = rad.partition(b":")
        namn, varde = namn.strip().lower(), varde.strip().lower()
        if namn == b"content-length":
            langder.append(varde)
        elif namn == b"transfer-encoding":
            kodningar.append(varde)
        elif namn == b"expect" and varde == b"100-continue":
            fortsatt = True
    return langder, kodningar, fortsatt


def _kroppen_klar(kropp: bytes, langder: list[bytes], kodningar: list[bytes], max_bytes: int) -> tuple[bool, bool]:
    """(whether the body has arrived by its framing or the framing is wrong, then the parser answers it;
    whether the framing is one the server reads: chunked alone, or one Content-Length within the limit)."""
    if kodningar:
        if kodningar != [b"chunked"] or langder:
            return True, False
        return _chunkad_klar(kropp, max_bytes), True
    if langder:
        if len(langder) != 1 or not langder[0].isdigit() or int(langder[0]) > max_bytes:
            return True, False
        return len(kropp) >= int(langder[0]), True
    return True, False


def forfragan_klar(buf: bytes, max_bytes: int) -> tuple[bool, bool]:
    """(whether the buffered request is complete or unframeable, whether it asks for 100 Continue)."""
    slut = buf.find(b"\r\n\r\n")
    if slut < 0:
        return bool(_BARE_LF.search(buf)) or len(buf) > _HUVUDGRANS, False
    huvud = buf[:slut]
    if _BARE_LF.search(huvud):
        return True, False
    langder, kodningar, fortsatt = _las_huvud(huvud)
    klar, ramad = _kroppen_klar(buf[slut + 4:], langder, kodningar, max_bytes)
    return klar, fortsatt and ramad


class Arbetare(ThreadWorker):  # type: ignore[misc]
    """gunicorn's threaded worker: requests buffered by the event loop and handed to a thread only when
    complete, one read deadline per request, and 4xx JSON for bad requests."""

    las_timeout = 5.0
    per_klient = STANDARD_PER_KLIENT
    klientgrans: Klientgrans | None = None

    def init_process(self) -> None:
        self.klientgrans = Klientgrans(self.per_klient) if self.per_klient > 0 else None
        self._nekade: collections.deque[tuple[float, socket.socket]] = collections.deque()
        self._vantande: dict[Any, float] = {}  # connection -> deadline, for requests still arriving
        super().init_process()

    def on_client_socket_readable(self, conn: Any, client: Any) -> None:
        """Read what has arrived without blocking; hand the request to a thread once it is complete."""
        sock = conn.sock
        with self._lock:
            if conn.initialized and conn in self._keep:  # a kept-alive connection's next request
                self._keep.remove(conn)
        if conn not in self._vantande:
            self._vantande[conn] = time.monotonic() + self.las_timeout
            sock.forbuffrat, sock.fortsatt_skickat = bytearray(), False
        try:
            sock.setblocking(False)
            data = socket.socket.recv(sock, 65536)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        if not data:  # the client closed the connection
            self._slapp(conn)
            return
        sock.forbuffrat += data
        klar, fortsatt = forfragan_klar(bytes(sock.forbuffrat), Forfragan.max_bytes)
        if klar:
            del self._vantande[conn]
            with self._lock:
                self.poller.unregister(client)
            self.enqueue_req(conn)
        elif fortsatt and not sock.fortsatt_skickat:
            sock.fortsatt_skickat = True
            with suppress(OSError):
                sock.send(b"HTTP/1.1 100 Continue\r\n\r\n")

    def _slapp(self, conn: Any, svar: bytes | None = None) -> None:
        """Drop a connection whose request is still arriving (with an answer, if given)."""
        self._vantande.pop(conn, None)
        with self._lock, suppress(KeyError, ValueError, OSError):
            self.poller.unregister(conn.sock)
        if svar is not None:
            with suppress(OSError):
                socket.socket.send(conn.sock, svar)  # non-blocking, best effort
        self.nr_conns -= 1
        conn.close()

    def _neka(self, sock: socket.socket) -> None:
        """A connection over its client's limit: 429 (``FOR_MANGA_ANSLUTNINGAR``) after ``NEKAD_FORDROJNING`` s, or at
        once when ``HOGSTA_NEKADE`` already wait. A client that opens connections in a loop waits for its answers
        instead of spinning (and taking the CPU from the server's other clients); a refused one costs no thread."""
        if len(self._nekade) < HOGSTA_NEKADE:
            self._nekade.append((time.monotonic() + NEKAD_FORDROJNING, sock))
        else:
            _svara_och_stang(sock, FOR_MANGA_ANSLUTNINGAR)

    def murder_keepalived(self) -> None:
        super().murder_keepalived()
        nu = time.monotonic()
        while self._nekade and self._nekade[0][0] <= nu:
            _svara_och_stang(self._nekade.popleft()[1], FOR_MANGA_ANSLUTNINGAR)
        for conn, frist in list(self._vantande.items()):
            if frist <= nu:
                if b"\r\n\r\n" in (conn.sock.forbuffrat or b""):  # the headers came, the body did not
                    svar = _svar(400, f"förfrågans kropp kom inte fram hel inom {self.las_timeout:g} s: den är kortare "
                                      "än sin Content-Length eller chunked-kodningen tar inte slut")
                else:
                    status, falt, meddelande = _status_for(Lasfrist())
                    svar = _svar(status, meddelande, falt)
                self._slapp(conn, svar)

    def accept(self, server: Any, listener: Any) -> None:
        try:
            sock, klient = listener.accept()
            if self.klientgrans is not None and not self.klientgrans.ta(klient):
                self._neka(sock)
                return
            sock = FristSocket(sock.family, sock.type, sock.proto, fileno=sock.detach())
            conn = Anslutning(self.cfg, sock, klient, server)
            conn.grans = self.klientgrans
            self.nr_conns += 1
            with self._lock:  # as ThreadWorker.accept: wait until the socket is readable
                self.poller.register(conn.sock, selectors.EVENT_READ, partial(self.on_client_socket_readable, conn))
        except OSError as fel:
            if fel.errno not in (errno.EAGAIN, errno.ECONNABORTED, errno.EWOULDBLOCK):
                raise

    def handle(self, conn: Any) -> tuple[bool, Any]:
        """As ThreadWorker.handle, with the request's read deadline and our answers to bad requests."""
        conn.sock.frist = time.monotonic() + self.las_timeout
        conn.sock.stang = False
        req = None
        try:
            req = next(conn.parser)
            if not req:
                return (False, conn)
            keepalive = self.handle_request(req, conn)
            if keepalive and not conn.sock.stang and _kroppen_last(req):
                return (True, conn)
        except StopIteration:
            pass
        except http_fel.NoMoreData:
            pass  # the client closed the connection
        except Lasfrist as fel:
            if req is None:
                self._skriv_fel(conn.sock, fel)
        except (http_fel.InvalidChunkSize, http_fel.ChunkMissingTerminator) as fel:
            self._skriv_fel(conn.sock, fel)
        except OSError as fel:  # the client went away, or a write timed out
            self.log.debug("Anslutningen bröts: %s", type(fel).__name__)
        except Exception as fel:
            self.handle_error(req, conn.sock, conn.client, fel)
        return (False, conn)

    def _skriv_fel(self, klient: Any, fel: BaseException) -> None:
        status, falt, meddelande = _status_for(fel)
        with suppress(OSError):
            klient.sendall(_svar(status, meddelande, falt))

    def handle_error(self, req: Any, client: Any, addr: Any, exc: BaseException) -> None:
        status, falt, meddelande = _status_for(exc)
        if status >= 500:
            self.log.exception("Oväntat fel när en förfrågan lästes")
        else:
            self.log.info("Ogiltig förfrågan (%s): %s", type(exc).__name__, meddelande)
        self._skriv_fel(client, exc)


def _avkoda(text: str) -> str:
    for _ in range(3):
        avkodad = unquote(text)
        if avkodad == text:
            break
        text = avkodad
    return text


_STYRTECKEN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def maskera_logg(text: str, flera_rader: bool = False) -> str:
    """A log text without personnummer (also percent-encoded ones) and, unless it is a traceback, on
    one line with control characters escaped."""
    if innehaller_personnummer(_avkoda(text)):
        text = maskera(_avkoda(text))
    text = maskera(text)
    if not flera_rader:
        text = text.replace("\n", "\\n").replace("\r", "\\r")
    return _STYRTECKEN.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


class Maskering(logging.Filter):
    """Masks personnummer in every record: the message, its arguments and any traceback."""

    def filter(self, post: logging.LogRecord) -> bool:
        try:
            text = post.getMessage()
        except Exception:  # a broken format string: log it as it stands
            text = str(post.msg)
        post.msg, post.args = maskera_logg(text), ()
        if post.exc_info:
            post.exc_text = maskera_logg(logging.Formatter().formatException(post.exc_info), flera_rader=True)
            post.exc_info = None
        elif post.exc_text:
            post.exc_text = maskera_logg(post.exc_text, flera_rader=True)
        if post.stack_info:
            post.stack_info = maskera_logg(post.stack_info, flera_rader=True)
        return True


class MaskeradLogg(glogging.Logger):  # type: ignore[misc]
    """gunicorn's logger with every line masked (error log and access log)."""

    def setup(self, cfg: Any) -> None:
        super().setup(cfg)
        filtret = Maskering()
        for logg in (self.error_log, self.access_log, logging.getLogger()):
            logg.addFilter(filtret)
            for hanterare in logg.handlers:
                hanterare.addFilter(filtret)
        if logging.lastResort is not None:
            logging.lastResort.addFilter(filtret)


# The access log, when asked for: no headers (a Referer or User-Agent can carry anything), and the
# request line masked like every other line. The size ends in B, so that status, size and time are not one
# chain of digits that the mask could read as a personnummer split in its parts ("200 11234 12").
ATKOMSTFORMAT = '%(h)s "%(r)s" %(s)s %(b)sB %(M)sms'


class Server(BaseApplication):  # type: ignore[misc]
    def __init__(self, app: Any, installningar: dict[str, Any]) -> None:
        self.app = app
        self.installningar = installningar
        super().__init__()

    def load_config(self) -> None:
        for nyckel, varde in self.installningar.items():
            self.cfg.set(nyckel, varde)

    def load(self) -> Any:
        return self.app


def kor(port: int, workers: int, host: str, max_bytes: int, max_personer: int, timeout: int,
        register_url: str | None = None, delegation: Any = None, *, threads: int = 4, las_timeout: float = 5.0,
        max_kostnad: int | None = None, cors_origins: list[str] | None = None, bakom_proxy: bool = False,
        api_nyckel: str | None = None, atkomstlogg: str | None = None, testkatalog: Path | None = None,
        granskare: Path | None = None, per_klient: int | None = None, tunga_platser: int = TUNGA_PLATSER,
        tung_frist: float = TUNG_FRIST, tung_andel: float = TUNG_ANDEL) -> None:
    """Serve the app under gunicorn. ``per_klient``: open connections per client address in a worker (default
    ``STANDARD_PER_KLIENT``, none behind a proxy, 0 for no limit); ``tunga_platser``, ``tung_frist`` and
    ``tung_andel``: heavy requests computed at once on the server, the deadline of each and the share of the time
    each computes (tunga.py); ``granskare``: the reviewers' public keys (testfall/granskare.py)."""
    app = skapa_app(max_bytes=max_bytes, max_personer=max_personer, register_url=register_url, delegation=delegation,
                    max_kostnad=max_kostnad, cors_origins=cors_origins, bakom_proxy=bakom_proxy,
                    api_nyckel=api_nyckel, testkatalog=testkatalog, granskare=granskare, tunga_platser=tunga_platser,
                    tung_frist=tung_frist, tung_andel=tung_andel)
    Arbetare.las_timeout = las_timeout
    Arbetare.per_klient = (0 if bakom_proxy else STANDARD_PER_KLIENT) if per_klient is None else per_klient
    Forfragan.max_bytes = max_bytes
    perioder.installera()  # only in the server process: see perioder.py
    installningar = {
        "bind": f"{host}:{port}",
        "workers": workers,
        "threads": threads,
        "worker_class": f"{__name__}.Arbetare",
        "logger_class": f"{__name__}.MaskeradLogg",
        "timeout": timeout,
        "keepalive": 2,
        "preload_app": True,
        "loglevel": "info",
        # X-Forwarded-Proto and friends only from a proxy we were told about (on this machine).
        "forwarded_allow_ips": "127.0.0.1,::1" if bakom_proxy else "",
        "limit_request_line": 4094,
        "limit_request_fields": 100,
        "limit_request_field_size": 8190,
    }
    if atkomstlogg:  # off by default
        installningar |= {"accesslog": atkomstlogg, "access_log_format": ATKOMSTFORMAT}
    Server(app, installningar).run()
