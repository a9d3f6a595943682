"""Rules that travel with a saved pipeline.

A component whose rules are the files of one folder (patterns and lexicons,
guide: "Rules are data") saves that folder with ``nlp.to_disk`` and rebuilds
itself from the saved copy on ``spacy.load``, as spaCy's own span_ruler does
with its patterns.
"""

from __future__ import annotations

import shutil
from pathlib import Path


class FolderRules:
    """Mixin: ``self.resources`` is the rule folder; ``_build()`` compiles it."""

    resources: Path

    def _build(self) -> None:
        raise NotImplementedError

    def to_disk(self, path, exclude=()) -> None:
        path = Path(path)
        if path.exists():
            shutil.rmtree(path)
        shutil.copytree(self.resources, path, ignore=shutil.ignore_patterns("__pycache__"))

    def from_disk(self, path, exclude=()):
        self.resources = Path(path)
        self._build()
        return self
