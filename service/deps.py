"""FastAPI dependencies: the settings and the process's one driver."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from neo4j import Driver

from core.accounts import AccountsStore
from core.settings import Settings


def get_app_settings(request: Request) -> Settings:
    """The settings the app was made with."""
    settings: Settings = request.app.state.settings
    return settings


def get_driver(request: Request) -> Driver:
    """The driver made by the lifespan."""
    driver: Driver = request.app.state.driver
    return driver


# The dependencies are `async def` on purpose: FastAPI runs a plain `def` dependency in the
# thread pool, a hop per dependency per request, for what is only an attribute read
# (issue 4, docs/PERFORMANCE.md). The sync functions above stay for direct callers.
async def _settings_dependency(request: Request) -> Settings:
    """get_app_settings, resolved on the event loop."""
    return get_app_settings(request)


async def _driver_dependency(request: Request) -> Driver:
    """get_driver, resolved on the event loop."""
    return get_driver(request)


SettingsDep = Annotated[Settings, Depends(_settings_dependency)]
DriverDep = Annotated[Driver, Depends(_driver_dependency)]


async def _accounts_dependency(request: Request) -> AccountsStore:
    """The accounts store opened by the lifespan."""
    store: AccountsStore = request.app.state.accounts
    return store


AccountsDep = Annotated[AccountsStore, Depends(_accounts_dependency)]
