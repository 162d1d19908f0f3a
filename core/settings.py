"""One settings class for the whole project, read from PEERGRAPH_* variables and `.env`."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parents[1]


class Settings(BaseSettings):
    """Every knob Peergraph has; each is documented in the README's settings table."""

    model_config = SettingsConfigDict(
        env_prefix="PEERGRAPH_",
        env_file=(PROJECT_ROOT / ".env", ".env"),
        extra="ignore", hide_input_in_errors=True
    )

    neo4j_uri: str = "bolt://127.0.0.1:7687"
    neo4j_user: str = "neo4j"
    neo4j_password: SecretStr | None = None
    neo4j_database: str = "neo4j"
    neo4j_max_pool_size: int = Field(50, ge=1, le=1000)
    neo4j_connect_timeout_s: float = Field(5.0, gt=0)

    local_db_home: Path = PROJECT_ROOT / ".peergraph" / "neo4j"
    local_db_heap: str = "4g"
    local_db_pagecache: str = "4g"
    local_db_start_timeout_s: float = Field(180.0, gt=0)
    launcher_jar: Path = PROJECT_ROOT / "launcher" / "target" / "peergraph-neo4j-launcher.jar"

    api_host: str = "127.0.0.1"
    api_port: int = Field(8000, ge=1, le=65535)
    cors_origins: list[str] = []
    # request bodies over this are refused with 413 before anything parses them
    max_body_bytes: int = Field(1_048_576, ge=1024)
    query_timeout_s: float = Field(30.0, gt=0)

    # Exploration API (issue 4): how many relationships a neighbourhood examines per node, so
    # a hub with a million edges costs no more than one with scan_cap (ranking reads a
    # property of every examined neighbour: ~2,000 keep a hub under 200 ms on 2 cores).
    explore_scan_cap: int = Field(2_000, ge=100)
    explore_hop2_scan_cap: int = Field(200, ge=10)
    # How long an API read retries while Neo4j is unreachable before answering 503.
    explore_retry_time_s: float = Field(2.0, ge=0)

    # loaders: records per write transaction, transactions at once (2 keeps both cores busy:
    # one runs while the other commits); where checkpoints and reject files go
    load_batch_size: int = Field(1000, ge=1, le=100_000)
    load_writers: int = Field(2, ge=1, le=8)
    load_state_dir: Path = PROJECT_ROOT / ".peergraph" / "loads"
    # bulk import (issue 17): Neo4j's offline importer runs in its own JVM; its heap, and the
    # off-heap memory it may take for its caches (its own default is 90% of the machine's)
    import_heap: str = "2g"
    import_off_heap: str = "4g"

    # analyst access: ad-hoc Cypher and saved queries (requests may ask for less, never more)
    analyst_default_rows: int = Field(1_000, ge=1)
    analyst_max_rows: int = Field(100_000, ge=1)
    analyst_default_timeout_s: float = Field(10.0, gt=0)
    analyst_max_timeout_s: float = Field(60.0, gt=0)
    analyst_procedures: list[str] = [
        "db.labels", "db.relationshipTypes", "db.propertyKeys", "db.schema.visualization",
        "db.schema.nodeTypeProperties", "db.schema.relTypeProperties",
        "db.index.fulltext.queryNodes", "db.index.fulltext.queryRelationships",
        "db.index.vector.queryNodes", "db.info", "db.ping", "dbms.components",
    ]
    # analyst bounds (issue 14): query text size and nesting, checked before Neo4j sees the
    # text (its parser overflows on deep nesting); bytes of one answer; queries at once.
    analyst_max_query_bytes: int = Field(65_536, ge=1024)
    analyst_max_depth: int = Field(200, ge=10, le=300)
    analyst_max_bytes: int = Field(32 * 1024 * 1024, ge=65_536)
    analyst_concurrency: int = Field(2, ge=1, le=64)

    # scoring (issue 5): the rescoring schedule (a crontab line, e.g. "0 3 * * *"; unset = no
    # schedule), the lock's lease, past scores kept per author, rows per write transaction
    rescore_cron: str | None = None
    rescore_lease_s: int = Field(300, ge=10)
    rescore_history: int = Field(10, ge=1, le=1000)
    rescore_batch_size: int = Field(5_000, ge=100, le=100_000)

    # identity and social (issue 7): token lifetimes; claim codes (lifetime, tries per claim,
    # verify attempts and claim starts per user per window, counted in the graph); the outbox
    # that sends codes (file or log in development, smtp in production); the ORCID OAuth app.
    token_ttl_days: int = Field(90, ge=1, le=3650)
    token_max_ttl_days: int = Field(365, ge=1, le=3650)
    claim_code_ttl_s: int = Field(900, ge=60, le=86_400)
    claim_max_attempts: int = Field(5, ge=1, le=100)
    claim_verify_limit: int = Field(10, ge=1)
    claim_start_limit: int = Field(5, ge=1)
    claim_window_s: int = Field(3600, ge=10)
    claim_review_ttl_days: int = Field(90, ge=1, le=3650)
    outbox: Literal["file", "log", "smtp"] = "file"
    outbox_path: Path = PROJECT_ROOT / ".peergraph" / "outbox.jsonl"
    smtp_host: str = "127.0.0.1"
    smtp_port: int = Field(587, ge=1, le=65535)
    smtp_user: str | None = None
    smtp_password: SecretStr | None = None
    smtp_starttls: bool = True
    smtp_from: str = "Peergraph <no-reply@peergraph.invalid>"
    smtp_timeout_s: float = Field(10.0, gt=0)
    orcid_client_id: str | None = None
    orcid_client_secret: SecretStr | None = None
    orcid_authorize_url: str = "https://orcid.org/oauth/authorize"
    orcid_token_url: str = "https://orcid.org/oauth/token"  # noqa: S105 - a URL
    # the one redirect URI the ORCID app registers: sign-in, connecting an iD and claims
    orcid_redirect_uri: str = "http://127.0.0.1:8000/orcid/callback"
    orcid_timeout_s: float = Field(10.0, gt=0)

    # the accounts store (issue 14): everything private lives there, never in the graph
    # (SQLite file by default; a PostgreSQL URL such as postgresql+psycopg://u:p@host/db in
    # deployments); the server key that every stored secret is an HMAC under; how long a
    # page sign-in lasts (the session is kept in the store, the cookie holds only its id),
    # and whether the cookie is Secure (unset: when served over https).
    accounts_url: str = f"sqlite:///{PROJECT_ROOT / '.peergraph' / 'accounts.db'}"
    secret_key: SecretStr | None = None
    session_max_age_s: int = Field(8 * 3600, ge=60, le=30 * 86_400)
    session_cookie_secure: bool | None = None

    # sign-in by e-mail code (issue 15): a code's lifetime (also an ORCID sign-in's, from the
    # button to the callback) and wrong tries before it locks (for signin_lock_s); per
    # window, codes sent to one address and sign-in steps (sends, code checks and ORCID
    # sign-ins begun) from one client address
    signin_code_ttl_s: int = Field(600, ge=60, le=86_400)
    signin_max_attempts: int = Field(5, ge=1, le=100)
    signin_lock_s: int = Field(900, ge=10, le=86_400)
    signin_send_limit: int = Field(5, ge=1)
    signin_client_limit: int = Field(30, ge=1)
    signin_window_s: int = Field(3600, ge=10)

    @field_validator("local_db_heap", "local_db_pagecache", "import_heap", "import_off_heap")
    @classmethod
    def _memory_size(cls, value: str) -> str:
        """Accept sizes the JVM and Neo4j both understand, like 512m or 4g."""
        number, unit = value[:-1], value[-1:].lower()
        if not number.isdigit() or unit not in {"m", "g"}:
            raise ValueError(f"{value!r} is not a size like 512m or 4g")
        return number + unit

    def secret_key_bytes(self) -> bytes:
        """The server key, or a clear error saying where to set it."""
        key = self.secret_key.get_secret_value() if self.secret_key else ""
        if len(key) < 32:
            from core.errors import ConfigurationError

            raise ConfigurationError(
                "No server key: set PEERGRAPH_SECRET_KEY to 32 or more random characters (or "
                "run `peergraph setup-env` to write one to .env); every stored secret is "
                "hashed under it.")
        return key.encode("utf-8")

    @property
    def bolt_host_port(self) -> tuple[str, int]:
        """Host and port of the Bolt URI (the local launcher listens there)."""
        parts = urlsplit(self.neo4j_uri)
        return parts.hostname or "127.0.0.1", parts.port or 7687

    def password(self) -> str:
        """The Neo4j password, or a clear error saying where to set it."""
        if self.neo4j_password is None or not self.neo4j_password.get_secret_value():
            from core.errors import ConfigurationError

            raise ConfigurationError(
                "No Neo4j password: set PEERGRAPH_NEO4J_PASSWORD (or run `peergraph setup-env` "
                "to write a random one to .env)."
            )
        return self.neo4j_password.get_secret_value()


def default(name: str) -> Any:
    """A setting's default: the one value options fall back to when no settings are given."""
    return Settings.model_fields[name].default


@lru_cache
def get_settings() -> Settings:
    """The process's settings, read once."""
    return Settings()
