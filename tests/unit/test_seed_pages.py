"""Unit tests for the seed-page converter and the committed sample dataset."""

from __future__ import annotations

import json
import re
from collections import Counter
from importlib import resources
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest

from loaders import seed_pages
from loaders.seed_pages import (
    build_sample,
    derive_title,
    normalise,
    parse_abstract_page,
    parse_profile_page,
    parse_readout,
    to_jsonl,
    work_id,
)

# --- inline excerpts in the seeds' text shape (invented text, not seed copies) ---

HEADER = """Trust snapshot

Quick read

Trust 21 - EmergingVerification L1Unclaimed author
{works}works
0followers
23topics
4close collaborators

Actions

Follow researcher0

Published work

{works} published item(s)
"""

SAME_START = "This technical note describes the recent updates of Widgetformer."
ALIKE_A = f"{SAME_START} It adds 3D simulation and wins a challenge."
ALIKE_B = f"{SAME_START} It studies large-scale datasets, e.g. PCQM4M, in depth."
ALIKE_C = f"{SAME_START} A third, different abstract by a collaborator only."
SOLO = "Lossy compression is common. We model the lost information with a latent."


def work_block(head: str, title: str, abstract: str) -> str:
    """Render one work block the way the profile page shows it."""
    return f"\n{head}\n\n{title}\n\n{abstract}\n"


def profile(*blocks: tuple[str, str, str]) -> str:
    """Render a profile page with the given (header, title, abstract) blocks."""
    body = "".join(work_block(*block) for block in blocks)
    return HEADER.format(works=len(blocks)) + body


def abstracts_page(*abstracts: str) -> str:
    """Render a collaborator's abstracts page."""
    return "".join(f"\n\n\n\nAbstract:{abstract}\n" for abstract in abstracts)


PROFILE = profile(
    ("preprint2023arXiv", "Benchmarking Widgetformer", ALIKE_A),
    ("preprint2022arXiv", "An Empirical Study of Widgetformer", ALIKE_B),
    ("article2021Journal of Tests", "Compression", SOLO),
)


