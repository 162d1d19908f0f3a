"""`peergraph users`: create users (the first admin included) and issue tokens from the CLI."""

from __future__ import annotations

import typer
from rich.console import Console

from service.auth import issue_token
from service.db import apply_schema, check_connectivity, make_driver
from service.errors import NotFound
from service.identity import accounts
from service.identity.store import read_one
from service.settings import get_settings

users_app = typer.Typer(help="Platform users and their API tokens.", no_args_is_help=True)
console = Console(stderr=True)


def _show_secret(secret: str) -> None:
    """Print the token's secret once, alone on stdout (so scripts can capture it)."""
    console.print("Token (shown once, stored only as a hash; keep it safe):")
    print(secret)


@users_app.command("create")
def create_user(
    email: str = typer.Option(..., "--email", help="The user's e-mail address (unique)."),
    name: str = typer.Option(..., "--name", help="The display name."),
    admin: bool = typer.Option(False, "--admin", help="Make the user an admin."),
) -> None:
    """Create a user and its first token; `--admin` bootstraps the first admin."""
    settings = get_settings()
    with make_driver(settings) as driver:
        check_connectivity(driver, settings)
        apply_schema(driver, settings.neo4j_database)
        user, token, secret = accounts.create_user(driver, settings, accounts.CLI_CALLER,
                                                   email, name, admin)
    role = "admin" if user["is_admin"] else "user"
    console.print(f"Created {role} {user['id']} <{user['email']}>; token {token and token['id']} "
                  f"expires {token and token['expires_at']}.")
    if secret:
        _show_secret(secret)


@users_app.command("token")
def new_token(
    email: str = typer.Option(..., "--email", help="The user's e-mail address."),
    days: int | None = typer.Option(None, "--days", min=1, help="Lifetime in days."),
    name: str | None = typer.Option(None, "--name", help="A label for the token."),
) -> None:
    """Issue another token to an existing user (e.g. an admin who lost theirs)."""
    settings = get_settings()
    with make_driver(settings) as driver:
        check_connectivity(driver, settings)
        row = read_one(driver, settings, "users/get_user_by_email", email=email.strip().lower())
        if row is None:
            raise NotFound(f"No user has the e-mail {email!r}; create one with "
                           "`peergraph users create`.")
        token, secret = issue_token(driver, settings, row["user"]["id"], ttl_days=days,
                                    name=name)
    console.print(f"Issued token {token['id']} to {row['user']['id']}; expires "
                  f"{token['expires_at']}.")
    _show_secret(secret)
