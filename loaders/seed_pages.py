"""Convert the seed profile pages into the bundled sample dataset (a dev tool).

Usage: ``python -m loaders.seed_pages SEEDS_DIR OUT_JSONL``

SEEDS_DIR holds ``000_*.txt`` (researcher0's profile page) and ``001_*.txt`` …
(collaborators' abstract pages, researcher1… in sorted order). The output is the
JSON Lines format documented in ``loaders/sample_data/README.md``. Everything but
``main`` is pure: no database, no I/O.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path
from typing import Any

Record = dict[str, Any]

WORK_HEADER = re.compile(r"([a-z]+(?:-[a-z]+)*)((?:1[89]|20)\d\d)(.*)")
SENTENCE_END = re.compile(r"(?<!\be\.g)(?<!\bi\.e)(?<!\bal)(?<!\bvs)[.!?](?=\s+[A-Z(\[$\\])")
ABSTRACT_PREFIX = "Abstract:"
TITLE_LIMIT = 100
ELLIPSIS = "\u2026"
CLI_ARGS = 2  # SEEDS_DIR OUT_JSONL
MIN_BLOCK_PARTS = 3  # header, title paragraph, at least one abstract paragraph


def normalise(text: str) -> str:
    """Collapse every run of whitespace to one space and strip the ends."""
    return " ".join(text.split())


def work_id(abstract: str) -> str:
    """Return the stable sample work id for an abstract."""
    digest = hashlib.sha1(normalise(abstract).encode("utf-8"), usedforsecurity=False).hexdigest()
    return f"sample:w{digest[:12]}"


def derive_title(abstract: str, limit: int = TITLE_LIMIT) -> str:
    """Derive a title from an abstract: its first sentence, cut at a word boundary."""
    text = normalise(abstract)
    end = SENTENCE_END.search(text)
    sentence = text[: end.start()] if end else text.rstrip(".!?")
    if len(sentence) <= limit:
        return sentence
    cut = sentence[: limit - 1]
    if sentence[limit - 1] != " " and " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:-") + ELLIPSIS


def _header_match(pattern: str, text: str) -> re.Match[str]:
    """Find a required line pattern in the page text or fail loudly."""
    match = re.search(pattern, text, flags=re.MULTILINE)
    if match is None:
        raise ValueError(f"profile page: no line matching {pattern!r}")
    return match


def parse_profile_author(text: str) -> Record:
    """Parse the record facts (name, claimed, followers) from a profile page."""
    name = _header_match(r"^Follow (\S+)\s*$", text).group(1)
    claimed: bool | None = None
    if re.search(r"(?<![A-Za-z])Unclaimed author", text):  # glued: "L1Unclaimed"
        claimed = False
    elif re.search(r"(?<![A-Za-z])Claimed author", text):
        claimed = True
    followers = int(_header_match(r"^(\d+)\s*followers\s*$", text).group(1))
    return {"name": name, "claimed": claimed, "followers": followers}


def parse_readout(text: str) -> dict[str, Any]:
    """Parse the page's displayed read-out (computed values, never stored as data)."""
    trust = _header_match(r"Trust (\d+) - (.+?)\s*Verification (L\d)", text)
    count = {
        key: int(_header_match(rf"^(\d+)\s*{label}\s*$", text).group(1))
        for key, label in (
            ("works", "works"),
            ("topics", "topics"),
            ("close_collaborators", "close collaborators"),
        )
    }
    listed = int(_header_match(r"^(\d+) published item\(s\)\s*$", text).group(1))
    return {
        "trust_score": int(trust.group(1)),
        "trust_band": trust.group(2),
        "verification_level": trust.group(3),
        **count,
        "listed_works": listed,
    }


def _paragraph_blocks(lines: list[str]) -> list[list[str]]:
    """Split stripped lines into work blocks of paragraphs, each led by a header."""
    blocks: list[list[str]] = []
    for line in lines:
        if WORK_HEADER.fullmatch(line):
            blocks.append([line, ""])
        elif blocks and line:
            blocks[-1][-1] = f"{blocks[-1][-1]} {line}"
        elif blocks and blocks[-1][-1]:
            blocks[-1].append("")
    return [[part for part in block if part] for block in blocks]


def _work_from_block(block: list[str]) -> Record:
    """Turn one [header, title, abstract paragraphs…] block into a work dict."""
    header = WORK_HEADER.fullmatch(block[0])
    if header is None or len(block) < MIN_BLOCK_PARTS:
        raise ValueError(f"profile page: incomplete work block {block[:2]!r}")
    return {
        "type": header.group(1),
        "year": int(header.group(2)),
        "venue": header.group(3).strip() or None,
        "title": normalise(block[1]),
        "abstract": normalise(" ".join(block[2:])),
    }


