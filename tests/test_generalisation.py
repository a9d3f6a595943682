"""Rules must not know the articles: no corpus name in code, rule data or test data.

The pipeline is judged on articles it has never seen (developers' guide,
"It must generalise"). This guard loads the gold set and fails when the name
of a person, organisation, city, district, facility or province from any
corpus article appears as a whole word under ``src/`` or ``tests/``.
Countries and regions are exempt (they are in the public gazetteer lists), as
are groups (their names are general role nouns). For held-out articles the
message names the file only, so that the failure itself reveals nothing.
"""

from __future__ import annotations

import json
import re

from conftest import ROOT

SPECIFIC_PLACE_KINDS = {"city", "district", "facility", "admin"}
#: Public gazetteer lists, whose entries are general data by design.
GAZETTEER_FILES = {"country_aliases.tsv", "regions.tsv", "demonyms.tsv"}
SEARCHED_SUFFIXES = {".py", ".txt", ".tsv", ".json", ".jsonl", ".md", ".css", ".js", ".html"}


def general_nouns() -> set[str]:
    """English nouns for kinds of organisation ("army", "navy", "police"), the
    institutions every state has ("interior ministry"), from the actors' lexicon, and
    the head nouns of place names ("fort", "memorial", "courts"), from both lexicons: an
    article may name its country's army just "Army", its ministry "Interior Ministry"
    or an old town quarter "Fort", but the words are general vocabulary, not a name
    taken from that article."""
    resources = ROOT / "src" / "extract" / "resources"
    words = {line.strip().lower() for name in ("organization_nouns.txt", "state_institutions.txt")
             for line in (resources / "actors" / name).read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")}
    heads = (resources / "places" / "head_nouns.tsv").read_text(encoding="utf-8").splitlines()
    words |= {line.split("\t")[0].strip().lower() for line in heads if line.strip() and not line.startswith("#")}
    # and the words of the facility nouns that make a name no actor ("Law Courts")
    facilities = (resources / "actors" / "facility_nouns.txt").read_text(encoding="utf-8").splitlines()
    return words | {word for line in facilities if line.strip() and not line.startswith("#")
                    for word in line.strip().lower().split()}


def corpus_names() -> dict[str, bool]:
    """Specific names from the gold set -> whether only held-out articles name them.
    A name that is one general organisation noun ("Army") is no specific name."""
    general = general_nouns()
    splits = json.loads((ROOT / "gold" / "splits.json").read_text(encoding="utf-8"))
    heldout = set(splits.get("heldout", []))
    names: dict[str, bool] = {}
    for path in sorted((ROOT / "gold").glob("*.json")):
        if path.name == "splits.json":
            continue
        gold = json.loads(path.read_text(encoding="utf-8"))
        entries = [a for a in gold["actors"] if a["kind"] in ("person", "organization")]
        entries += [p for p in gold["places"] if p["kind"] in SPECIFIC_PLACE_KINDS]
        for entry in entries:
            for name in (entry["name"], *entry.get("aliases", [])):
                if len(name) >= 4 and any(c.isupper() for c in name) and name.lower() not in general:
                    names[name] = names.get(name, True) and path.stem in heldout
    return names


def searched_files():
    for top in ("src", "tests"):
        for path in sorted((ROOT / top).rglob("*")):
            if (path.is_file() and path.suffix in SEARCHED_SUFFIXES and path.name not in GAZETTEER_FILES
                    and "__pycache__" not in path.parts and path.name != "test_generalisation.py"):
                yield path


def test_no_corpus_name_in_code_rules_or_tests():
    names = corpus_names()
    assert len(names) > 50  # the guard guards something
    pattern = re.compile("|".join(rf"(?<![\w-]){re.escape(n)}(?![\w-])"
                                  for n in sorted(names, key=len, reverse=True)))
    found = []
    for path in searched_files():
        text = path.read_text(encoding="utf-8", errors="replace")
        for m in pattern.finditer(text):
            where = f"{path.relative_to(ROOT)}:{text.count(chr(10), 0, m.start()) + 1}"
            found.append(f"{where} (a held-out name)" if names[m.group()] else f"{where} {m.group()!r}")
    assert not found, "corpus names in code, rules or tests (replace with invented examples):\n" + "\n".join(found)
