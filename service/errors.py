"""The one problem shape every failure is answered with, and the handlers that map the errors
of core/errors.py (and Neo4j's ServiceUnavailable) to it: problem+json for the API, the same
problem as an HTML error page for a browser on one of the web pages."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from neo4j.exceptions import AuthError, ServiceUnavailable, SessionExpired
from starlette.exceptions import HTTPException as StarletteHTTPException

from core.accounts.store import UnstorableText
from core.errors import DatabaseUnavailable, InvalidParameter, PeergraphError

log = logging.getLogger("peergraph")

PROBLEM_MEDIA_TYPE = "application/problem+json"
# Paths that answer JSON (the API, the pages' own fetch calls, health, the docs); every
# other path is a page, whose failures are pages too.
JSON_PREFIXES = ("/api/", "/web/", "/static/", "/health", "/ready", "/openapi.json", "/docs",
                 "/redoc")
ErrorPage = Callable[[Request, int, str, str], Response]


def problem(
    status: int, code: str, title: str, detail: str, errors: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    """Build the one problem+json body: type, title, status, code, detail and optional errors."""
    body: dict[str, Any] = {
        "type": f"https://peergraph.dev/problems/{code}",
        "title": title,
        "status": status,
        "code": code,
        "detail": detail,
    }
    if errors:
        body["errors"] = errors
    return JSONResponse(body, status_code=status, media_type=PROBLEM_MEDIA_TYPE, headers=headers)


def _validation_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    """Turn pydantic's error list into {parameter, in, message} entries a person can read."""
    out = []
    for err in exc.errors():
        loc = [str(part) for part in err.get("loc", ())]
        where = loc[0] if loc else "request"
        name = ".".join(loc[1:]) or where
        out.append({"parameter": name, "in": where, "message": err.get("msg", "invalid")})
    return out


@dataclass(frozen=True, slots=True)
class Problem:
    """What went wrong, before it is answered as JSON or as a page."""

    status: int
    code: str
    title: str
    detail: str
    errors: list[dict[str, Any]] | None = None
    headers: dict[str, str] | None = None


def describe(exc: Exception) -> Problem:
    """The problem an exception stands for; what a client must not see is only logged."""
    unavailable = (503, DatabaseUnavailable.code, DatabaseUnavailable.title)
    match exc:
        case PeergraphError():
            return Problem(exc.status, exc.code, exc.title, exc.detail, exc.errors, exc.headers)
        case RequestValidationError():
            errors = _validation_errors(exc)
            detail = "; ".join(f"{e['parameter']}: {e['message']}" for e in errors)
            return Problem(422, "invalid_parameter", "Invalid parameter", detail, errors)
        case StarletteHTTPException():
            code = "not_found" if exc.status_code == 404 else f"http_{exc.status_code}"
            return Problem(exc.status_code, code, str(exc.detail), str(exc.detail))
        case ServiceUnavailable() | SessionExpired():
            log.warning("Neo4j unavailable: %s", exc)
            return Problem(*unavailable, "The graph database is not answering; try again shortly.")
        case UnstorableText():
            return Problem(422, InvalidParameter.code, InvalidParameter.title,
                           f"A value was refused: {exc}. Remove it and send the request again.")
        case AuthError():
            log.error("Neo4j refused the service's credentials: %s", exc.message)
            return Problem(*unavailable, "The service cannot sign in to the graph database.")
    log.exception("unhandled error", exc_info=exc)
    return Problem(500, "internal_error", "Internal error",
                   "Something went wrong on our side; it has been logged.")


HANDLED = (PeergraphError, RequestValidationError, StarletteHTTPException, ServiceUnavailable,
           SessionExpired, UnstorableText, AuthError, Exception)


def install_error_handlers(app: FastAPI, error_page: ErrorPage | None = None) -> None:
    """Answer every failure as the one problem: problem+json, or a page for a page's request;
    never a stack trace to a client."""

    async def handle(request: Request, exc: Exception) -> Response:
        found = describe(exc)
        if error_page is not None and not request.url.path.startswith(JSON_PREFIXES):
            response = error_page(request, found.status, found.title, found.detail)
            response.headers.update(found.headers or {})
            return response
        return problem(found.status, found.code, found.title, found.detail, found.errors,
                       found.headers)

    for kind in HANDLED:
        app.add_exception_handler(kind, handle)
