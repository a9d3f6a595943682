"""Given names: a public dictionary of first names, shared by the components.

The ``gender-guesser`` package ships ``data/nam_dict.txt``, a dictionary of
about 40,000 given names of many countries (a sex code, then the name). Actors
use it as evidence that a name is a person's (guidelines section 1); places use
it to tell a person the model labelled a place from a place (section 2). It
is read as data only (the package's code is not used) and once per process.
No name here comes from any article.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from importlib import resources


def without_accents(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """The dictionary's given names, lowercased, with and without their accents ("joël",
    "joel"); "+" joins the parts of a compound name, left out here, as are the "="
    lines of short forms. Empty when the package is missing."""
    try:
        source = resources.files("gender_guesser").joinpath("data/nam_dict.txt")
        lines = source.read_text(encoding="utf-8").splitlines()
    except (ModuleNotFoundError, FileNotFoundError):
        return frozenset()
    names = set()
    for line in lines:
        if line[:1] in ("#", "=", ""):
            continue
        parts = line.split(None, 2)
        if len(parts) >= 2 and "+" not in parts[1]:
            names.add(parts[1].lower())
    # the same names without their accents, as English text often writes them ("Joel" for "Joël")
    return frozenset(names | {without_accents(n) for n in names})
