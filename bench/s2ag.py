"""S2AG loader throughput against the OpenAlex online loader's, in the same process and Neo4j.

Usage (from the repo root):
  .venv/bin/python -m bench.s2ag [--papers 20000] [--batch-size 5000] [--writers 2]
Against a running Neo4j: PEERGRAPH_NEO4J_URI / PEERGRAPH_NEO4J_PASSWORD (it is WIPED);
otherwise a throwaway local Neo4j is started and stopped. The S2AG release is synthetic and
seeded (papers with 1-6 authors from a skewed pool, 1-2 fields of study, a DOI; one citation
per paper to an earlier one), so papers + citations are 2 x --papers records. The OpenAlex
side is `peergraph generate synthetic` works, as many as papers. Both are warmed up once on
other data first. --papers 1000000 (the issue's figure) takes about 20 minutes on a quiet
2-core machine and ~6 GiB of disk for the generated files."""

from __future__ import annotations

import argparse
import random
import tempfile
from pathlib import Path

import orjson
from neo4j import Driver

from bench.common import timed
from bench.load import (
    add_loader_arguments,
    batched_load,
    fresh_graph,
    loader_options,
    neo4j,
    rate,
)
from loaders.pipeline import LoadOptions
from loaders.s2ag import discover, load_s2ag
from loaders.synthetic import write_synthetic

FIELDS = ("Computer Science", "Medicine", "Biology", "Physics", "Mathematics", "Chemistry",
          "Engineering", "Psychology", "Economics", "Materials Science")
TYPES = ("JournalArticle", "Conference", "Review", "Study")


def paper(rng: random.Random, corpus_id: int, authors: int) -> dict[str, object]:
    """One papers-dataset record in S2's field names."""
    byline = sorted({int(authors * rng.random() ** 3) for _ in range(rng.randint(1, 6))})
    return {
        "corpusid": corpus_id, "title": f"Synthetic paper {corpus_id}",
        "externalids": {"DOI": f"10.5555/s2.{corpus_id}", "CorpusId": str(corpus_id),
                        "MAG": str(3_000_000_000 + corpus_id), "ArXiv": None},
        "authors": [{"authorId": str(1_000 + a), "name": f"Author {a}"} for a in byline],
        "venue": "", "publicationvenueid": None, "year": 1990 + corpus_id % 35,
        "citationcount": corpus_id % 97, "referencecount": 1, "influentialcitationcount": 0,
        "isopenaccess": corpus_id % 3 == 0,
        "s2fieldsofstudy": [{"category": c, "source": "s2-fos-model"}
                            for c in rng.sample(FIELDS, rng.randint(1, 2))],
        "publicationtypes": [rng.choice(TYPES)], "publicationdate": None,
        "journal": {"name": "", "pages": None, "volume": ""},
        "updated": "2023-01-01T00:00:00.000Z"}


def write_release(root: Path, papers: int, seed: int) -> None:
    """A release folder with papers/ and citations/ (one citation per paper but the first)."""
    rng = random.Random(seed)
    authors = max(papers // 2, 10)
    (root / "papers").mkdir(parents=True)
    (root / "citations").mkdir()
    with (root / "papers" / "part-0.jsonl").open("wb") as out:
        for n in range(1, papers + 1):
            out.write(orjson.dumps(paper(rng, n, authors)) + b"\n")
    with (root / "citations" / "part-0.jsonl").open("wb") as out:
        for n in range(2, papers + 1):
            out.write(orjson.dumps({"citingcorpusid": str(n),
                                    "citedcorpusid": str(rng.randint(1, n - 1)),
                                    "isinfluential": n % 5 == 0, "contexts": None,
                                    "intents": None}) + b"\n")


def s2ag_rates(driver: Driver, root: Path, options: LoadOptions, papers: int) -> float:
    """Papers, then citations on top, into a fresh graph; papers/s over both loads."""
    fresh_graph(driver)
    first = timed(lambda: load_s2ag(driver, "neo4j", root / "papers", options))
    rate("s2ag papers", papers, first)
    second = timed(lambda: load_s2ag(driver, "neo4j", root / "citations", options))
    rate("s2ag citations", papers - 1, second)
    return rate("s2ag papers + their citations", papers, first + second)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=20_000)
    add_loader_arguments(parser)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, neo4j() as driver:
        work = Path(tmp)
        options = loader_options(work, args)
        write_release(work / "warm", min(args.papers, 5000), seed=99)
        write_release(work / "release", args.papers, seed=7)
        assert [i.path.parent.name for i in discover(work / "release")] == [
            "papers", "citations"]
        write_synthetic(work / "warm.jsonl", min(args.papers, 5000), seed=99)
        write_synthetic(work / "works.jsonl", args.papers, seed=7)
        s2ag_rates(driver, work / "warm", options, min(args.papers, 5000))  # warm-up
        batched_load(driver, work / "warm.jsonl", options)
        s2ag = s2ag_rates(driver, work / "release", options, args.papers)
        openalex = rate("openalex works (online loader)", args.papers,
                        batched_load(driver, work / "works.jsonl", options))
        print(f"s2ag papers+citations / openalex works: {s2ag / openalex:.2f}x")


if __name__ == "__main__":
    main()
