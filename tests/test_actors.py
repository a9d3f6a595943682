"""Actors (guidelines section 1): persons, organisations and groups, once each.

Each case in ``test_actors/cases.json`` is a small sentence of our own with
the actors it names (name, kind, and the aliases and roles the sentence
gives), the groups it describes, and words that must not come out as
persons or organisations. ``infobox-article.txt`` is a short article of our
own in the wiki layout, for the infobox, headings and "See also".
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract.actors import _initials, is_acronym
from extract.entities import name_key
from extract.extraction import _make_doc
from extract.ingest import read_article

DATA = Path(__file__).with_suffix("")
CASES = json.loads((DATA / "cases.json").read_text(encoding="utf-8"))
HELPERS = json.loads((DATA / "helpers.json").read_text(encoding="utf-8"))


def _forms(entity) -> set[str]:
    return {name_key(entity.name), *(name_key(a) for a in entity.aliases)}


def _find(entities, name: str):
    return next((e for e in entities if name_key(name) in _forms(e)), None)


@pytest.fixture(scope="module")
def actors_of(nlp):
    cache: dict[str, list] = {}

    def run(text: str) -> list:
        if text not in cache:
            cache[text] = nlp(text)._.actors
        return cache[text]

    return run


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_actors_in_sentence(actors_of, case):
    entities = actors_of(case["text"])
    named = [e for e in entities if e.kind != "group"]
    for expected in case.get("actors", []):
        actor = _find(named, expected["name"])
        assert actor is not None, f"{expected['name']!r} not found in {[e.name for e in named]}"
        assert actor.name == expected["name"], "the name is the fullest form"
        assert actor.kind == expected["kind"], actor.name
        for alias in expected.get("aliases", []):
            assert alias in actor.aliases, (actor.name, actor.aliases)
        for role in expected.get("roles", []):
            assert role in actor.roles, (actor.name, actor.roles)
    if "actors" in case:
        found = {e.name for e in named} - {a["name"] for a in case["actors"]}
        assert not found, f"unexpected actors {found}"
    for word in case.get("absent", []):
        assert _find(named, word) is None, f"{word!r} taken for an actor"


@pytest.mark.parametrize("case", [c for c in CASES if c.get("groups")],
                         ids=[c["id"] for c in CASES if c.get("groups")])
def test_groups_in_sentence(actors_of, case):
    groups = [e for e in actors_of(case["text"]) if e.kind == "group"]
    for name in case["groups"]:
        assert _find(groups, name) is not None, f"group {name!r} not in {[g.name for g in groups]}"


def test_every_mention_is_the_text_it_claims(actors_of):
    for case in CASES:
        for entity in actors_of(case["text"]):
            assert entity.mentions, entity.name
            for m in entity.mentions:
                assert case["text"][m.start_char:m.end_char] == m.text
                assert m.source in ("ner", "rule", "infobox", "alias")
            assert entity.first_char == min(m.start_char for m in entity.mentions)


@pytest.fixture(scope="module")
def infobox_doc(nlp):
    article = read_article(str(DATA / "infobox-article.txt"), 1_000_000)
    return article, nlp(_make_doc(nlp, article))


def test_infobox_names_actors_with_their_kind(infobox_doc):
    article, doc = infobox_doc
    actors = doc._.actors
    front = _find(actors, "Coastal Liberation Front")
    assert front is not None and front.kind == "organization"
    assert "CLF" in front.aliases
    assert any(m.source == "infobox" for m in front.mentions)
    commander = _find(actors, "Idris Warsame")
    assert commander is not None and commander.kind == "person"
    assert "Warsame" in commander.aliases
    assert "commander" in [r.lower() for r in commander.roles]


def test_headings_infobox_keys_and_see_also_give_no_actors(infobox_doc):
    article, doc = infobox_doc
    names = {name_key(f) for e in doc._.actors for f in (e.name, *e.aliases)}
    # Values of keys that name no actors ("Weapons", "Location") give none either.
    for junk in ("Infobox", "Background", "Attack", "Perpetrators", "Ports of East Africa Authority",
                 "Kilwa Arms Trading Company"):
        assert name_key(junk) not in names, junk
    assert _find(doc._.actors, "Mtwara") is None
    assert _find(doc._.actors, "Tanzania") is None


def test_groups_in_article(infobox_doc):
    article, doc = infobox_doc
    groups = [e for e in doc._.actors if e.kind == "group"]
    assert _find(groups, "Tanzanian soldiers") is not None


@pytest.mark.parametrize("text, expected", HELPERS["acronyms"])
def test_acronym_shape(text, expected):
    assert is_acronym(text) is expected


@pytest.mark.parametrize("name, expected", HELPERS["initials"])
def test_initials_of_a_name(name, expected):
    assert _initials(name) == expected


@pytest.mark.parametrize("text, stem, expected", HELPERS["family_surnames"])
def test_plural_surname_is_a_family(nlp, text, stem, expected):
    """"the <Surname>s" is a family (a group at most) when <Surname> ends a person's
    name in the text; a given name or a place is no such surname."""
    assert nlp.get_pipe("extract_actors")._surname_in_doc(nlp(text), stem) is expected


def test_rules_travel_with_a_saved_pipeline(nlp, tmp_path):
    """The rules are written out with the component and read back from there."""
    from extract.pipeline import load_pipeline

    # (a title that is no English noun: without the list, nothing else tells it from a name)
    text = "Tánaiste Ana Lopes met reporters."
    saved = tmp_path / "actors"
    nlp.get_pipe("extract_actors").to_disk(saved)
    assert (saved / "titles.txt").read_text(encoding="utf-8") == \
        (nlp.get_pipe("extract_actors").resources / "titles.txt").read_text(encoding="utf-8")
    (saved / "titles.txt").write_text("# no titles\n", encoding="utf-8")
    fresh = load_pipeline()
    fresh.get_pipe("extract_actors").from_disk(saved)
    lopes = _find(fresh(text)._.actors, "Ana Lopes")
    assert lopes is None or "Tánaiste" not in lopes.roles  # read from the saved rules
    assert _find(nlp(text)._.actors, "Ana Lopes").roles == ["Tánaiste"]


def test_infobox_list_splits_at_and_only_between_names(nlp):
    """"and" inside a name the article writes whole elsewhere holds the name together;
    between two names it parts them."""
    article = read_article(str(DATA / "infobox-and-article.txt"), 1_000_000)
    actors = [e for e in nlp(_make_doc(nlp, article))._.actors if e.kind != "group"]
    army = _find(actors, "Army of the Coast and the Islands")
    assert army is not None and army.kind == "organization"
    assert any(m.source == "infobox" for m in army.mentions)
    assert _find(actors, "Islands") is None
    assert _find(actors, "Red Coral Brigade") is not None
    assert _find(actors, "Youth Vanguard Party") is not None


def test_infobox_name_ends_at_a_lowercase_word(nlp):
    """"X with foreign backing (alleged)": the name is X."""
    article = read_article(str(DATA / "infobox-and-article.txt"), 1_000_000)
    actors = [e for e in nlp(_make_doc(nlp, article))._.actors if e.kind != "group"]
    assert _find(actors, "Sons of the Reef") is not None
    assert not any("with" in e.name for e in actors)


def test_a_person_the_model_split_after_a_short_entity_is_joined(nlp):
    """"the Ruritanian Tomas | Ivo Karel": a lone name word closing a short organisation or
    nationality entity, right before a person, is the person's first name; a longer
    organisation's name ("the Joint Board of Staff | Ivo Karel") is not."""
    from spacy.tokens import Span

    finder = nlp.get_pipe("extract_actors")
    doc = nlp("He met the Ruritanian Tomas Ivo Karel and the Joint Board of Staff Ivo Karel in May.")
    words = [t.text for t in doc]
    first, second = words.index("the"), len(words) - 1 - words[::-1].index("the")
    doc.ents = [Span(doc, first, first + 3, label="NORP"), Span(doc, first + 3, first + 5, label="PERSON"),
                Span(doc, second, second + 5, label="ORG"), Span(doc, second + 5, second + 7, label="PERSON")]
    spans = [(s.text, s.label_) for s in finder._joined_person_entities(doc)]
    assert ("Tomas Ivo Karel", "PERSON") in spans
    assert ("Ivo Karel", "PERSON") in spans and ("the Joint Board of Staff", "ORG") in spans


