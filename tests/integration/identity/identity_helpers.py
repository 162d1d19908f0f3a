"""Steps the identity tests share: start and complete a claim the way a client would."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fastapi.testclient import TestClient


@dataclass(frozen=True)
class User:
    """A test user and the headers that act as it."""

    id: str
    secret: str
    token_id: str

    @property
    def headers(self) -> dict[str, str]:
        """The Authorization header of this user's token."""
        return {"Authorization": f"Bearer {self.secret}"}


def start_email_claim(client: TestClient, user: User, author: str,
                      email: str | None = None) -> dict[str, Any]:
    """POST a claim by e-mail; returns the response body (asserting 201)."""
    body: dict[str, str] = {"method": "email"}
    if email:
        body["email"] = email
    response = client.post(f"/api/v1/authors/{author}/claims", headers=user.headers, json=body)
    assert response.status_code == 201, response.text
    started: dict[str, Any] = response.json()
    return started


def last_code(outbox: Callable[[], list[dict[str, str]]], to: str) -> str:
    """The code in the newest message to this address."""
    message = [m for m in outbox() if m["to"] == to][-1]
    found = re.search(r"the code is (\d{6})", message["body"])
    assert found, message
    return found.group(1)


def claim_by_email(client: TestClient, user: User, author: str, outbox: Callable[[], Any],
                   to: str, email: str | None = None) -> dict[str, Any]:
    """Start and verify an e-mail claim; returns the verify response body (asserting 200)."""
    claim = start_email_claim(client, user, author, email)["claim"]
    response = client.post(f"/api/v1/claims/{claim['id']}/verify", headers=user.headers,
                           json={"code": last_code(outbox, to)})
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


def sign_in_page(client: TestClient, secret: str) -> str:
    """Sign in on the pages with a token; the session cookie's value."""
    form = client.get("/signin").text
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', form)
    assert csrf is not None
    response = client.post("/signin", data={"token": secret, "csrf_token": csrf.group(1),
                                            "next": "/"}, follow_redirects=False)
    assert response.status_code == 303, response.text
    return str(client.cookies["peergraph_session"])


def bootstrap_admin(store: Any, settings: Any) -> User:
    """An admin, made the way `peergraph users create --admin` makes one."""
    from service.identity import accounts

    user, token, secret = accounts.create_user(store, settings, accounts.CLI_CALLER,
                                               "admin@example.org", "Admin", is_admin=True)
    assert token is not None and secret is not None
    return User(user["id"], secret, token["id"])


def user_maker(client: TestClient, admin: User) -> Callable[[str], User]:
    """make(name) creates a user through the API (as the admin) and returns it."""
    def make(name: str) -> User:
        response = client.post("/api/v1/users", headers=admin.headers,
                               json={"email": f"{name}@example.org", "display_name": name})
        assert response.status_code == 201, response.text
        body = response.json()
        return User(body["user"]["id"], body["token"]["secret"], body["token"]["token"]["id"])
    return make


def outbox_reader(path: Any) -> Callable[[], list[dict[str, str]]]:
    """read() lists the messages a file outbox holds, oldest first."""
    import json
    from pathlib import Path

    def read() -> list[dict[str, str]]:
        if not Path(path).exists():
            return []
        return [json.loads(line) for line in Path(path).read_text().splitlines()]
    return read


def page_csrf(client: TestClient) -> str:
    """The CSRF token a page form carries in this client's session."""
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/signin").text)
    assert found is not None
    return found.group(1)


def signin_code(outbox: Callable[[], list[dict[str, str]]], to: str) -> str:
    """The sign-in code in the newest sign-in message to this address."""
    message = [m for m in outbox()
               if m["to"] == to.lower() and "sign-in" in m["subject"]][-1]
    found = re.search(r"the code is (\d{6})", message["body"])
    assert found, message
    return found.group(1)


def ask_code(client: TestClient, email: str, next_page: str = "/") -> Any:
    """Ask for a sign-in code on the page; the response."""
    return client.post("/signin/code", data={"email": email, "csrf_token": page_csrf(client),
                                             "next": next_page})


def enter_code(client: TestClient, email: str, code: str, next_page: str = "/") -> Any:
    """Enter a sign-in code on the page; the response (a 303 when it signs in)."""
    return client.post("/signin/verify", data={"email": email, "code": code,
                                               "csrf_token": page_csrf(client),
                                               "next": next_page}, follow_redirects=False)


def sign_in_by_code(client: TestClient, outbox: Callable[[], list[dict[str, str]]],
                    email: str, next_page: str = "/") -> Any:
    """Ask for a code and enter it; the 303 response (asserted)."""
    assert ask_code(client, email, next_page).status_code == 200
    response = enter_code(client, email, signin_code(outbox, email), next_page)
    assert response.status_code == 303, response.text
    return response
