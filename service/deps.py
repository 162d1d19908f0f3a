"""FastAPI dependencies: the settings, the graph (the process's one driver) and the accounts
store, all made by the app's lifespan.

They are `async def` on purpose: FastAPI runs a plain `def` dependency in the thread pool, a
hop per dependency per request, for what is only an attribute read (issue 4,
docs/PERFORMANCE.md)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from core.accounts import AccountsStore
from core.graph import Graph
from core.settings import Settings
from service.orcid import OrcidClient
from service.outbox import Outbox, outbox_from


async def _settings(request: Request) -> Settings:
    """The settings the app was made with."""
    settings: Settings = request.app.state.settings
    return settings


async def _graph(request: Request) -> Graph:
    """The graph under the request limits (time limit, short retries, errors mapped)."""
    graph: Graph = request.app.state.graph
    return graph


async def _accounts(request: Request) -> AccountsStore:
    """The accounts store."""
    store: AccountsStore = request.app.state.accounts
    return store


async def _orcid(request: Request) -> OrcidClient:
    """The ORCID client: one set on app.state (a test's), else one from the settings."""
    client = getattr(request.app.state, "orcid_client", None)
    return client if isinstance(client, OrcidClient) else OrcidClient(request.app.state.settings)


async def _outbox(request: Request) -> Outbox:
    """The outbox: one set on app.state, else the one PEERGRAPH_OUTBOX names."""
    box: Outbox | None = getattr(request.app.state, "outbox", None)
    return box if box is not None else outbox_from(request.app.state.settings)


SettingsDep = Annotated[Settings, Depends(_settings)]
GraphDep = Annotated[Graph, Depends(_graph)]
AccountsDep = Annotated[AccountsStore, Depends(_accounts)]
OrcidDep = Annotated[OrcidClient, Depends(_orcid)]
OutboxDep = Annotated[Outbox, Depends(_outbox)]