def test_the_full_name_decides_the_kind_over_its_repeated_surname(nlp):
    """The model may label a surname repeated alone an organisation more often than it
    labels the full name a person; the full name's votes decide ("Karim Hadawi" ... "Hadawi")."""
    from extract.actors import ORGANIZATION, PERSON, Candidate

    finder = nlp.get_pipe("extract_actors")
    doc = nlp("Karim Hadawi entered the hall. Hadawi died. Police said Hadawi had acted alone. Hadawi was 22.")
    starts = [t.i for t in doc if t.text == "Hadawi"]
    full = Candidate(0, 2, source="ner")
    full.votes[PERSON] += 2
    cands = [full]
    for i in starts[1:]:
        short = Candidate(i, i + 1, source="ner")
        short.votes[ORGANIZATION] += 1
        cands.append(short)
    keys = ["karim hadawi"] + ["hadawi"] * (len(cands) - 1)
    assert finder._decide_kind(doc, cands, keys) == PERSON
    assert finder._decide_kind(doc, cands[1:], keys[1:]) == ORGANIZATION  # alone, the votes decide


def test_a_hyphenated_given_name_half_taken_for_a_nationality(nlp):
    """The model may label only the first half of "Lilly-Mae Hartley" a nationality; the
    name runs on across the hyphen."""
    from spacy.tokens import Span

    from extract.actors import PERSON

    finder = nlp.get_pipe("extract_actors")
    doc = nlp("Nine people died, among them Lilly-Mae Hartley, a girl of seven.")
    i = [t.text for t in doc].index("Lilly")
    doc.ents = [Span(doc, i, i + 1, label="NORP")]
    cand = finder._given_name_as_nationality(doc, doc.ents[0])
    assert cand is not None and cand.span(doc).text == "Lilly-Mae Hartley" and cand.votes[PERSON]


