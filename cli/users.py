"""`peergraph users` (create users, the first admin included, and issue tokens) and
`peergraph accounts` (the accounts store: migrate, move platform data out of an old graph)."""

from __future__ import annotations

import typer
from rich.console import Console

from core.accounts import AccountsStore, open_store
from core.db import check_connectivity, make_driver
from core.errors import NotFound
from core.graph import Graph
from core.settings import Settings, get_settings
from service.auth import issue_token
from service.identity import accounts, migration
from service.identity.claim_routes import mask
from service.identity.claims import resolve_author

users_app = typer.Typer(help="Platform users and their API tokens.", no_args_is_help=True)
accounts_app = typer.Typer(help="The accounts store (users, tokens, claims … outside the "
                                "graph).", no_args_is_help=True)
console = Console(stderr=True)


def store_from(settings: Settings) -> AccountsStore:
    """The accounts store of the settings, migrated to the newest schema."""
    return open_store(settings.accounts_url, settings.secret_key_bytes())


def _show_secret(secret: str) -> None:
    """Print the token's secret once, alone on stdout (so scripts can capture it)."""
    console.print("Token (shown once, stored only as a keyed hash; keep it safe):")
    print(secret)


@users_app.command("create")
def create_user(
    email: str = typer.Option(..., "--email", help="The user's e-mail address (unique)."),
    name: str = typer.Option(..., "--name", help="The display name."),
    admin: bool = typer.Option(False, "--admin", help="Make the user an admin."),
) -> None:
    """Create a user and its first token; `--admin` bootstraps the first admin."""
    settings = get_settings()
    store = store_from(settings)
    try:
        user, token, secret = accounts.create_user(store, settings, accounts.CLI_CALLER,
                                                   email, name, admin)
    finally:
        store.close()
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
    store = store_from(settings)
    try:
        user = accounts.user_by_email(store, email)
        if user is None:
            raise NotFound(f"No user has the e-mail {email!r}; create one with "
                           "`peergraph users create`.")
        token, secret = issue_token(store, settings, user["id"], ttl_days=days, name=name)
    finally:
        store.close()
    console.print(f"Issued token {token['id']} to {user['id']}; expires {token['expires_at']}.")
    _show_secret(secret)


@accounts_app.command("add-email")
def add_record_email(
    author: str = typer.Argument(..., help="The author's id (any of its ids)."),
    email: str = typer.Argument(..., help="An address on the author's record."),
) -> None:
    """Put an e-mail address on an author's record (kept private): a claim's code may go
    there."""
    settings = get_settings()
    store = store_from(settings)
    try:
        with make_driver(settings) as driver:
            check_connectivity(driver, settings)
            author_id = resolve_author(Graph(driver, settings.neo4j_database), author)
        accounts.add_record_email(store, author_id, email)
    finally:
        store.close()
    console.print(f"{mask(email.strip().lower())} is on {author_id}'s record; a claim of it "
                  "may send its code there.")


@accounts_app.command("upgrade")
def upgrade_store() -> None:
    """Create or migrate the accounts store's tables to the newest version (idempotent)."""
    settings = get_settings()
    store_from(settings).close()
    console.print(f"Accounts store up to date ({_where(settings)}).")


@accounts_app.command("migrate-graph")
def migrate_graph() -> None:
    """Move an old graph's platform data (users' e-mails, tokens, claims, invitations, audit,
    rate limits) into the accounts store, then delete it from the graph (idempotent)."""
    settings = get_settings()
    store = store_from(settings)
    try:
        with make_driver(settings) as driver:
            check_connectivity(driver, settings)
            moved = migration.migrate_graph(driver, settings.neo4j_database, store,
                                            settings.token_max_ttl_days)
    finally:
        store.close()
    console.print(f"Moved into the accounts store ({_where(settings)}): "
                  + ", ".join(f"{count} {what}" for what, count in moved.items())
                  + "; the graph keeps only (:User {id}) with FOLLOWS and CLAIMED.")


def _where(settings: Settings) -> str:
    """The store's URL without a password, to say where it is."""
    from sqlalchemy import make_url

    return make_url(settings.accounts_url).render_as_string(hide_password=True)
