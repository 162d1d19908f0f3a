"""Graphs with citations for the integrity and graph-impact tests: fields whose works share
a vocabulary (so the computed topics follow them), a citation-stacking ring, a dense field,
and authors cited by themselves or by others."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from neo4j import Driver

from core.graph import Graph
from loaders.graph_rows import GraphRows, node_row, write_rows

FIELD_F = (("protein", "folding", "chaperone", "misfolding", "aggregation", "amyloid"),
           ("enzyme", "catalysis", "substrate", "kinetics", "active", "turnover"),
           ("membrane", "lipid", "bilayer", "vesicle", "fusion", "channel"),
           ("ligand", "binding", "affinity", "docking", "receptor", "pocket"),
           ("kinase", "phosphorylation", "signalling", "cascade", "inhibitor", "pathway"))
FIELD_G = (("glacier", "ice", "melt", "moraine", "calving", "firn"),
           ("permafrost", "thaw", "carbon", "soil", "tundra", "methane"))
FIELD_H = (("compiler", "register", "allocation", "bytecode", "inlining", "optimiser"),)


@dataclass
class CitationGraph:
    """Rows to write, and each work's field theme (for citing by topic)."""

    rng: random.Random
    rows: GraphRows = field(default_factory=GraphRows)
    theme: dict[str, tuple[str, ...]] = field(default_factory=dict)
    owners: dict[str, Sequence[str]] = field(default_factory=dict)

    def author(self, author_id: str, level: str = "L1") -> None:
        """An author record (L1: a stable id; L2: claimed and verified)."""
        props: dict[str, Any] = {"name": author_id, "source": "test", "identity": "strong"}
        if level == "L2":
            props.update(claimed=True, identity_verified=True)
        self.rows.authors.append(node_row(author_id, **props))

    def work(self, work_id: str, authors: Sequence[str], year: int,
             theme: tuple[str, ...], **props: Any) -> None:
        """A work whose title and abstract use its theme's words."""
        words = list(theme)
        title = " ".join(self.rng.choice(words) for _ in range(6))
        abstract = " ".join(self.rng.choice(words) for _ in range(40))
        self.rows.works.append(node_row(work_id, title=title, abstract=abstract, year=year,
                                        type="article", source="test", **props))
        self.rows.authorships.extend(
            {"author_id": a, "work_id": work_id, "position": i, "raw_affiliation": None}
            for i, a in enumerate(authors))
        self.theme[work_id], self.owners[work_id] = theme, authors

    def cite(self, work_id: str, cited_id: str) -> None:
        """work_id cites cited_id."""
        self.rows.cites.append({"work_id": work_id, "cited_id": cited_id})

    def write(self, driver: Driver, database: str) -> None:
        """Write every row in one transaction."""
        write_rows(Graph(driver, database), self.rows)


def fields_with_a_ring(graph: CitationGraph) -> None:
    """Field F: 40 authors citing works of their sub-topic (ring's too) and a ring of 10
    inside it whose works cite only the ring's; field G: 10 authors citing each other by
    sub-topic, as densely as the ring but because that is all their topic holds."""
    rng = graph.rng
    for group, size, themes in (("bg", 40, FIELD_F), ("ring", 10, FIELD_F),
                                ("dense", 10, FIELD_G)):
        for a in range(size):
            author = f"{group}{a:02d}"
            graph.author(author)
            for k in range(5):
                graph.work(f"{author}-w{k}", [author], 2016 + k, rng.choice(themes))
    works = sorted(graph.owners)
    for work_id in works:
        me = graph.owners[work_id][0]
        if me.startswith("ring"):
            pool = [w for w in works if w.startswith("ring") and not w.startswith(me)]
        else:
            same_field = ("dense",) if me.startswith("dense") else ("bg", "ring")
            pool = [w for w in works if w.startswith(same_field) and not w.startswith(me)
                    and graph.theme[w] == graph.theme[work_id]]
        for cited in rng.sample(pool, min(6 if me.startswith(("ring", "dense")) else 4,
                                          len(pool))):
            graph.cite(work_id, cited)
