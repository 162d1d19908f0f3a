"""Users and tokens against the real service and Neo4j: no write without a valid token,
tokens stored only as hashes, expiry and revocation, admins only where the issue says."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient
from identity_helpers import User
from neo4j import Driver
from sqlalchemy import select, update
from typer.testing import CliRunner

from core.accounts import AccountsStore, tables
from core.keyed import keyed
from core.settings import Settings

WRITES = [
    ("put", "/api/v1/authors/researcher0/follow", None),
    ("delete", "/api/v1/authors/researcher0/follow", None),
    ("post", "/api/v1/authors/researcher0/claims", {"method": "email"}),
    ("post", "/api/v1/claims/clm_x/verify", {"code": "123456"}),
    ("post", "/api/v1/invitations", {"to_author_id": "researcher1", "message": "hi"}),
    ("post", "/api/v1/tokens", {}),
    ("delete", "/api/v1/tokens/tok_x", None),
    ("post", "/api/v1/users", {"email": "x@example.org", "display_name": "x"}),
    ("post", "/api/v1/admin/rescore", None),
]


def _call(client: TestClient, method: str, path: str, body: object,
          headers: dict[str, str] | None = None) -> int:
    kwargs: dict[str, object] = {"headers": headers or {}}
    if body is not None:
        kwargs["json"] = body
    return client.request(method.upper(), path, **kwargs).status_code  # type: ignore[arg-type]


def test_no_write_without_a_token_but_reads_stay_public(client: TestClient) -> None:
    for method, path, body in WRITES:
        response = client.request(method.upper(), path, json=body)
        assert response.status_code == 401, (method, path)
        assert response.headers["content-type"].startswith("application/problem+json")
        assert "Authorization: Bearer" in response.json()["detail"]
    assert client.get("/api/v1/authors/researcher0").status_code == 200


def test_an_unknown_or_malformed_token_is_refused(client: TestClient) -> None:
    for headers in ({"Authorization": "Bearer pg_not-a-real-token"},
                    {"Authorization": "Basic dXNlcjpwYXNz"}):
        assert _call(client, "put", "/api/v1/authors/researcher0/follow", None, headers) == 401


def test_tokens_are_stored_only_as_keyed_hashes(client: TestClient, graph: Driver,
                                                accounts_store: AccountsStore,
                                                make_user: Callable[[str], User]) -> None:
    ada = make_user("ada")
    with accounts_store.read() as conn:
        props = dict(conn.execute(select(tables.tokens).where(tables.tokens.c.id ==
                                                              ada.token_id)).mappings().one())
    assert props["hash"] == keyed(accounts_store.key, "token", ada.secret)
    assert props["hash"] != hashlib.sha256(ada.secret.encode()).hexdigest()  # keyed, not bare
    assert ada.secret not in {str(v) for v in props.values()}
    listed = client.get("/api/v1/tokens", headers=ada.headers).json()["tokens"]
    assert [t["id"] for t in listed] == [ada.token_id]
    assert "secret" not in listed[0] and "hash" not in listed[0]


def test_an_expired_token_is_refused(client: TestClient, accounts_store: AccountsStore,
                                     make_user: Callable[[str], User]) -> None:
    ada = make_user("ada")
    assert client.get("/api/v1/users/me", headers=ada.headers).json()["id"] == ada.id
    with accounts_store.write() as conn:
        conn.execute(update(tables.tokens).where(tables.tokens.c.id == ada.token_id)
                     .values(expires_at=datetime.now(UTC) - timedelta(seconds=1)))
    response = client.put("/api/v1/authors/researcher0/follow", headers=ada.headers)
    assert response.status_code == 401
    assert "expired" in response.json()["detail"]


def test_a_revoked_token_is_refused_and_only_its_owner_may_revoke_it(
        client: TestClient, make_user: Callable[[str], User]) -> None:
    ada, bob = make_user("ada"), make_user("bob")
    assert client.delete(f"/api/v1/tokens/{ada.token_id}", headers=bob.headers
                         ).status_code == 403
    second = client.post("/api/v1/tokens", headers=ada.headers, json={"name": "laptop"})
    assert second.status_code == 201
    revoked = client.delete(f"/api/v1/tokens/{ada.token_id}", headers=ada.headers)
    assert revoked.status_code == 200 and revoked.json()["revoked_at"]
    response = client.put("/api/v1/authors/researcher0/follow", headers=ada.headers)
    assert response.status_code == 401 and "revoked" in response.json()["detail"]
    laptop = {"Authorization": f"Bearer {second.json()['secret']}"}
    assert client.put("/api/v1/authors/researcher0/follow", headers=laptop).status_code == 200


def test_only_admins_create_users_or_issue_tokens_to_others(
        client: TestClient, admin: User, make_user: Callable[[str], User]) -> None:
    ada, bob = make_user("ada"), make_user("bob")
    body = {"email": "eve@example.org", "display_name": "Eve", "is_admin": True}
    assert client.post("/api/v1/users", headers=ada.headers, json=body).status_code == 403
    assert client.post("/api/v1/tokens", headers=ada.headers,
                       json={"user_id": bob.id}).status_code == 403
    issued = client.post("/api/v1/tokens", headers=admin.headers, json={"user_id": bob.id})
    assert issued.status_code == 201 and issued.json()["token"]["user_id"] == bob.id
    taken = client.post("/api/v1/users", headers=admin.headers,
                        json={"email": "ADA@example.org", "display_name": "Ada again"})
    assert taken.status_code == 409
    too_long = client.post("/api/v1/tokens", headers=ada.headers, json={"expires_in_days": 999})
    assert too_long.status_code == 422
    assert client.get("/api/v1/users", headers=ada.headers).status_code == 403
    assert len(client.get("/api/v1/users", headers=admin.headers).json()["users"]) == 3


def test_cli_bootstraps_an_admin_and_prints_its_token_once(
        client: TestClient, settings: Settings) -> None:
    from cli import app
    from core.settings import get_settings

    env = {"PEERGRAPH_NEO4J_URI": settings.neo4j_uri,
           "PEERGRAPH_NEO4J_USER": settings.neo4j_user,
           "PEERGRAPH_NEO4J_PASSWORD": settings.password(),
           "PEERGRAPH_ACCOUNTS_URL": settings.accounts_url,
           "PEERGRAPH_SECRET_KEY": settings.secret_key_bytes().decode()}
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(app, ["users", "create", "--email", "root@example.org",
                                          "--name", "Root", "--admin"], env=env)
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 0, result.output
    secret = [ln for ln in result.stdout.splitlines() if ln.startswith("pg_")]
    assert len(secret) == 1
    me = client.get("/api/v1/users/me", headers={"Authorization": f"Bearer {secret[0]}"})
    assert me.status_code == 200 and me.json()["is_admin"] is True


def test_only_an_admin_triggers_a_rescoring_run(client: TestClient, admin: User,
                                                make_user: Callable[[str], User]) -> None:
    ada = make_user("ada")
    assert client.post("/api/v1/admin/rescore", headers=ada.headers).status_code == 403
    started = client.post("/api/v1/admin/rescore", headers=admin.headers)
    assert started.status_code == 202
    # TestClient runs the background task before returning: the run is recorded.
    runs = client.get("/api/v1/scoring/runs").json()["runs"]
    assert len(runs) == 1 and runs[0]["status"] == "completed"
