"""Databases for the register tests: a SQLite file, and a PostgreSQL server started on loopback.

PostgreSQL: ``$BISTAND_TEST_POSTGRES_URL`` if set; otherwise the server binaries of Debian's
``postgresql`` package (``.ci/run`` installs it) are used to start a throwaway cluster on a free
loopback port, as the ``postgres`` user when running as root. Without either, the PostgreSQL
variant of each test is skipped with that reason.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import uuid

import pytest
import sqlalchemy as sa
from api_server import ledig_port


def slumpnamn(antal: int) -> str:
    """A random name of ``antal`` letters, for a test database or role: a name with digits may, by chance, read as a
    personnummer in the register's address (ten digits in a row, or digits around the port), which the register
    refuses."""
    return uuid.uuid4().hex[:antal].translate(str.maketrans("0123456789", "ghijklmnop"))


class Postgres:
    def __init__(self) -> None:
        self.url = os.environ.get("BISTAND_TEST_POSTGRES_URL")
        self.katalog = None
        if self.url:
            return
        binarer = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
        if not binarer:
            if os.environ.get("BISTAND_KRAV_POSTGRES") == "1":
                pytest.fail("PostgreSQL krävs (BISTAND_KRAV_POSTGRES=1) men paketet postgresql är inte installerat")
            pytest.skip("PostgreSQL saknas: installera Debian-paketet postgresql (.ci/run gör det)")
        bin_ = os.path.dirname(binarer[-1])
        self.katalog = tempfile.mkdtemp(prefix="bistand-pg-")
        os.chmod(self.katalog, 0o755)
        self.prefix = []
        if os.geteuid() == 0:
            shutil.chown(self.katalog, "postgres")
            self.prefix = ["runuser", "-u", "postgres", "--"]
        data = os.path.join(self.katalog, "data")
        port = ledig_port()
        subprocess.run([*self.prefix, f"{bin_}/initdb", "-D", data, "-A", "trust", "-U", "postgres", "--no-sync"],
                       check=True, capture_output=True)
        subprocess.run([*self.prefix, f"{bin_}/pg_ctl", "-D", data, "-l", f"{self.katalog}/logg", "-w", "-o",
                        f"-p {port} -k {self.katalog} -c listen_addresses=127.0.0.1 -c fsync=off", "start"],
                       check=True, capture_output=True)
        self.pg_ctl, self.data = f"{bin_}/pg_ctl", data
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"

    def ny_databas(self) -> str:
        namn = f"t{slumpnamn(12)}"
        motor = sa.create_engine(self.url, isolation_level="AUTOCOMMIT")
        with motor.connect() as anslutning:
            anslutning.execute(sa.text(f"CREATE DATABASE {namn}"))
        motor.dispose()
        return self.url.rsplit("/", 1)[0] + f"/{namn}"

    def stoppa(self) -> None:
        if self.katalog:
            subprocess.run([*self.prefix, self.pg_ctl, "-D", self.data, "-m", "fast", "stop"], capture_output=True)
            shutil.rmtree(self.katalog, ignore_errors=True)
