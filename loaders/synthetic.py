"""Synthetic OpenAlex-shaped works at any scale: seeded, reproducible, streaming, skewed.

Skew comes from power laws: authors per work (Pareto), how often an author, venue, topic or
institution is picked (rank u**k, a Zipf-like rank-frequency curve), and citations (older
works are cited far more). Authors' names, ORCIDs and home institutions derive from their
number, so one author looks the same in every work."""

from __future__ import annotations

import gzip
import random
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, cast

import orjson

WORK_BASE, AUTHOR_BASE = 9_000_000_000, 9_000_000_000
INSTITUTION_BASE, SOURCE_BASE, TOPIC_BASE = 9_000_000, 9_000_000, 10_000
FIRST = ("Ada", "Ali", "Ana", "Ben", "Chen", "Dana", "Eli", "Emma", "Hana", "Ivan", "Jin",
         "Kofi", "Lea", "Li", "Maria", "Mei", "Noor", "Omar", "Priya", "Raj", "Sara", "Tao",
         "Uma", "Wei", "Yara", "Yusuf", "Zoe")
LAST = ("Ahmed", "Garcia", "Hansen", "Ito", "Kim", "Kowalski", "Li", "Martin", "Müller",
        "Nguyen", "Okafor", "Patel", "Rossi", "Sato", "Silva", "Smith", "Tanaka", "Wang",
        "Wu", "Zhang", "Novak", "Haddad", "Costa", "Berg", "Dubois", "Ivanova", "Mensah")
WORDS = ("graph", "neural", "protein", "learning", "quantum", "network", "model", "data",
         "trust", "citation", "molecule", "energy", "optimal", "sparse", "robust", "causal",
         "signal", "cell", "climate", "language", "vision", "bayesian", "kernel", "dynamics",
         "transport", "inference", "scalable", "gradient", "spectral", "genome")
TYPES = ("article", "article", "article", "article", "preprint", "book-chapter", "dataset")


def _mix(number: int) -> int:
    """A cheap, stable integer hash (so per-author facts need no stored state)."""
    number = (number ^ (number >> 16)) * 0x45D9F3B & 0xFFFFFFFF
    return (number ^ (number >> 16)) * 0x45D9F3B & 0xFFFFFFFF


def _skewed(rng: random.Random, size: int, power: float) -> int:
    """An index in [0, size) where small indexes are far more likely (rank-frequency skew)."""
    return min(size - 1, int(size * rng.random() ** power))


