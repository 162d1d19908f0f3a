"""Graph builders for the scoring tests: authors, works and verified identities by hand."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from typing import Any

from neo4j import Driver

from loaders.graph_rows import node_row

WORDS = ("graph", "neural", "protein", "learning", "quantum", "network", "model", "data",
         "trust", "citation", "molecule", "energy", "optimal", "sparse", "robust", "causal",
         "signal", "cell", "climate", "language", "vision", "bayesian", "kernel", "dynamics",
         "transport", "inference", "scalable", "gradient", "spectral", "genome")

Builder = Callable[..., None]


def author_row(author_id: str, level: str = "L1") -> dict[str, Any]:
    """An author row: L0 name only, L1 record-matched, L2 claimed and identity verified."""
    props: dict[str, Any] = {"name": author_id, "source": "test",
                             "identity": "name" if level == "L0" else "strong"}
    if level in ("L2", "L3"):
        props.update(claimed=True, identity_verified=True, orcid=f"0000-{author_id}")
    if level == "L3":
        props["affiliation_verified"] = True
    return node_row(author_id, **props)


def work_rows(work_id: str, authors: Sequence[str], year: int, rng: random.Random
              ) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """A work with a made-up title and abstract, and its authorships."""
    theme = rng.sample(WORDS, 6)  # a few words per work, so topics have something to find
    title = " ".join(rng.choice(theme) for _ in range(6))
    abstract = " ".join(rng.choice(theme) for _ in range(40))
    work = node_row(work_id, title=title, abstract=abstract, year=year, type="article",
                    source="test")
    links = [{"author_id": a, "work_id": work_id, "position": i, "raw_affiliation": None}
             for i, a in enumerate(authors)]
    return work, links


def ring_and_verified_graph(rng: random.Random) -> tuple[dict[str, str], list[Any]]:
    """30 unverified authors writing 300 works only among themselves, and an L2 author of
    similar output (30 works) with three verified co-authors."""
    ring = [f"ring{i:02d}" for i in range(30)]
    authors = dict.fromkeys(ring, "L1")
    works: list[Any] = [(f"ringwork{i:03d}", rng.sample(ring, 3), 2015 + i % 10)
                        for i in range(300)]
    authors.update({"target": "L2", "ver1": "L2", "ver2": "L2", "ver3": "L2"})
    for i in range(30):
        coauthors = [f"ver{1 + i % 3}"] if i < 12 else []
        works.append((f"twork{i:03d}", ["target", *coauthors], 2015 + i % 10))
    for v in ("ver1", "ver2", "ver3"):
        works += [(f"{v}work{i}", [v], 2016 + i) for i in range(8)]
    return authors, works


def author_props(driver: Driver, author_id: str) -> dict[str, Any]:
    """All properties of an author."""
    records, _, _ = driver.execute_query("MATCH (a:Author {id: $id}) RETURN a {.*} AS a",
                                         id=author_id)
    return dict(records[0]["a"])
