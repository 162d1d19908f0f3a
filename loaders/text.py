"""Clean titles and abstracts at load time: entities decoded, markup and control characters
removed, whitespace collapsed; LaTeX kept as source (the pages render it).

Only the cleaned text is stored, never the raw: every loaded work keeps its source id
(openalex_id, arxiv_id; the sample is committed), so the raw text is one look-up away in the
source itself, and nothing in the product shows, searches or matches on markup or entities.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

# Entities end in ';' here: html.unescape alone would also decode the legacy forms without
# one, and turn "&notation" or "&copyright" in plain text into "¬ation" and "©right".
ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# Double-escaped text ("&amp;amp;") needs one pass per level; three covers what sources do.
MAX_UNESCAPES = 3
# A start tag as markup writes it: a name and name="value" attributes only. Anything else
# that the parser calls a tag ("$0<p\le 1$ … $x>0$" in arXiv) is text and stays as it is.
STRICT_TAG = re.compile(
    r"<[A-Za-z][\w:.-]*(?:\s+[\w:.-]+\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))*\s*/?>")
# Tags whose text joins the next word with a space (paragraphs, headings, list items…).
BLOCK = frozenset((
    "abstract", "address", "article", "aside", "blockquote", "br", "caption", "dd", "div",
    "dl", "dt", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hr", "label", "li", "list", "list-item", "ol", "p", "para", "sec", "section",
    "table", "tbody", "td", "tfoot", "th", "thead", "title", "tr", "ul",
))
# Tags dropped with their content kept, joined to the next word (italics, sub/superscripts…).
INLINE = frozenset((
    "a", "abbr", "b", "bdi", "bdo", "big", "bold", "cite", "code", "del", "dfn", "em", "font",
    "i", "inline-formula", "ins", "italic", "kbd", "mark", "math", "mfrac", "mi", "mn", "mo",
    "mover", "mroot", "mrow", "ms", "msqrt", "mstyle", "msub", "msubsup", "msup", "mtable",
    "mtd", "mtext", "mtr", "munder", "munderover", "q", "s", "samp", "sc", "small", "span",
    "strike", "strong", "sub", "sup", "tex-math", "tt", "u", "underline", "var", "wbr",
    "xref",
))
DROPPED = frozenset({"script", "style"})  # their content is code, never text
# Control characters (Unicode Cc) but the whitespace ones, which the last step collapses;
# and invisible ones that are not controls but split words for search (soft hyphen, ZWSP, BOM).
INVISIBLE = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\u00ad\u200b\ufeff]")
# Stand-in for '&' while the parser runs, so it cannot decode entities a second time.
AMP = "\x00"


class _TextOnly(HTMLParser):
    """Collects the text of a fragment: known tags dropped, anything else kept as written."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0
        self.end_tag_at = 0

    def parse_endtag(self, i: int) -> int:
        """Note where an end tag starts, so an unknown one is kept as written (its case)."""
        self.end_tag_at = i
        return super().parse_endtag(i)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """A known tag becomes a space (block) or nothing (inline); other '<…>' stays text."""
        raw = self.get_starttag_text() or ""
        kind = _kind(tag) if STRICT_TAG.fullmatch(raw) else None
        if kind is None:
            self.parts.append(raw)
        elif kind == "dropped":
            self.skipping += 1
        elif kind == "block":
            self.parts.append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """<br/> and the like: one tag, not a start and an end."""
        raw = self.get_starttag_text() or ""
        kind = _kind(tag) if STRICT_TAG.fullmatch(raw) else None
        self.parts.append(raw if kind is None else " " if kind == "block" else "")

    def handle_endtag(self, tag: str) -> None:
        """The end of a known tag, like its start; an unknown one stays text."""
        kind = _kind(tag)
        if kind is None:
            end = self.rawdata.find(">", self.end_tag_at)
            self.parts.append(self.rawdata[self.end_tag_at:end + 1] if end >= 0 else f"</{tag}>")
        elif kind == "dropped":
            self.skipping = max(0, self.skipping - 1)
        elif kind == "block":
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        """Text, unless it is inside <script> or <style>."""
        if not self.skipping:
            self.parts.append(data)


def _kind(tag: str) -> str | None:
    """'block', 'inline' or 'dropped' for a markup tag (any jats:/mml: one); None if not markup."""
    prefix, _, local = tag.rpartition(":")
    if local in DROPPED:
        return "dropped"
    if local in BLOCK:
        return "block"
    if local in INLINE or prefix:
        return "inline"
    return None


def unescape(value: str) -> str:
    """HTML entities decoded, double-escaped ones too ('&amp;amp;' -> '&')."""
    for _ in range(MAX_UNESCAPES):
        decoded = ENTITY.sub(lambda m: html.unescape(m.group(0)), value)
        if decoded == value:
            break
        value = decoded
    return value


def strip_tags(value: str) -> str:
    """The text of an HTML/JATS fragment; '<' that is not markup (p < .05) is kept."""
    if "<" not in value:
        return value
    parser = _TextOnly()
    parser.feed(value.replace("&", AMP))
    parser.close()
    return "".join(parser.parts).replace(AMP, "&")


def clean_text(value: str | None) -> str | None:
    """A title or abstract as stored: decoded, untagged, one space between words; None when
    nothing is left. LaTeX ($\\mathbf{X}$) is kept as written."""
    if value is None:
        return None
    text = strip_tags(INVISIBLE.sub("", unescape(value) if "&" in value else value))
    return " ".join(text.split()) or None
