"""How the exploration API reads the ids clients give (no database)."""

import pytest

from service.repository.ids import candidates


@pytest.mark.parametrize("raw", ["A5023888391", "https://openalex.org/A5023888391",
                                 "https://openalex.org/authors/A5023888391",
                                 "https://api.openalex.org/authors/a5023888391",
                                 "openalex:A5023888391"])
def test_openalex_forms(raw: str) -> None:
    found = candidates(raw)
    assert found.openalex_id == "A5023888391"
    assert "A5023888391" in found.ids and "openalex:A5023888391" in found.aliases


def test_openalex_concept_url_finds_prefixed_topic_ids() -> None:
    assert "openalex:C41008148" in candidates("https://openalex.org/C41008148").ids


@pytest.mark.parametrize("raw", ["0000-0002-1825-0097", "https://orcid.org/0000-0002-1825-0097",
                                 "orcid.org/0000-0002-1825-0097", "orcid:0000-0002-1825-0097",
                                 "https:/orcid.org/0000-0002-1825-0097"])
def test_orcid_forms(raw: str) -> None:
    found = candidates(raw)
    assert found.orcid == "0000-0002-1825-0097"
    assert "orcid:0000-0002-1825-0097" in found.ids


def test_orcid_check_digit_x_is_upper_case() -> None:
    assert candidates("https://orcid.org/0000-0002-1694-233x").orcid == "0000-0002-1694-233X"


def test_doi_and_ror() -> None:
    assert candidates("https://doi.org/10.1000/XYZ.123").doi == "10.1000/xyz.123"
    assert candidates("doi:10.1000/abc").aliases == ["doi:10.1000/abc"]
    assert candidates("https://ror.org/05h8cbd41").ror == "05h8cbd41"


def test_other_ids_are_tried_as_given() -> None:
    found = candidates("  researcher0 ")
    assert found.ids == ["researcher0"] and found.aliases == ["researcher0"]
    assert (found.openalex_id, found.orcid, found.doi, found.ror) == (None, None, None, None)


@pytest.mark.parametrize("raw", ["arxiv:2101.00001", "arXiv:2101.00001v3",
                                 "https://arxiv.org/abs/2101.00001v1"])
def test_arxiv_ids_lose_their_version(raw: str) -> None:
    found = candidates(raw)
    assert found.arxiv_id == "2101.00001" and "arxiv:2101.00001" in found.ids


def test_old_style_arxiv_pubmed_mag_and_s2_ids() -> None:
    assert candidates("arxiv:math.GT/0309136v2").arxiv_id == "math.GT/0309136"
    assert candidates("pmid:0031452").pmid == "31452"
    assert candidates("PubMed:31452").pmid == "31452"
    assert candidates("mag:2921691074").mag_id == "2921691074"
    s2 = candidates("s2:108228682")  # our own id for S2 papers and authors: taken as given
    assert s2.ids == ["s2:108228682"] and (s2.arxiv_id, s2.pmid, s2.mag_id) == (None,) * 3
