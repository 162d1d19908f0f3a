"""The one normalisation of a person's name: what "the same name" means for arXiv's name-only
author ids and for possible-duplicate proposals."""

from __future__ import annotations

import re
import unicodedata


def name_key(name: str) -> str:
    """The normalised name: no accents, lower case, no punctuation, single spaces."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w\s-]", " ", plain.lower()).split())
