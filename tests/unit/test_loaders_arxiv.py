"""Pure arXiv transforms on real metadata records, no database."""

from __future__ import annotations

import json
from pathlib import Path

from loaders.arxiv import detex, name_key, transform

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "loaders"


def test_latex_names_become_unicode_and_keys_lose_accents() -> None:
    assert detex("C. Bal\\'azs") == "C. Balázs"
    assert detex('J. M\\"{u}ller') == "J. Müller"
    assert detex("S. \\v{C}ech and \\o") == "S. Čech and ø"
    assert name_key("C. Balázs") == "c balázs".replace("á", "a")


def test_a_record_gives_a_work_name_only_authors_and_categories() -> None:
    record = json.loads((FIXTURES / "arxiv-metadata-head50.jsonl").read_text().splitlines()[0])
    rows = transform(record)
    work = rows.works[0]
    assert work["id"] == "arxiv:0704.0001" and work["props"]["doi"] == "10.1103/physrevd.76.013009"
    assert work["props"]["year"] == 2007 and work["props"]["type"] == "preprint"
    assert work["props"]["title"].startswith("Calculation of prompt diphoton production")
    assert "\n" not in work["props"]["title"]
    assert [r["id"] for r in rows.author_refs] == [
        "arxiv-name:c balazs", "arxiv-name:e l berger", "arxiv-name:p m nadolsky",
        "arxiv-name:c -p yuan"]
    assert {r["props"]["identity"] for r in rows.author_refs} == {"name"}
    assert rows.about == [{"work_id": "arxiv:0704.0001", "topic_id": "arxiv:hep-ph",
                           "score": 1.0, "source": "arxiv", "primary": True}]
    assert rows.published_in == [{"work_id": "arxiv:0704.0001", "venue_id": "venue:arxiv"}]
