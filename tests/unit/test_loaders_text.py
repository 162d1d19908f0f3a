"""clean_text: the one cleaning of titles and abstracts every loader applies, on real text.

Origins: "OpenAlex 2022 line N" is line N (0-based) of the shared sample
openalex-works-2022/works.jsonl, the abstract rebuilt from its inverted index (an excerpt, copied
here); "arXiv 0704.x" is that record of the arXiv metadata snapshot (shared sample head200).
Neither sample holds JATS or entities; those cases are written in the shape Crossref-sourced
OpenAlex abstracts and titles take (`<jats:p>`, `&amp;amp;`), and say so.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from loaders import arxiv, fields, openalex_works, sample
from loaders.sample import sample_path
from loaders.text import clean_text, strip_tags, unescape

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "loaders"


@pytest.mark.parametrize(("raw", "clean"), [
    # OpenAlex 2022 line 885 (W3184558808): HTML headings and italics inside the abstract.
    ("<h2>Abstract</h2><h3>Objective</h3> Sex-based disparities in surgical outcomes",
     "Abstract Objective Sex-based disparities in surgical outcomes"),
    ("95% confidence interval [CI], 2.9-3.4; <i>P</i> < .0001), the 30-day mortality",
     "95% confidence interval [CI], 2.9-3.4; P < .0001), the 30-day mortality"),
    ("not compliant with the SVS CPGs. <h3>Methods</h3> All elective EVAR procedures",
     "not compliant with the SVS CPGs. Methods All elective EVAR procedures"),
    # OpenAlex 2022 line 422 (W2105929233): a real less-than between thin spaces.
    ("higher for upper than lower jaws (p\u2009<\u2009.05), within 1 year",
     "higher for upper than lower jaws (p < .05), within 1 year"),
    # OpenAlex 2022 line 9 (W3007223608): a section heading glued on by CR LF.
    ("Objectives\r\nFollowing reports of patients", "Objectives Following reports of patients"),
    # arXiv 0704.0054: LaTeX with '<' that an HTML parser would take for tags.
    ("Hardy-Lorentz spaces $H^{p,q}(R^n)$, with\n$0<p\\le 1$, $0<q\\le \\infty$. We discuss",
     "Hardy-Lorentz spaces $H^{p,q}(R^n)$, with $0<p\\le 1$, $0<q\\le \\infty$. We discuss"),
    # arXiv 0704.0087 and 0704.0150: '>' and '<' of plain text stay.
    ("Then for each $\\epsilon >0$ there exists a harmonic map\n$u:H^m\\to H^n$",
     "Then for each $\\epsilon >0$ there exists a harmonic map $u:H^m\\to H^n$"),
    ("(b) J1, J3<0, J2>0 (frustrated); and (c) J1, J2>0, J3<0\n(non-frustrated)",
     "(b) J1, J3<0, J2>0 (frustrated); and (c) J1, J2>0, J3<0 (non-frustrated)"),
    # arXiv 0704.0020 (title): an arrow is not a comment's end.
    ("Measurement of the Hadronic Form Factor in D0 --> K- e+ nue Decays",
     "Measurement of the Hadronic Form Factor in D0 --> K- e+ nue Decays"),
    # the sample (sample:w4f81f5d8cc2a): LaTeX is kept as source.
    ("we propose $\\mathbf{FABind}$, an end-to-end model",
     "we propose $\\mathbf{FABind}$, an end-to-end model"),
])
def test_real_text_is_cleaned(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean


@pytest.mark.parametrize(("raw", "clean"), [
    # Crossref-style JATS abstract (shape, not a copied record).
    ("<jats:title>Abstract</jats:title><jats:p>Water (H<jats:sub>2</jats:sub>O) is "
     "<jats:italic>everywhere</jats:italic>.</jats:p><jats:p>Second paragraph.</jats:p>",
     "Abstract Water (H2O) is everywhere. Second paragraph."),
    ("<jats:sec><jats:title>Background</jats:title><jats:p>Text</jats:p></jats:sec>",
     "Background Text"),
    ("x<sup>2</sup> + <sub>i</sub>y<br/>next<br>line", "x2 + iy next line"),
    ('<p class="lead" id=\'a1\'>One</p><p>Two</p>', "One Two"),
    ('<a href="https://example.org/?a=1&b=2">a link</a> here', "a link here"),
    ("<mml:math><mml:mi>x</mml:mi><mml:mo>=</mml:mo><mml:mn>1</mml:mn></mml:math> holds",
     "x=1 holds"),
    ("<!-- note -->Kept<script>alert(1)</script><style>p{}</style> text", "Kept text"),
])
def test_markup_goes_and_its_text_stays(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean


@pytest.mark.parametrize(("raw", "clean"), [
    ("Line one&#13;\nline two", "Line one line two"),
    ("Tom &amp; Jerry", "Tom & Jerry"),
    ("Tom &amp;amp; Jerry &amp;amp;amp; co", "Tom & Jerry & co"),  # double/triple escaped
    ("p &lt; 0.05 and q &gt; 1", "p < 0.05 and q > 1"),
    ("&#8211; &#x2014; &eacute;t&eacute; &nbsp;end", "\u2013 \u2014 été end"),
    ("&lt;i&gt;In vivo&lt;/i&gt; study", "In vivo study"),  # escaped markup is markup
    ("R&D, AT&T, Q&A and &notation", "R&D, AT&T, Q&A and &notation"),  # no ';': not entities
    ("&unknown; stays", "&unknown; stays"),
])
def test_entities_are_decoded_once_and_completely(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean


@pytest.mark.parametrize(("raw", "clean"), [
    ("bell\x07 and\x00 nul\x1b[0m", "bell and nul[0m"),
    ("soft\u00adhyphen\u200b zero\ufeffwidth", "softhyphen zerowidth"),
    ("  tabs\tand\n\nnew\r\nlines\u2028and\u00a0no-break  ", "tabs and new lines and no-break"),
])
def test_control_characters_go_and_whitespace_collapses(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean


@pytest.mark.parametrize("raw", [
    "Fish <Actinopterygii> (an OpenAlex concept name)",  # OpenAlex 2022 line 23, concepts
    "a <b then c> d",  # a known tag name with words after it is not markup
    "x<y and z>w", "ends with a<b", "</Unknown> end tag", "5 < 6 > 4", "<3 years",
])
def test_what_is_not_markup_is_kept_as_written(raw: str) -> None:
    assert clean_text(raw) == raw


def test_nothing_left_is_none() -> None:
    assert clean_text(None) is None
    assert clean_text("") is None
    assert clean_text(" \n\t ") is None
    assert clean_text("<p> </p><jats:p>&#13;</jats:p>") is None


def test_the_steps_are_idempotent() -> None:
    for raw in ("Tom &amp;amp; Jerry", "<jats:p>a &lt; b</jats:p>", "$0<p\\le 1$"):
        once = clean_text(raw)
        assert once is not None and clean_text(once) == once
    assert unescape("&amp;lt;") == "<"
    assert strip_tags("no markup & no tags") == "no markup & no tags"


def test_every_loader_cleans_titles_and_abstracts() -> None:
    work = json.loads((FIXTURES / "arxiv-metadata-head50.jsonl").read_text().splitlines()[0])
    work = {**work, "title": "A <i>title</i> &amp;amp; more",
            "abstract": "<p>An&#13;\nabstract</p>"}
    props = arxiv.transform(work).works[0]["props"]
    assert (props["title"], props["abstract"]) == ("A title & more", "An abstract")
    record = {"id": "https://openalex.org/W1", "title": "<jats:p> </jats:p>",
              "display_name": "Shown &amp; <b>bold</b>",
              "abstract_inverted_index": {"<jats:p>Deep": [0], "nets&#13;</jats:p>": [1]}}
    props = openalex_works.work_rows("W1", record).works[0]["props"]
    assert (props["title"], props["abstract"]) == ("Shown & bold", "Deep nets")
    props = sample.transform({"kind": "work", "id": "sample:w1", "authors": [],
                              "title": "T &lt;x&gt;", "abstract": " a\n b "}).works[0]["props"]
    assert (props["title"], props["abstract"]) == ("T <x>", "a b")


def test_the_sample_is_already_clean() -> None:
    """The committed sample is normalised by its converter; loading changes none of it."""
    for line in sample_path().read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record["kind"] == "work":
            assert clean_text(record["title"]) == record["title"]
            assert clean_text(record["abstract"]) == record["abstract"]


def test_the_openalex_fixture_changes_only_in_whitespace() -> None:
    """Field-exact over the 50 real 2022 works: no markup in them, so the stored abstract is
    the rebuilt one with every whitespace run (CR LF, no-break spaces) made one space."""
    lines = (FIXTURES / "openalex-works-2022.jsonl").read_bytes().split(b"\n")
    for record in (json.loads(line) for line in lines if line.strip()):
        work_id = fields.openalex_id(record["id"])
        assert work_id is not None
        props = openalex_works.work_rows(work_id, record).works[0]["props"]
        rebuilt = fields.abstract_from_inverted_index(record.get("abstract_inverted_index"))
        assert props.get("abstract") == (" ".join(rebuilt.split()) if rebuilt else None)
        assert props["title"] == " ".join(record["title"].split())
