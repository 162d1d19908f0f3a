"""Opaque keyset cursors: base64url of the last item's sort key, checked when read back."""

from __future__ import annotations

import base64
import binascii
import json

from core.errors import InvalidParameter


def encode_cursor(sort_year: int, item_id: str) -> str:
    """The cursor that continues after an item with this (sort_year, id) key."""
    raw = json.dumps([sort_year, item_id], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[int, str]:
    """(sort_year, id) from a cursor made by encode_cursor; a 422 naming `cursor` otherwise."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        year, item_id = json.loads(raw)
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError) as exc:
        raise _bad_cursor() from exc
    if type(year) is not int or year < -1 or not isinstance(item_id, str) or not item_id:
        raise _bad_cursor()
    return year, item_id


def _bad_cursor() -> InvalidParameter:
    """The one error for a cursor we did not make."""
    message = "not a cursor this API returned; pass next_cursor from the previous page as is"
    return InvalidParameter(f"cursor: {message}",
                            errors=[{"parameter": "cursor", "in": "query", "message": message}])
