"""Closing the client's connection after an answer whose request body was not read to its end.

Shared by the API (``webb.py``) and the web pages (``webbsida/vyer.py``): the worker (``server.py``) reads the flag
``stang`` on its socket and closes the connection after the answer, so an unread rest of a body is never taken as
the next request.
"""

from flask import request


def stang_anslutningen() -> None:
    """Ask the server (server.py) to close the connection after this answer: the body is not read to its end."""
    sock = request.environ.get("gunicorn.socket")
    if sock is not None and hasattr(sock, "stang"):
        sock.stang = True