def test_a_lone_organisation_noun_cut_off_before_and_opens_the_name_after_it(nlp):
    """"The Radio | and | Film Standards Board (RFSB)": one organisation, as its acronym
    says; "the Police | and | River Commandos (RICOM)" stays two."""
    from spacy.tokens import Span

    finder = nlp.get_pipe("extract_actors")
    for text, whole in (("The Radio and Film Standards Board (RFSB) banned the images.", True),
                        ("The Police and River Commandos (RICOM) sealed the road.", False)):
        doc = nlp(text)
        doc.ents = [Span(doc, 1, 2, label="ORG"), Span(doc, 3, 6 if whole else 5, label="ORG")]
        spans = [s.text for s in finder._joined_person_entities(doc)]
        assert ("Radio and Film Standards Board" in spans) is whole, spans
        assert ("Police" in spans) is not whole, spans


def test_anchored_matcher_finds_what_the_matcher_finds_on_the_whole_doc(nlp):
    """The pattern matcher runs only around each pattern's anchor words; its matches,
    in their order, must be those of spaCy's Matcher run over every token."""
    finder = nlp.get_pipe("extract_actors")
    sentences = json.loads((DATA / "matcher_sentences.json").read_text(encoding="utf-8"))
    texts = sentences + [case["text"] for case in CASES]
    found = 0
    for doc in nlp.pipe(texts):
        anchored = finder.matcher(doc)
        assert anchored == finder.matcher.matcher(doc), doc.text
        found += len(anchored)
    assert found > 0


def test_every_pattern_has_an_anchor(nlp):
    """A pattern with no anchor word would make the matcher run over the whole Doc."""
    finder = nlp.get_pipe("extract_actors")
    assert all(anchor is not None for anchor in finder.matcher.anchors)


def test_the_given_name_dictionary_is_read_once_with_the_pipeline(nlp):
    """The public first-name dictionary (gender-guesser's) is loaded when the component
    is built: names of many countries, none of the compound '+' forms."""
    names = nlp.get_pipe("extract_actors").given_names
    assert len(names) > 20000
    assert {"theresa", "regis", "kamran"} <= names
    assert not any("+" in n for n in names)
