"""The one problem+json shape every failure is answered with, and the handlers that map the
errors of core/errors.py (and Neo4j's ServiceUnavailable) to it."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from neo4j.exceptions import AuthError, ServiceUnavailable, SessionExpired
from starlette.exceptions import HTTPException as StarletteHTTPException

from core.accounts.store import UnstorableText
from core.errors import DatabaseUnavailable, InvalidParameter, PeergraphError

log = logging.getLogger("peergraph")

PROBLEM_MEDIA_TYPE = "application/problem+json"


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


def install_error_handlers(app: FastAPI) -> None:
    """Map every failure to the one problem shape; never a stack trace to a client."""

    @app.exception_handler(PeergraphError)
    async def _peergraph(_: Request, exc: PeergraphError) -> JSONResponse:
        return problem(exc.status, exc.code, exc.title, exc.detail, exc.errors, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        errors = _validation_errors(exc)
        detail = "; ".join(f"{e['parameter']}: {e['message']}" for e in errors)
        return problem(422, "invalid_parameter", "Invalid parameter", detail, errors)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = "not_found" if exc.status_code == 404 else f"http_{exc.status_code}"
        return problem(exc.status_code, code, str(exc.detail), str(exc.detail))

    @app.exception_handler(ServiceUnavailable)
    @app.exception_handler(SessionExpired)
    async def _neo4j_down(_: Request, exc: Exception) -> JSONResponse:
        log.warning("Neo4j unavailable: %s", exc)
        return problem(
            503,
            DatabaseUnavailable.code,
            DatabaseUnavailable.title,
            "The graph database is not answering; try again shortly.",
        )

    @app.exception_handler(UnstorableText)
    async def _unstorable(_: Request, exc: UnstorableText) -> JSONResponse:
        return problem(422, InvalidParameter.code, InvalidParameter.title,
                       f"A value was refused: {exc}. Remove it and send the request again.")

    @app.exception_handler(AuthError)
    async def _neo4j_auth(_: Request, exc: AuthError) -> JSONResponse:
        log.error("Neo4j refused the service's credentials: %s", exc.message)
        return problem(503, DatabaseUnavailable.code, DatabaseUnavailable.title,
                       "The service cannot sign in to the graph database.")

    @app.exception_handler(Exception)
    async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error")
        return problem(500, "internal_error", "Internal error",
                       "Something went wrong on our side; it has been logged.")
