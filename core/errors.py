"""The one error hierarchy: every error Peergraph raises on purpose, with the HTTP status and
code it answers with (service/errors.py maps them to the one problem+json shape). No web
stack here, so loaders, scoring and the CLI can raise them too."""

from __future__ import annotations

from typing import Any


class PeergraphError(Exception):
    """Root of every error Peergraph raises on purpose; carries its HTTP status and code."""

    status: int = 500
    code: str = "internal_error"
    title: str = "Internal error"

    def __init__(self, detail: str, *, errors: list[dict[str, Any]] | None = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.errors = errors
        self.headers = headers  # e.g. Retry-After on a 429


class NotFound(PeergraphError):
    """A resource named in the request does not exist."""

    status, code, title = 404, "not_found", "Not found"


class InvalidParameter(PeergraphError):
    """A parameter is present but its value cannot be used."""

    status, code, title = 422, "invalid_parameter", "Invalid parameter"


class Unauthorized(PeergraphError):
    """No valid token was presented for a write."""

    status, code, title = 401, "unauthorized", "Authentication required"


class Forbidden(PeergraphError):
    """The caller is known but may not do this."""

    status, code, title = 403, "forbidden", "Forbidden"


class Conflict(PeergraphError):
    """The request clashes with the current state (a lock held, a record claimed)."""

    status, code, title = 409, "conflict", "Conflict"


class RateLimited(PeergraphError):
    """Too many attempts in a window (e.g. guessing a claim code); retry after it ends."""

    status, code, title = 429, "rate_limited", "Too many requests"


class UpstreamUnavailable(PeergraphError):
    """A service we depend on outside Neo4j (ORCID, the mail server) failed or refused us."""

    status, code, title = 502, "upstream_unavailable", "Upstream service unavailable"


class QueryTimeout(PeergraphError):
    """A query ran past its time limit and was stopped by the server."""

    status, code, title = 504, "query_timeout", "Query timed out"


class DatabaseUnavailable(PeergraphError):
    """Neo4j does not answer, or refuses our credentials."""

    status, code, title = 503, "database_unavailable", "Database unavailable"


class ConfigurationError(PeergraphError):
    """A setting is missing or wrong; the message says which and how to fix it."""

    status, code, title = 500, "configuration_error", "Configuration error"
