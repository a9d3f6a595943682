"""An on-disk cache for what the components build from installed packages.

The gazetteer's index folds some 100,000 GeoNames and ISO names (about 2 s)
and the date grammar probes each of its patterns for the characters it can
start with (about 0.5 s). Both depend only on their inputs, so every process
after the first (each ``--workers`` process, each Dask worker, each new run)
reads the result back instead, in a tenth of the time: the way spaCy caches
nothing per run but packages like scispacy keep what they build in a user
cache folder.

* Where: ``$EXTRACT_CACHE_DIR``, else ``$XDG_CACHE_HOME/extract``, else
  ``~/.cache/extract``. ``EXTRACT_CACHE_DIR=""`` turns the cache off.
* When it is stale: each entry is named by a digest of everything its build
  reads (package versions, resource files, the building code, the Python
  version), so a change to any of them builds and writes a new entry; only
  the three newest entries of a name are kept.
* When it fails: a cache is never the only copy. An unreadable, truncated or
  foreign file is rebuilt and replaced; a folder that cannot be written is
  skipped. Files are written atomically (a temporary file, then a rename), so
  parallel workers never read half an entry.

Entries are pickles written by this package into the user's own cache folder;
as with any pickle, do not point ``EXTRACT_CACHE_DIR`` at files from elsewhere.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from importlib import metadata
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

#: Environment variable naming the cache folder ("" turns the cache off).
CACHE_DIR_VARIABLE = "EXTRACT_CACHE_DIR"
#: Entries kept per name (the newest); older ones are removed when a new one is written.
KEPT_ENTRIES = 3


def cache_folder() -> Path | None:
    """The folder entries live in, or None when the cache is turned off."""
    configured = os.environ.get(CACHE_DIR_VARIABLE)
    if configured is not None:
        return Path(configured) if configured.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "extract"


def fingerprint(parts: Iterable[str | bytes]) -> str:
    """A digest of everything a build reads; the Python version is always part of it
    (pickles of one version's objects are not promised to another)."""
    digest = hashlib.sha256(sys.version.encode())
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()[:24]


def package_versions(*names: str) -> list[str]:
    """``name==version`` of installed packages, for a fingerprint."""
    return [f"{name}=={metadata.version(name)}" for name in names]


def source_files(*paths: Path) -> list[bytes]:
    """The bytes of files a build reads (resource files, the building module),
    each prefixed with its name so that renaming one changes the digest."""
    return [path.name.encode() + b"\0" + path.read_bytes() for path in sorted(paths)]


def cached_build(name: str, key: str, build: Callable[[], T]) -> T:
    """``build()``'s result, read from the cache entry ``name``-``key`` when there
    is one, else built and written there for the next process."""
    folder = cache_folder()
    if folder is None:
        return build()
    path = folder / f"{name}-{key}.pickle"
    value = _read(path)
    if value is not None:
        return value
    value = build()
    _write(folder, path, name, value)
    return value


def _read(path: Path):
    try:
        data = path.read_bytes()
    except OSError:
        return None
    # Speed: a pickle of many small objects loads ten times faster without the
    # cyclic collector scanning each new container (they hold no cycles).
    enabled = gc.isenabled()
    gc.disable()
    try:
        return pickle.loads(data)
    except Exception:  # truncated, or written by an incompatible version: rebuild
        return None
    finally:
        if enabled:
            gc.enable()


def _write(folder: Path, path: Path, name: str, value) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=f".{name}-", suffix=".tmp", delete=False) as handle:
            temporary = Path(handle.name)
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except OSError:  # a read-only or full disk: run without the cache
        try:
            temporary.unlink(missing_ok=True)
        except (OSError, UnboundLocalError):
            pass
        return
    # Keep the few newest entries of this name, not only this one: two installed
    # versions (two virtual environments, a checkout beside a release) would
    # otherwise evict each other's entry on every run.
    entries = sorted(folder.glob(f"{name}-{'?' * len(path.stem[len(name) + 1:])}.pickle"),
                     key=_modified, reverse=True)
    for stale in entries[KEPT_ENTRIES:]:
        if stale != path:
            stale.unlink(missing_ok=True)


def _modified(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:  # removed meanwhile by another process
        return 0.0