class Generator:
    """Pools sized from the number of works; `works()` yields records one at a time."""

    def __init__(self, works: int, seed: int = 42) -> None:
        self.count, self.seed = works, seed
        self.authors = max(10, int(works * 0.9))
        self.institutions = max(5, min(20_000, works // 50))
        self.topics = max(20, min(4_500, works // 200))
        self.sources = max(5, min(30_000, works // 100))

    def works(self) -> Iterator[dict[str, Any]]:
        """Every work, in order; the same seed gives the same records."""
        rng = random.Random(self.seed)  # noqa: S311 - reproducible test data, not secrets
        for index in range(self.count):
            yield self._work(rng, index)

    def _work(self, rng: random.Random, index: int) -> dict[str, Any]:
        year = 1990 + index * 35 // max(1, self.count)
        topics = sorted({_skewed(rng, self.topics, 2.0) for _ in range(1 + rng.randrange(3))})
        words = [WORDS[(t + k * 7) % len(WORDS)] for t in topics for k in range(4)]
        abstract = [rng.choice(words) for _ in range(20 + rng.randrange(30))]
        return {
            "id": f"https://openalex.org/W{WORK_BASE + index}",
            "doi": f"https://doi.org/10.5555/synthetic.{index}",
            "title": " ".join(rng.sample(words, min(6, len(words)))).capitalize(),
            "publication_year": year, "publication_date": f"{year}-01-01",
            "type": rng.choice(TYPES), "language": "en", "updated_date": "2024-01-01",
            "cited_by_count": 0,
            "authorships": self._authorships(rng),
            "primary_location": {"source": self._source(_skewed(rng, self.sources, 2.5))},
            "primary_topic": self._topic(topics[0], 0.99),
            "topics": [self._topic(t, round(0.99 - 0.1 * k, 2)) for k, t in enumerate(topics)],
            "referenced_works": self._references(rng, index),
            "abstract_inverted_index": _inverted(abstract),
        }

    def _authorships(self, rng: random.Random) -> list[dict[str, Any]]:
        size = min(60, int(rng.paretovariate(1.7) * 1.85))
        chosen = dict.fromkeys(_skewed(rng, self.authors, 1.8) for _ in range(max(1, size)))
        return [self._authorship(number, position, len(chosen))
                for position, number in enumerate(chosen)]

    def _authorship(self, number: int, position: int, size: int) -> dict[str, Any]:
        facts = _mix(number)
        institution = int(self.institutions * ((facts % 1000) / 1000) ** 2)
        orcid = (f"https://orcid.org/0000-000{facts % 10}-{facts % 9000 + 1000}-"
                 f"{number % 9000 + 1000}") if facts % 5 < 2 else None
        name = f"{FIRST[facts % len(FIRST)]} {LAST[(facts >> 8) % len(LAST)]}"
        return {
            "author_position": "first" if position == 0 else (
                "last" if position == size - 1 else "middle"),
            "author": {"id": f"https://openalex.org/A{AUTHOR_BASE + number}",
                       "display_name": name, "orcid": orcid},
            "institutions": [self._institution(institution)],
            "raw_affiliation_strings": [f"Institute {institution}"],
        }

    def _institution(self, number: int) -> dict[str, Any]:
        short = f"I{INSTITUTION_BASE + number}"
        return {"id": f"https://openalex.org/{short}", "display_name": f"Institute {number}",
                "ror": f"https://ror.org/0syn{number:05d}", "type": "education",
                "country_code": ("US", "GB", "CN", "DE", "IN", "BR", "FR", "JP")[number % 8],
                "lineage": [f"https://openalex.org/{short}"]}

    def _source(self, number: int) -> dict[str, Any]:
        return {"id": f"https://openalex.org/S{SOURCE_BASE + number}",
                "display_name": f"Journal of Synthetic Studies {number}", "type": "journal",
                "issn_l": f"{number % 10000:04d}-{number // 10000 % 10000:04d}"}

    def _topic(self, number: int, score: float) -> dict[str, Any]:
        return {"id": f"https://openalex.org/T{TOPIC_BASE + number}",
                "display_name": f"{WORDS[number % len(WORDS)].capitalize()} studies {number}",
                "score": score, "field": {"display_name": WORDS[number % 7].capitalize()}}

    def _references(self, rng: random.Random, index: int) -> list[str]:
        count = min(200, int(rng.paretovariate(1.4) * 1.5)) if index else 0
        cited = set()
        for _ in range(count):
            # Mostly earlier works, old ones cited most; 5% outside the set (stubs).
            target = (self.count + rng.randrange(self.count) if rng.random() < 0.05
                      else _skewed(rng, index, 3.0))
            cited.add(target)
        return [f"https://openalex.org/W{WORK_BASE + t}" for t in sorted(cited)]


def _inverted(words: list[str]) -> dict[str, list[int]]:
    """OpenAlex's abstract_inverted_index for a list of words."""
    index: dict[str, list[int]] = {}
    for position, word in enumerate(words):
        index.setdefault(word, []).append(position)
    return index


def write_synthetic(out: Path, works: int, seed: int = 42) -> int:
    """Write `works` synthetic works as JSON Lines (gzipped when OUT ends in .gz)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.suffix == ".gz":
        with gzip.open(out, "wb", compresslevel=3) as zipped:
            _write_records(cast(IO[bytes], zipped), Generator(works, seed))
    else:
        with out.open("wb") as plain:
            _write_records(plain, Generator(works, seed))
    return works


def _write_records(stream: IO[bytes], generator: Generator) -> None:
    """One JSON line per generated work."""
    for record in generator.works():
        stream.write(orjson.dumps(record) + b"\n")
