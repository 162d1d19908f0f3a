"""Pure helpers that read typed fields from source records and normalise source ids."""

from __future__ import annotations

import re
from typing import Any

OPENALEX_ID = re.compile(r"^(?:https?://openalex\.org/)?([A-Za-z])(\d+)$")
ORCID = re.compile(r"(\d{4}-\d{4}-\d{4}-\d{3}[\dX])$")
DOI_PREFIXES = ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "doi:")
PLACEHOLDER_AUTHOR = "A9999999999"  # OpenAlex's "unknown author" placeholder: never a person


def text(record: dict[str, Any], key: str) -> str | None:
    """A string field (stripped), None when absent or empty; ValueError when not a string."""
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"field {key!r} must be a string, got {type(value).__name__}")
    return value.strip() or None


def integer(record: dict[str, Any], key: str) -> int | None:
    """An integer field, None when absent; ValueError for anything but an int."""
    value = record.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"field {key!r} must be an integer, got {type(value).__name__}")
    if not -(2**63) <= value < 2**63:  # Neo4j stores 64-bit integers; a bigger one fails a batch
        raise ValueError(f"field {key!r} is out of the 64-bit integer range")
    return value


def number(record: dict[str, Any], key: str) -> float | None:
    """A numeric field as float, None when absent; ValueError for anything else."""
    value = record.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"field {key!r} must be a number, got {type(value).__name__}")
    return float(value)


def mapping(record: dict[str, Any], key: str) -> dict[str, Any]:
    """An object field, {} when absent or null; ValueError when it is not an object."""
    value = record.get(key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ValueError(f"field {key!r} must be an object, got {type(value).__name__}")
    return value


def items(record: dict[str, Any], key: str) -> list[dict[str, Any]]:
    """A list-of-objects field, [] when absent; ValueError when it is not a list of objects."""
    value = record.get(key)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise ValueError(f"field {key!r} must be a list of objects")
    return value


def strings(record: dict[str, Any], key: str) -> list[str]:
    """A list-of-strings field, [] when absent; ValueError when it is not a list of strings."""
    value = record.get(key)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"field {key!r} must be a list of strings")
    return value


def openalex_id(value: Any) -> str | None:
    """'https://openalex.org/W123' or 'W123' -> 'W123'; None for null or anything else."""
    if not isinstance(value, str):
        return None
    found = OPENALEX_ID.match(value.strip())
    return f"{found.group(1).upper()}{found.group(2)}" if found else None


def orcid(value: Any) -> str | None:
    """The bare ORCID iD ('0000-0001-6187-6610') from a URL or bare form; None otherwise."""
    found = ORCID.search(value.strip()) if isinstance(value, str) else None
    return found.group(1) if found else None


def ror(value: Any) -> str | None:
    """The bare ROR id ('00jmfr291') from 'https://ror.org/00jmfr291'; None for null."""
    if not isinstance(value, str) or not value.strip():
        return None
    return value.strip().rstrip("/").rsplit("/", 1)[-1]


def doi(value: Any) -> str | None:
    """The DOI lower-cased without its resolver prefix ('10.7717/peerj.4375'); None for null."""
    if not isinstance(value, str) or not value.strip():
        return None
    bare = value.strip()
    for prefix in DOI_PREFIXES:
        if bare.lower().startswith(prefix):
            bare = bare[len(prefix):]
    return bare.lower() or None


def source_number(value: Any) -> str | None:
    """A numeric source id as a string without leading zeros, from a number, a digit string
    or a URL ending in one ('https://pubmed.ncbi.nlm.nih.gov/8232800', 'PMC3016735');
    None for null or anything else."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        return None
    tail = value.strip().rstrip("/").rsplit("/", 1)[-1].upper().removeprefix("PMC")
    return (tail.lstrip("0") or "0") if tail.isdigit() else None


def abstract_from_inverted_index(index: Any) -> str | None:
    """Rebuild an abstract from OpenAlex's {word: [positions]}; None when there is none."""
    if not index:
        return None
    if not isinstance(index, dict):
        raise ValueError("field 'abstract_inverted_index' must be an object")
    placed: dict[int, str] = {}
    for word, positions in index.items():
        if not isinstance(positions, list) or not all(isinstance(p, int) for p in positions):
            raise ValueError(f"abstract_inverted_index[{word!r}] must be a list of positions")
        for position in positions:
            placed[position] = word
    return " ".join(placed[p] for p in sorted(placed)) or None


def year_span(years: list[Any]) -> tuple[int | None, int | None]:
    """(first, last) of a list of years, ignoring anything that is not an int."""
    valid = [y for y in years if isinstance(y, int) and not isinstance(y, bool)]
    return (min(valid), max(valid)) if valid else (None, None)