def parse_profile_page(text: str) -> tuple[Record, list[Record]]:
    """Parse a profile page into (author facts, works in page order)."""
    lines = [line.strip() for line in text.splitlines()]
    marker = "Published work"
    start = lines.index(marker) + 1 if marker in lines else 0
    works = [_work_from_block(block) for block in _paragraph_blocks(lines[start:])]
    return parse_profile_author(text), works


def parse_abstract_page(text: str) -> list[str]:
    """Parse an abstracts page into normalised abstracts (wrapped lines rejoined)."""
    abstracts: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith(ABSTRACT_PREFIX):
            abstracts.append(line[len(ABSTRACT_PREFIX) :])
        elif line and abstracts:
            abstracts[-1] += " " + line
    return [normalise(abstract) for abstract in abstracts]


def _author_records(author: Record, collaborators: int) -> list[Record]:
    """Build researcher0's record from its page facts and bare collaborator records."""
    records = [
        {
            "kind": "author",
            "id": "researcher0",
            "name": author["name"],
            "claimed": author["claimed"],
            "followers": author["followers"],
            "record_source": "seed-profile",
            "source_url": None,
        }
    ]
    for index in range(1, collaborators + 1):
        records.append(
            {
                "kind": "author",
                "id": f"researcher{index}",
                "name": f"researcher{index}",
                "claimed": None,
                "followers": None,
                "record_source": "seed-abstracts",
                "source_url": None,
            }
        )
    return records


def _profile_work_records(works: list[Record]) -> dict[str, Record]:
    """Key researcher0's works by id, refusing two works with one abstract."""
    records: dict[str, Record] = {}
    for work in works:
        wid = work_id(work["abstract"])
        if wid in records:
            raise ValueError(f"profile page: duplicate abstract for {work['title']!r}")
        records[wid] = {
            "kind": "work",
            "id": wid,
            "title": work["title"],
            "title_derived": False,
            "abstract": work["abstract"],
            "year": work["year"],
            "type": work["type"],
            "venue": work["venue"],
            "authors": ["researcher0"],
        }
    return records


def _add_collaborator_works(
    records: dict[str, Record], author_id: str, abstracts: list[str]
) -> None:
    """Add one collaborator to the works on its page, creating unseen works."""
    for abstract in abstracts:
        wid = work_id(abstract)
        if wid not in records:
            records[wid] = {
                "kind": "work",
                "id": wid,
                "title": derive_title(abstract),
                "title_derived": True,
                "abstract": normalise(abstract),
                "year": None,
                "type": None,
                "venue": None,
                "authors": [],
            }
        if author_id not in records[wid]["authors"]:
            records[wid]["authors"].append(author_id)


def build_sample(profile_text: str, abstract_pages: list[str]) -> list[Record]:
    """Build the sample records: authors first, then works in first-seen order."""
    author, works = parse_profile_page(profile_text)
    if author["name"] != "researcher0":
        raise ValueError(f"profile page is for {author['name']!r}, not researcher0")
    records = _profile_work_records(works)
    for index, page in enumerate(abstract_pages, start=1):
        _add_collaborator_works(records, f"researcher{index}", parse_abstract_page(page))
    return _author_records(author, len(abstract_pages)) + list(records.values())


def to_jsonl(records: list[Record]) -> str:
    """Serialise records as JSON Lines (UTF-8 text, one object per line)."""
    return "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)


def _check_readout(profile_text: str, records: list[Record]) -> dict[str, Any]:
    """Check the parsed works against the counts the page itself displays."""
    readout = parse_readout(profile_text)
    own = sum(1 for r in records if r["kind"] == "work" and "researcher0" in r["authors"])
    if own != readout["works"] or own != readout["listed_works"]:
        raise ValueError(f"parsed {own} works; the page shows {readout['works']}")
    return readout


def main(argv: list[str] | None = None) -> int:
    """Read SEEDS_DIR, write OUT_JSONL, and print a summary."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != CLI_ARGS:
        print("usage: python -m loaders.seed_pages SEEDS_DIR OUT_JSONL", file=sys.stderr)
        return 2
    seeds, out = Path(args[0]), Path(args[1])
    pages = sorted(seeds.glob("[0-9][0-9][0-9]_*.txt"))
    if not pages or not pages[0].name.startswith("000_"):
        print(f"{seeds}: no 000_*.txt profile page", file=sys.stderr)
        return 1
    texts = [page.read_text(encoding="utf-8") for page in pages]
    records = build_sample(texts[0], texts[1:])
    readout = _check_readout(texts[0], records)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(to_jsonl(records), encoding="utf-8", newline="\n")
    works = [r for r in records if r["kind"] == "work"]
    print(f"wrote {out}: {len(records) - len(works)} authors, {len(works)} works")
    print(f"page read-out (not stored): {json.dumps(readout)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
