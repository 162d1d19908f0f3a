"""Identity rules that need no database: where a claim code may go, masking, ORCID iDs and
responses, hashing, and when a claim refuses every code."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from pydantic import SecretStr

from core.errors import ConfigurationError, InvalidParameter, UpstreamUnavailable
from core.keyed import keyed, keyed_from_sha256, sha256_hex
from core.settings import Settings
from service.identity.claims import choose_address, mask
from service.identity.verify import _refusal
from service.orcid import OrcidClient, OrcidRefused, bare_orcid

TARGET = {"id": "A1", "emails": ["ada@example.org"], "domains": ["uni.example.edu"]}


def _settings(**extra: Any) -> Settings:
    return Settings(_env_file=None, neo4j_password="x", **extra)  # type: ignore[call-arg]


def test_the_code_goes_to_the_records_address_by_default() -> None:
    assert choose_address(TARGET, None) == ("ada@example.org", "L2")
    assert choose_address(TARGET, "ADA@example.org") == ("ada@example.org", "L2")


def test_an_address_at_an_affiliated_domain_or_subdomain_gives_l3() -> None:
    assert choose_address(TARGET, "ada@uni.example.edu") == ("ada@uni.example.edu", "L3")
    assert choose_address(TARGET, "ada@cs.uni.example.edu")[1] == "L3"


@pytest.mark.parametrize("typed", ["ada@evil.example", "ada@notuni.example.edu",
                                   "ada@uni.example.edu.evil.example"])
def test_an_address_the_record_does_not_vouch_for_is_refused(typed: str) -> None:
    with pytest.raises(InvalidParameter, match="is neither on the record of"):
        choose_address(TARGET, typed)


def test_a_record_without_addresses_says_what_to_do() -> None:
    with pytest.raises(InvalidParameter, match=r"uni\.example\.edu"):
        choose_address({**TARGET, "emails": []}, None)


def test_masking() -> None:
    assert mask("ada@uni.example.edu") == "a***@uni.example.edu"


def test_keyed_hashes_depend_on_the_key_and_the_purpose_and_convert_old_hashes() -> None:
    key, other = b"k" * 32, b"o" * 32
    assert keyed(key, "token", "pg_x") != keyed(other, "token", "pg_x")
    assert keyed(key, "token", "pg_x") != keyed(key, "session", "pg_x")
    assert keyed(key, "claim-code", "clm_1:123456") != keyed(key, "claim-code", "clm_2:123456")
    old = hashlib.sha256(b"pg_x").hexdigest()  # what the graph stored before the key
    assert sha256_hex("pg_x") == old
    assert keyed_from_sha256(key, "token", old) == keyed(key, "token", "pg_x")
    assert "pg_x" not in keyed(key, "token", "pg_x")


def test_a_short_or_missing_server_key_is_refused() -> None:
    for key in (None, "too-short"):
        with pytest.raises(ConfigurationError, match="PEERGRAPH_SECRET_KEY"):
            _settings(secret_key=key).secret_key_bytes()


def test_bare_orcid_ids() -> None:
    assert bare_orcid("https://orcid.org/0000-0002-1825-009x") == "0000-0002-1825-009X"
    assert bare_orcid("0000-0002-1825-0097") == "0000-0002-1825-0097"
    assert bare_orcid("not an id") is None and bare_orcid(None) is None


LATER, EARLIER = datetime.now(UTC) + timedelta(hours=1), datetime.now(UTC) - timedelta(seconds=1)


@pytest.mark.parametrize(("claim", "reason"), [
    ({"status": "pending", "expires_at": LATER, "attempts": 0}, None),
    ({"status": "verified", "expires_at": LATER, "attempts": 0}, "used"),
    ({"status": "disputed", "expires_at": LATER, "attempts": 0}, "used"),
    ({"status": "pending", "expires_at": EARLIER, "attempts": 0}, "expired"),
    ({"status": "pending", "expires_at": LATER, "attempts": 5}, "locked"),
    ({"status": "locked", "expires_at": LATER, "attempts": 5}, "locked"),
])
def test_when_a_claim_refuses_every_code(claim: dict[str, Any], reason: str | None) -> None:
    assert _refusal(claim, _settings(claim_max_attempts=5)) == reason


def _orcid(handler: Any) -> OrcidClient:
    settings = _settings(orcid_client_id="APP-1", orcid_client_secret=SecretStr("s"),
                         orcid_token_url="https://orcid.test/oauth/token")
    return OrcidClient(settings, transport=httpx.MockTransport(handler))


def test_orcid_authorize_url_and_configuration() -> None:
    url = urlsplit(_orcid(lambda r: None).authorize_url("st4te"))
    query = parse_qs(url.query)
    assert url.netloc == "orcid.org" and query["state"] == ["st4te"]
    assert query["client_id"] == ["APP-1"] and query["scope"] == ["/authenticate"]
    with pytest.raises(ConfigurationError, match="PEERGRAPH_ORCID_CLIENT_ID"):
        OrcidClient(_settings()).authorize_url("x")


def test_orcid_exchange_outcomes() -> None:
    ok = _orcid(lambda r: httpx.Response(200, json={"orcid": "0000-0002-1825-0097"}))
    assert ok.exchange("c").orcid == "0000-0002-1825-0097"
    with pytest.raises(OrcidRefused):
        _orcid(lambda r: httpx.Response(400, json={"error": "invalid_grant"})).exchange("c")
    with pytest.raises(UpstreamUnavailable, match="503"):
        _orcid(lambda r: httpx.Response(503)).exchange("c")
    with pytest.raises(UpstreamUnavailable, match="names no ORCID"):
        _orcid(lambda r: httpx.Response(200, json={"name": "x"})).exchange("c")
    with pytest.raises(UpstreamUnavailable, match="did not answer"):
        _orcid(lambda r: (_ for _ in ()).throw(httpx.ConnectError("down"))).exchange("c")
