"""Turn an id a client typed (our id, OpenAlex id or URL, ORCID iD or URL, DOI, ROR, arXiv,
PubMed, MAG and Semantic Scholar ids, alias) into the candidate keys the resolver looks up."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

# The scheme is optional and may have lost a slash (some proxies merge `//` in paths).
_URL = r"(?:https?:/+)?"
_OPENALEX = re.compile(
    rf"^(?:{_URL}(?:api\.)?openalex\.org/(?:[a-z]+/)?|openalex:)?([AWISTCFP]\d+)/?$", re.I)
_ORCID = re.compile(
    rf"^(?:{_URL}(?:www\.)?orcid\.org/|orcid:)?(\d{{4}}-\d{{4}}-\d{{4}}-\d{{3}}[\dX])/?$", re.I)
_DOI = re.compile(rf"^(?:{_URL}(?:dx\.)?doi\.org/|doi:)?(10\.\d{{4,9}}/\S+)$", re.I)
_ROR = re.compile(rf"^(?:{_URL}ror\.org/|ror:)([0-9a-z]{{9}})/?$", re.I)
# arXiv: new-style 2101.00001 or old-style hep-th/9901001, any version dropped.
_ARXIV = re.compile(rf"^(?:{_URL}arxiv\.org/abs/|arxiv:)"
                    r"(\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?/?$", re.I)
_PMID = re.compile(r"^(?:pmid:|pubmed:)(\d{1,9})$", re.I)
_MAG = re.compile(r"^mag:(\d{1,12})$", re.I)


@dataclass(frozen=True)
class IdCandidates:
    """Every key under which the node a raw id names may be stored."""

    ids: list[str]
    openalex_id: str | None = None
    orcid: str | None = None
    doi: str | None = None
    ror: str | None = None
    aliases: list[str] = field(default_factory=list)
    arxiv_id: str | None = None
    pmid: str | None = None
    mag_id: str | None = None

    def params(self) -> dict[str, Any]:
        """The parameters of cypher/nodes/resolve_node.cypher."""
        return {"ids": self.ids, "openalex_id": self.openalex_id, "orcid": self.orcid,
                "doi": self.doi, "ror": self.ror, "aliases": self.aliases,
                "arxiv_id": self.arxiv_id, "pmid": self.pmid, "mag_id": self.mag_id}


def candidates(raw: str) -> IdCandidates:
    """The lookup keys for a raw id; unrecognised shapes are tried as ids and aliases as given."""
    text = raw.strip()
    ids, aliases = [text], [text]
    openalex_id = orcid = doi = ror = None
    if match := _OPENALEX.match(text):
        openalex_id = match.group(1).upper()
        # Topics keep their OpenAlex id with a prefix (openalex:C…/T…), others bare.
        ids += [openalex_id, f"openalex:{openalex_id}"]
        aliases.append(f"openalex:{openalex_id}")
    elif match := _ORCID.match(text):
        orcid = match.group(1).upper()
        ids.append(f"orcid:{orcid}")
        aliases.append(f"orcid:{orcid}")
    elif match := _DOI.match(text):
        doi = match.group(1).lower()
        aliases.append(f"doi:{doi}")
    elif match := _ROR.match(text):
        ror = match.group(1).lower()
    else:
        return _paper_ids(text, ids, aliases)
    return IdCandidates(_unique(ids), openalex_id, orcid, doi, ror, _unique(aliases))


def _paper_ids(text: str, ids: list[str], aliases: list[str]) -> IdCandidates:
    """arXiv (the arXiv loader's own `arxiv:` ids too), PubMed and MAG ids; `s2:` ids are
    our own ids for Semantic Scholar's papers and authors, so they need nothing more."""
    arxiv_id = pmid = mag_id = None
    if match := _ARXIV.match(text):
        arxiv_id = match.group(1)
        ids.append(f"arxiv:{arxiv_id}")
    elif match := _PMID.match(text):
        pmid = match.group(1).lstrip("0") or "0"
    elif match := _MAG.match(text):
        mag_id = match.group(1)
    return IdCandidates(_unique(ids), aliases=_unique(aliases), arxiv_id=arxiv_id, pmid=pmid,
                        mag_id=mag_id)


def _unique(values: list[str]) -> list[str]:
    """The values without repeats, first occurrence kept."""
    return list(dict.fromkeys(values))
