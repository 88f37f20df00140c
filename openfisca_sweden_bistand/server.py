"""``bistand serve``: the web API (webb.py) under gunicorn, the production WSGI server.

The tax-benefit system and the app are built once, before the workers fork (``preload_app``), so a
worker answers its first request at once and every worker serves the same rules.
"""

from __future__ import annotations

from gunicorn.app.base import BaseApplication

from openfisca_sweden_bistand.webb import skapa_app


class Server(BaseApplication):
    def __init__(self, app, installningar: dict) -> None:
        self.app = app
        self.installningar = installningar
        super().__init__()

    def load_config(self) -> None:
        for nyckel, varde in self.installningar.items():
            self.cfg.set(nyckel, varde)

    def load(self):
        return self.app


def kor(port: int, workers: int, host: str, max_bytes: int, max_personer: int, timeout: int,
        register_url: str | None = None, delegation=None) -> None:
    app = skapa_app(max_bytes=max_bytes, max_personer=max_personer, register_url=register_url, delegation=delegation)
    Server(app, {
        "bind": f"{host}:{port}",
        "workers": workers,
        "timeout": timeout,
        "preload_app": True,
        "worker_class": "sync",
        "loglevel": "info",
        # No access log by default: request bodies and URLs may carry personal data.
    }).run()
