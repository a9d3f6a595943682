"""The offline gazetteer: lookups, aliases, context, nationality adjectives."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.gazetteer import Gazetteer, fold

DATA = Path(__file__).with_suffix("")


def _rows(name: str) -> list[list[str]]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [(line.split("\t") + [""] * 3)[:3] for line in lines if line.strip() and not line.startswith("#")]


def _row(datadir, name: str, key: tuple) -> list[str]:
    lines = (datadir / name).read_text(encoding="utf-8").splitlines()
    rows = [(line.split("\t") + [""] * 3)[:3] for line in lines if line.strip() and not line.startswith("#")]
    return next(r for r in rows if tuple(r[:2]) == key)


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.shared()


@pytest.mark.parametrize("name,kind", [tuple(r[:2]) for r in _rows("lookups.tsv")])
def test_lookup_without_context(gazetteer, datadir, name, kind):
    _, want_kind, want_country = _row(datadir, "lookups.tsv", (name, kind))
    best = gazetteer.resolve(name)
    assert best is not None, name
    assert (best.entry.kind, best.entry.country) == (want_kind, want_country)


@pytest.mark.parametrize("name,countries", [tuple(r[:2]) for r in _rows("context.tsv")])
def test_context_picks_the_place_in_the_articles_countries(gazetteer, datadir, name, countries):
    _, _, want = _row(datadir, "context.tsv", (name, countries))
    context = {code: 3.0 for code in countries.split(",")}
    assert gazetteer.resolve(name, context).entry.country == want


@pytest.mark.parametrize("word,country", [tuple(r[:2]) for r in _rows("demonyms.tsv")])
def test_nationality_adjectives_name_a_country_but_are_no_place(gazetteer, word, country):
    assert gazetteer.demonym_country(word) == country
    assert not [c for c in gazetteer.candidates(word) if c.entry.kind == "country"]


def test_country_short_forms_are_one_entry(gazetteer):
    identities = {gazetteer.resolve(n).entry.identity
                  for n in ("United States", "U.S.", "US", "USA", "America", "United States of America")}
    assert len(identities) == 1


def test_unknown_name_has_no_candidate(gazetteer):
    assert gazetteer.resolve("Qwxzv Plain") is None
    assert gazetteer.lookup("Qwxzv Plain") == []


def test_fold_ignores_accents_case_periods_commas_and_the():
    assert fold("Parwān") == fold("parwan")
    assert fold("the U.S.") == fold("US")
    assert fold("St. Louis, Mo.") == fold("St Louis Mo")


def test_build_is_shared_within_a_process():
    fresh = Gazetteer()
    assert Gazetteer.shared() is Gazetteer.shared()
    assert fresh.resolve("Aleppo").entry.country == "SY"


@pytest.mark.parametrize("acronym,town", [tuple(r[:2]) for r in _rows("acronyms.tsv")])
def test_acronym_is_no_town_of_that_spelling(gazetteer, acronym, town):
    assert any(c.entry.kind == "city" for c in gazetteer.candidates(town)), town  # the town exists ...
    assert not any(c.entry.kind == "city" for c in gazetteer.candidates(acronym))  # ... but not as an acronym


@pytest.mark.parametrize("name,countries", [tuple(r[:2]) for r in _rows("minor.tsv")])
def test_minor_place_only_in_the_articles_countries(gazetteer, datadir, name, countries):
    _, _, want = _row(datadir, "minor.tsv", (name, countries))
    context = {} if countries == "-" else {code: 3.0 for code in countries.split(",")}
    found = gazetteer.resolve_minor(name, context)
    assert (f"{found.entry.kind} {found.entry.country}" if found else "-") == want


def test_minor_places_are_no_main_candidates(gazetteer):
    """A department or small town is never a candidate of the main index: the
    components that rank places by context never see it unasked."""
    assert gazetteer.minor_candidates("Gironde") and not gazetteer.candidates("Gironde")
    assert gazetteer.minor_candidates("Castelnaudary") and not gazetteer.candidates("Castelnaudary")


@pytest.mark.parametrize("iso_name,english", [tuple(r[:2]) for r in _rows("compass_forms.tsv")])
def test_english_form_of_a_name_with_a_compass_word(iso_name, english):
    from extract.gazetteer import _compass_translations, _english_compass_form

    assert (_english_compass_form(fold(iso_name), _compass_translations()) or "-") == english


@pytest.mark.parametrize("name,countries", [tuple(r[:2]) for r in _rows("similar.tsv")])
def test_province_spelt_otherwise_only_in_the_articles_countries(gazetteer, datadir, name, countries):
    _, _, want = _row(datadir, "similar.tsv", (name, countries))
    found = gazetteer.similar_subdivision(name, [] if countries == "-" else countries.split(","))
    assert (f"{found.kind} {found.country}" if found else "-") == want
