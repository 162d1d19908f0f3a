"""The one problem shape every failure is answered with, and the handlers that map the errors
of core/errors.py (and Neo4j's ServiceUnavailable) to it: problem+json for the API, the same
problem as an HTML error page for a browser on one of the web pages."""

from __future__ import annotations

import logging
from collections.abc import Callable
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


def install_error_handlers(app: FastAPI, error_page: ErrorPage | None = None) -> None:
    """Map every failure to the one problem shape; never a stack trace to a client."""

    def answer(request: Request, status: int, code: str, title: str, detail: str,
               errors: list[dict[str, Any]] | None = None,
               headers: dict[str, str] | None = None) -> Response:
        """problem+json, or the error page when the request was for a page."""
        if error_page is not None and not request.url.path.startswith(JSON_PREFIXES):
            response = error_page(request, status, title, detail)
            response.headers.update(headers or {})
            return response
        return problem(status, code, title, detail, errors, headers)

    @app.exception_handler(PeergraphError)
    async def _peergraph(request: Request, exc: PeergraphError) -> Response:
        return answer(request, exc.status, exc.code, exc.title, exc.detail, exc.errors,
                      exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        errors = _validation_errors(exc)
        detail = "; ".join(f"{e['parameter']}: {e['message']}" for e in errors)
        return answer(request, 422, "invalid_parameter", "Invalid parameter", detail, errors)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        code = "not_found" if exc.status_code == 404 else f"http_{exc.status_code}"
        return answer(request, exc.status_code, code, str(exc.detail), str(exc.detail))

    @app.exception_handler(ServiceUnavailable)
    @app.exception_handler(SessionExpired)
    async def _neo4j_down(request: Request, exc: Exception) -> Response:
        log.warning("Neo4j unavailable: %s", exc)
        return answer(request, 503, DatabaseUnavailable.code, DatabaseUnavailable.title,
                      "The graph database is not answering; try again shortly.")

    @app.exception_handler(UnstorableText)
    async def _unstorable(request: Request, exc: UnstorableText) -> Response:
        return answer(request, 422, InvalidParameter.code, InvalidParameter.title,
                      f"A value was refused: {exc}. Remove it and send the request again.")

    @app.exception_handler(AuthError)
    async def _neo4j_auth(request: Request, exc: AuthError) -> Response:
        log.error("Neo4j refused the service's credentials: %s", exc.message)
        return answer(request, 503, DatabaseUnavailable.code, DatabaseUnavailable.title,
                      "The service cannot sign in to the graph database.")

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error")
        return answer(request, 500, "internal_error", "Internal error",
                      "Something went wrong on our side; it has been logged.")
