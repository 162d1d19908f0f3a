"""What tests do to the accounts store: a throwaway PostgreSQL from Debian's package, started
the way the launcher starts Neo4j (a fresh data directory, a free port on 127.0.0.1, stopped
after); emptying a store between tests; putting e-mail addresses on author records."""

from __future__ import annotations

import glob
import os
import pwd
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from neo4j import Driver

from core.accounts import AccountsStore, tables
from core.localdb import free_port
from service.identity import accounts

IDENTITY_FIXTURES = Path(__file__).resolve().parent / "fixtures" / "identity"


def find_bin() -> Path | None:
    """The folder of initdb and pg_ctl (Debian keeps them per version), or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


@dataclass
class LocalPostgres:
    """One PostgreSQL server in a fresh folder, trusting local connections of `peergraph`."""

    bin: Path
    home: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="peergraph-pg-")))
    port: int = 0

    def _run(self, *args: str) -> None:
        """Run a server tool, as the `postgres` user when we are root (initdb refuses root)."""
        command = [str(self.bin / args[0]), *args[1:]]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"{args[0]} failed ({done.returncode}): {done.stderr.strip()}")

    def start(self) -> str:
        """initdb, start, and the SQLAlchemy URL of its `peergraph` database."""
        self.port = free_port()
        data = self.home / "data"
        if os.geteuid() == 0:  # the folder is under /tmp, which the postgres user can reach
            owner = pwd.getpwnam("postgres")
            os.chown(self.home, owner.pw_uid, owner.pw_gid)
        self._run("initdb", "-D", str(data), "-A", "trust", "-U", "peergraph", "-E", "UTF8")
        self._run("pg_ctl", "-D", str(data), "-w", "-l", str(self.home / "log"), "-o",
                  f"-p {self.port} -k {self.home} -c listen_addresses=127.0.0.1 "
                  "-c fsync=off", "start")
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "peergraph",
                  "peergraph")
        return f"postgresql+psycopg://peergraph@127.0.0.1:{self.port}/peergraph"

    def stop(self) -> None:
        """Stop the server and delete its folder."""
        try:
            self._run("pg_ctl", "-D", str(self.home / "data"), "-m", "fast", "-w", "stop")
        finally:
            shutil.rmtree(self.home, ignore_errors=True)


def wipe_accounts(store: AccountsStore) -> None:
    """Delete every row of the accounts store (tables kept), children first."""
    with store.write() as conn:
        for table in reversed(tables.metadata.sorted_tables):
            conn.execute(table.delete())


def add_record_emails(store: AccountsStore, emails: dict[str, list[str]]) -> None:
    """Put e-mail addresses on author records (author id -> addresses)."""
    for author_id, addresses in emails.items():
        for address in addresses:
            accounts.add_record_email(store, author_id, address)


def run_script(driver: Driver, database: str, name: str) -> None:
    """Run a fixture's Cypher statements, each ending with `;` at the end of a line (a `;`
    inside a string stays), whole-line `//` comments dropped."""
    text = (IDENTITY_FIXTURES / name).read_text(encoding="utf-8")
    body = "\n".join(ln for ln in text.splitlines() if not ln.strip().startswith("//"))
    with driver.session(database=database) as session:
        for statement in filter(None, (p.strip() for p in re.split(r";[ \t]*(?:\n|$)", body))):
            session.run(statement).consume()  # type: ignore[arg-type]


# The addresses on the sample's records that the identity tests claim with (written for the
# tests, no external origin).
RECORD_EMAILS = {"researcher0": ["R0@Example.org"], "researcher1": ["r1@example.org"],
                 "researcher2": ["r2@example.org"]}
