"""The FastAPI app factory: one driver per process, schema applied at start-up."""

from __future__ import annotations

import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from core.accounts import open_store
from core.db import ensure_schema, make_driver
from core.graph import Graph
from core.settings import Settings, get_settings
from scoring.schedule import start_background
from service.analyst.pool import AnalystPool
from service.body_limit import BodyLimit
from service.errors import install_error_handlers
from service.identity.migration import LEGACY_WARNING, legacy_present
from service.identity.rescore import Rescorer
from service.routers import api_router, health
from service.web import docs, pages

log = logging.getLogger("peergraph")


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Make the one driver, apply the schema if Neo4j answers, close the driver on shutdown."""
    settings = app.state.settings
    app.state.accounts = open_store(settings.accounts_url, settings.secret_key_bytes())
    driver = make_driver(settings)
    # The requests' graph: a server-side time limit, short retries, Neo4j errors mapped.
    app.state.graph = Graph(driver, settings.neo4j_database, timeout_s=settings.query_timeout_s,
                            retry_s=settings.explore_retry_time_s)
    app.state.schema_ready = ensure_schema(driver, settings) is None
    if app.state.schema_ready and legacy_present(driver, settings.neo4j_database):
        log.warning(LEGACY_WARNING)  # and /ready answers 503 until it is moved
    app.state.analyst = AnalystPool(app.state.settings)  # its own driver and worker threads
    rescorer = start_background(driver, settings)  # PEERGRAPH_RESCORE_CRON
    app.state.rescorer = Rescorer(driver, settings)  # after a claim is granted
    # What start-up made lives as long as the process: frozen out of the cyclic collector, a
    # full collection takes ~2 ms instead of ~100 ms in mid-request (issue 4, PERFORMANCE.md).
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()  # tests run many apps in one process: let a finished one be collected
        if rescorer is not None:
            rescorer.shutdown(wait=False)
        app.state.rescorer.close()  # before the driver it runs on
        app.state.analyst.close()
        driver.close()
        app.state.accounts.close()


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app; tests pass their own settings, the server uses the environment's."""
    app = FastAPI(
        title="Peergraph",
        summary="Research-trust knowledge graph: explore researchers in context.",
        version="0.1.0",
        lifespan=lifespan,
        docs_url=None, redoc_url=None,  # served from npm by service/web/docs.py, never a CDN
    )
    app.state.settings = settings or get_settings()
    if app.state.settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=app.state.settings.cors_origins,
                           allow_methods=["GET", "POST", "PUT", "DELETE"],
                           allow_headers=["Authorization", "Content-Type"])
    app.add_middleware(BodyLimit, max_bytes=app.state.settings.max_body_bytes)
    install_error_handlers(app, pages.error_page)
    app.include_router(api_router, prefix="/api/v1")
    app.include_router(health.router)  # /health and /ready: for orchestrators, unversioned
    app.include_router(docs.router)  # /docs and /redoc
    pages.install(app)  # the web explorer: /, /authors/{id}, /explore, sign-in, static files
    return app
