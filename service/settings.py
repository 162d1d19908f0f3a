"""One settings class for the whole project, read from PEERGRAPH_* variables and `.env`."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
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
    query_timeout_s: float = Field(30.0, gt=0)

    @field_validator("local_db_heap", "local_db_pagecache")
    @classmethod
    def _memory_size(cls, value: str) -> str:
        """Accept sizes the JVM and Neo4j both understand, like 512m or 4g."""
        number, unit = value[:-1], value[-1:].lower()
        if not number.isdigit() or unit not in {"m", "g"}:
            raise ValueError(f"{value!r} is not a size like 512m or 4g")
        return number + unit

    @property
    def bolt_host_port(self) -> tuple[str, int]:
        """Host and port of the Bolt URI (the local launcher listens there)."""
        parts = urlsplit(self.neo4j_uri)
        return parts.hostname or "127.0.0.1", parts.port or 7687

    def password(self) -> str:
        """The Neo4j password, or a clear error saying where to set it."""
        if self.neo4j_password is None or not self.neo4j_password.get_secret_value():
            from service.errors import ConfigurationError

            raise ConfigurationError(
                "No Neo4j password: set PEERGRAPH_NEO4J_PASSWORD (or run `peergraph setup-env` "
                "to write a random one to .env)."
            )
        return self.neo4j_password.get_secret_value()


@lru_cache
def get_settings() -> Settings:
    """The process's settings, read once."""
    return Settings()