def works_of(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return only the work records."""
    return [r for r in records if r["kind"] == "work"]


# --- parsing ---


def test_profile_author_facts_from_glued_header() -> None:
    """Parse name, claimed and followers from the run-together header lines."""
    author, _ = parse_profile_page(PROFILE)
    assert author == {"name": "researcher0", "claimed": False, "followers": 0}


def test_profile_works_type_year_venue_title_abstract() -> None:
    """Split a `preprint2023arXiv` line into type, year and venue."""
    _, works = parse_profile_page(PROFILE)
    assert [w["title"] for w in works] == [
        "Benchmarking Widgetformer",
        "An Empirical Study of Widgetformer",
        "Compression",
    ]
    assert works[0] == {
        "type": "preprint",
        "year": 2023,
        "venue": "arXiv",
        "title": "Benchmarking Widgetformer",
        "abstract": ALIKE_A,
    }
    assert (works[2]["type"], works[2]["year"], works[2]["venue"]) == (
        "article",
        2021,
        "Journal of Tests",
    )


def test_profile_wrapped_lines_crlf_and_trailing_spaces() -> None:
    """Rejoin wrapped title and abstract lines; ignore CRLF and trailing spaces."""
    text = HEADER.format(works=1) + (
        "\r\npreprint2020arXiv  \r\n\r\nA Long Title\r\nContinued  \r\n\r\n"
        "First half of the\r\nabstract.   Second sentence.\r\n"
    )
    _, works = parse_profile_page(text)
    assert works[0]["title"] == "A Long Title Continued"
    assert works[0]["abstract"] == "First half of the abstract. Second sentence."


def test_readout_is_parsed_but_not_part_of_author_facts() -> None:
    """Parse the displayed read-out separately from the record facts."""
    assert parse_readout(PROFILE) == {
        "trust_score": 21,
        "trust_band": "Emerging",
        "verification_level": "L1",
        "works": 3,
        "topics": 23,
        "close_collaborators": 4,
        "listed_works": 3,
    }


def test_abstract_page_skips_blanks_and_rejoins_wraps() -> None:
    """Return one normalised abstract per `Abstract:` paragraph."""
    page = "page chrome\n\nAbstract:One  two\nthree.\n\n\nAbstract: Four.\n"
    assert parse_abstract_page(page) == ["One two three.", "Four."]


# --- ids and titles ---


def test_work_id_is_sha1_of_normalised_abstract() -> None:
    """Derive `sample:w` + 12 hex digits, insensitive to whitespace only."""
    wid = work_id("A  b\nc ")
    assert re.fullmatch(r"sample:w[0-9a-f]{12}", wid)
    assert wid == work_id("A b c") != work_id("A b c.")


def test_derived_title_is_first_sentence() -> None:
    """Use the first sentence without its full stop; e.g. does not end it."""
    assert derive_title(SOLO) == "Lossy compression is common"
    assert derive_title("We use e.g. graphs. Then more.") == "We use e.g. graphs"
    assert derive_title("No full stop at all") == "No full stop at all"


def test_derived_title_trimmed_at_word_boundary() -> None:
    """Cut a long first sentence at a word boundary and mark it with an ellipsis."""
    sentence = " ".join(["word"] * 40) + " end"
    title = derive_title(sentence + ". Next.", limit=50)
    assert len(title) <= 50
    assert title.endswith("word\u2026")
    assert sentence.startswith(title.removesuffix("\u2026"))


# --- building ---


def test_two_works_that_begin_alike_stay_distinct() -> None:
    """Match only on the whole abstract, never on a shared first sentence."""
    pages = [abstracts_page(ALIKE_B), abstracts_page(ALIKE_C, SOLO)]
    works = works_of(build_sample(PROFILE, pages))
    assert len(works) == 4
    by_title = {w["title"]: w for w in works}
    assert by_title["Benchmarking Widgetformer"]["authors"] == ["researcher0"]
    assert by_title["An Empirical Study of Widgetformer"]["authors"] == [
        "researcher0",
        "researcher1",
    ]
    assert by_title["Compression"]["authors"] == ["researcher0", "researcher2"]
    derived = works[3]
    assert derived["abstract"] == ALIKE_C
    assert derived["authors"] == ["researcher2"]
    assert derived["title_derived"] is True
    assert derived["title"] == derive_title(ALIKE_C)
    assert (derived["year"], derived["type"], derived["venue"]) == (None, None, None)


def test_whitespace_only_differences_still_match() -> None:
    """Treat reflowed whitespace as the same abstract."""
    reflowed = ALIKE_A.replace(" ", "\n", 3).replace(". ", ".   ")
    works = works_of(build_sample(PROFILE, [abstracts_page(reflowed)]))
    assert len(works) == 3
    assert works[0]["authors"] == ["researcher0", "researcher1"]


def test_author_records_and_order() -> None:
    """Emit researcher0 from its page, then bare collaborators, before any work."""
    records = build_sample(PROFILE, [abstracts_page(SOLO), abstracts_page(SOLO)])
    authors = [r for r in records if r["kind"] == "author"]
    assert records[: len(authors)] == authors
    assert authors[0] == {
        "kind": "author",
        "id": "researcher0",
        "name": "researcher0",
        "claimed": False,
        "followers": 0,
        "record_source": "seed-profile",
        "source_url": None,
    }
    assert [a["id"] for a in authors] == [f"researcher{i}" for i in range(3)]
    assert works_of(records)[2]["authors"] == [
        "researcher0",
        "researcher1",
        "researcher2",
    ]


def test_build_sample_is_deterministic() -> None:
    """Build byte-identical output from the same input."""
    pages = [abstracts_page(ALIKE_C, SOLO), abstracts_page(ALIKE_B)]
    first, second = build_sample(PROFILE, pages), build_sample(PROFILE, pages)
    assert first == second
    assert to_jsonl(first) == to_jsonl(second)


def test_duplicate_abstract_on_profile_is_refused() -> None:
    """Refuse a profile where two works share one abstract (their ids would clash)."""
    text = profile(("preprint2020arXiv", "A", SOLO), ("preprint2021arXiv", "B", SOLO))
    with pytest.raises(ValueError, match="duplicate abstract"):
        build_sample(text, [])


def test_main_writes_jsonl(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Read 000_ as the profile, the rest in sorted order, and write JSON Lines."""
    (tmp_path / "000_x.txt").write_text(PROFILE, encoding="utf-8")
    (tmp_path / "002_b.txt").write_text(abstracts_page(SOLO), encoding="utf-8")
    (tmp_path / "001_a.txt").write_text(abstracts_page(ALIKE_C), encoding="utf-8")
    out = tmp_path / "out" / "sample.jsonl"
    assert seed_pages.main([str(tmp_path), str(out)]) == 0
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert records == build_sample(PROFILE, [abstracts_page(ALIKE_C), abstracts_page(SOLO)])
    assert "4 works" in capsys.readouterr().out
    assert seed_pages.main([str(tmp_path)]) == 2


# --- the committed dataset ---

SAMPLE = resources.files("loaders") / "sample_data" / "sample.jsonl"
README = resources.files("loaders") / "sample_data" / "README.md"


@pytest.fixture(scope="module")
def sample() -> list[dict[str, Any]]:
    """Load the committed sample dataset."""
    return [json.loads(line) for line in SAMPLE.read_text("utf-8").splitlines()]


def shared(works: list[dict[str, Any]], a: str, b: str) -> int:
    """Count works that list both authors."""
    return sum(1 for w in works if a in w["authors"] and b in w["authors"])


def test_sample_counts(sample: list[dict[str, Any]]) -> None:
    """Have 5 authors, 89 works, and 65 of them by researcher0."""
    works = works_of(sample)
    assert [r["id"] for r in sample if r["kind"] == "author"] == [
        f"researcher{i}" for i in range(5)
    ]
    assert {r["kind"] for r in sample} == {"author", "work"}
    assert len(works) == 89
    assert sum(1 for w in works if "researcher0" in w["authors"]) == 65
    assert sum(1 for w in works if not w["title_derived"]) == 65


def test_sample_shared_works(sample: list[dict[str, Any]]) -> None:
    """Share 7/2/3/4 works with researcher0; only researcher1 and 4 share 2 more."""
    works = works_of(sample)
    with_r0 = [shared(works, "researcher0", f"researcher{i}") for i in range(1, 5)]
    assert with_r0 == [7, 2, 3, 4]
    pairs = {
        (a, b): shared(works, a, b)
        for a, b in combinations([f"researcher{i}" for i in range(1, 5)], 2)
    }
    assert pairs.pop(("researcher1", "researcher4")) == 2
    assert set(pairs.values()) == {0}
    per_page = Counter(a for w in works for a in w["authors"])
    assert [per_page[f"researcher{i}"] for i in range(1, 5)] == [10, 10, 10, 10]


def test_sample_works_are_well_formed(sample: list[dict[str, Any]]) -> None:
    """Give every work a unique stable id, a title, an abstract and ordered authors."""
    works = works_of(sample)
    assert len({w["id"] for w in works}) == len(works)
    for w in works:
        assert w["id"] == work_id(w["abstract"])
        assert w["abstract"] == normalise(w["abstract"]) != ""
        assert w["title"].strip() == w["title"] != ""
        assert w["authors"] == sorted(set(w["authors"]))  # researcher0 first
        assert w["title_derived"] == ("researcher0" not in w["authors"])
        if w["title_derived"]:
            assert w["title"] == derive_title(w["abstract"])
            assert (w["year"], w["type"], w["venue"]) == (None, None, None)
        else:
            assert isinstance(w["year"], int)
            assert (w["type"], w["venue"]) == ("preprint", "arXiv")


def test_sample_stores_no_computed_readout(sample: list[dict[str, Any]]) -> None:
    """Keep trust, band, level and topic count out of the data."""
    keys = {key for record in sample for key in record}
    assert not keys & {"trust_score", "trust_band", "verification_level", "topics"}
    assert sample[0]["claimed"] is False
    assert sample[0]["followers"] == 0


def test_readme_expected_block_agrees_with_data(sample: list[dict[str, Any]]) -> None:
    """Check the README's expected read-out where the data already decides it."""
    block = re.search(r"```json\n(.*?)```", README.read_text("utf-8"), re.DOTALL)
    assert block is not None
    expected = json.loads(block.group(1))
    assert (expected["trust_score"], expected["trust_band"]) == (21, "Emerging")
    assert (expected["verification_level"], expected["topics"]) == ("L1", 23)
    works = works_of(sample)
    close = [i for i in range(1, 5) if shared(works, "researcher0", f"researcher{i}") >= 2]
    assert expected["close_collaborators"] == len(close) == 4
    assert expected["works"] == sum(1 for w in works if "researcher0" in w["authors"])
    assert expected["followers"] == sample[0]["followers"]
    assert expected["claimed"] == sample[0]["claimed"]


def rebuild_pages(sample: list[dict[str, Any]]) -> tuple[str, list[str]]:
    """Re-render seed-shaped pages from the dataset, in first-seen order."""
    works = works_of(sample)
    own = [w for w in works if "researcher0" in w["authors"]]
    blocks = [(f"{w['type']}{w['year']}{w['venue']}", w["title"], w["abstract"]) for w in own]
    pages = [
        abstracts_page(*(w["abstract"] for w in works if f"researcher{i}" in w["authors"]))
        for i in range(1, 5)
    ]
    return profile(*blocks), pages


def test_sample_round_trips_through_build_sample(sample: list[dict[str, Any]]) -> None:
    """Rebuild the committed file from pages re-rendered out of it, byte for byte."""
    profile_text, pages = rebuild_pages(sample)
    rebuilt = build_sample(profile_text, pages)
    assert to_jsonl(rebuilt) == SAMPLE.read_text("utf-8")
    assert to_jsonl(build_sample(profile_text, pages)) == to_jsonl(rebuilt)
