"""Keyed hashes of secrets: what the stores keep instead of tokens, session ids and codes.

HMAC-SHA256 under the server key (PEERGRAPH_SECRET_KEY), over the purpose and the sha256 of
the secret: without the key, a copy of both stores does not let anyone test a guess, even
of a 6-digit code; and a hash from before the key (an unkeyed sha256) converts in place."""

from __future__ import annotations

import hashlib
import hmac


def sha256_hex(secret: str) -> str:
    """The hex sha256 of a secret (what the graph stored before the accounts store)."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def keyed_from_sha256(key: bytes, purpose: str, sha256: str) -> str:
    """The keyed hash of a secret whose sha256 is known (so old hashes can be converted)."""
    return hmac.new(key, f"{purpose}\0{sha256}".encode(), hashlib.sha256).hexdigest()


def keyed(key: bytes, purpose: str, secret: str) -> str:
    """The keyed hash of a secret for one purpose ('token', 'session', 'claim-code', …)."""
    return keyed_from_sha256(key, purpose, sha256_hex(secret))
