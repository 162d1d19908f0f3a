"""The `{…:anyid}` path parameter: one segment, or an id that contains slashes by nature
(an OpenAlex/ORCID/ROR/DOI URL, a bare or `doi:` DOI, an old-style `arxiv:hep-th/…` id),
so `/authors/{id}` never swallows another router's `/authors/{id}/something` for a plain
id."""

from __future__ import annotations

from starlette.convertors import Convertor, register_url_convertor


class AnyIdConvertor(Convertor[str]):
    """A plain id segment, or a URL/DOI form of an id (which may contain slashes)."""

    regex = (r"(?:https?:/+|(?:www\.)?(?:orcid|openalex|ror|doi)\.org/|(?:doi:)?10\.\d{4,9}/"
             r"|arxiv:[A-Za-z.-]+/)[^?#]+|[^/]+")

    def convert(self, value: str) -> str:
        """The id as given."""
        return value

    def to_string(self, value: str) -> str:
        """The id as it goes into a URL."""
        return value


register_url_convertor("anyid", AnyIdConvertor())
