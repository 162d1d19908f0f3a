"""Every Cypher statement of Peergraph, as `<area>/<verb_noun>.cypher` files loaded by name."""

from __future__ import annotations

from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import LiteralString, cast

_ROOT = resources.files(__name__)


class UnknownQuery(KeyError):
    """Raised when code asks for a query file that does not exist."""


@cache
def query(name: str, root: Traversable = _ROOT) -> LiteralString:
    """The text of `<root>/<name>.cypher`, e.g. query("authors/get_profile"); cached."""
    # `root` is for bench/cypher/ (benchmark-only statements): production passes none.
    area, _, verb_noun = name.partition("/")
    node = root.joinpath(area, f"{verb_noun}.cypher") if verb_noun else None
    if node is None or ".." in name or not node.is_file():
        raise UnknownQuery(f"no Cypher file {root.name}/{name}.cypher")
    # The files are part of the package, never user input: that is what makes them literal.
    return cast(LiteralString, node.read_text(encoding="utf-8"))


def statements(name: str) -> list[LiteralString]:
    """The `;`-separated statements of a multi-statement file (schema files only)."""
    parts = [part.strip() for part in _without_comments(query(name)).split(";")]
    return [cast(LiteralString, p) for p in parts if p]


def names(area: str | None = None, root: Traversable = _ROOT) -> list[str]:
    """All query names under root (default: this package), optionally of one area, sorted."""
    found = []
    for folder in root.iterdir():
        if folder.is_dir() and (area is None or folder.name == area):
            found += [f"{folder.name}/{f.name[:-7]}" for f in folder.iterdir()
                      if f.name.endswith(".cypher")]
    return sorted(found)


def _without_comments(text: str) -> str:
    """The text without its whole-line `//` comments (they may contain `;`)."""
    return "\n".join(ln for ln in text.splitlines() if not ln.strip().startswith("//")).strip()
