"""Shared fixtures: the real spaCy pipeline, loaded once per test session."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def pytest_configure(config):
    """A test session keeps its build cache (``extract.build_cache``) to itself: the
    first pipeline load builds every entry, later loads and CLI runs read them, and
    nothing is left in the user's own cache folder."""
    config._extract_cache = tempfile.mkdtemp(prefix="extract-test-cache-")
    os.environ["EXTRACT_CACHE_DIR"] = config._extract_cache


def pytest_unconfigure(config):
    shutil.rmtree(getattr(config, "_extract_cache", ""), ignore_errors=True)


@pytest.fixture(scope="session")
def nlp():
    from extract.pipeline import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT
