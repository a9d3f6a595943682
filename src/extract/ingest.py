"""Reading article files: paths in, ``Article`` objects or one-line errors out.

Bad input never raises past this module: every problem becomes an
``ArticleError`` whose message is one line naming the file and saying what to
do (developers' guide, "Nothing lost, nothing silent").
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from .sections import Layout, parse_layout

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".text")
#: spaCy's own default ``nlp.max_length``; larger articles are refused unless
#: the user raises the limit, since the parser's memory grows with length.
DEFAULT_MAX_CHARS = 1_000_000
BOM = "\ufeff"


@dataclass(frozen=True)
class Article:
    """One article: its text exactly as decoded and its layout."""

    doc_id: str
    path: str
    text: str
    sha256: str
    layout: Layout

    @property
    def title(self) -> str:
        return self.layout.title or self.doc_id

    def section_at(self, offset: int) -> str:
        return self.layout.section_at(offset)


class ArticleError(Exception):
    """An article that cannot be processed; ``str()`` is the one-line message."""

    def __init__(self, path: str, problem: str, sha256: str = "", n_chars: int | None = None):
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem
        self.sha256 = sha256
        self.n_chars = n_chars

    @property
    def doc_id(self) -> str:
        return Path(self.path).stem


@dataclass(frozen=True)
class Source:
    """A file to read, or an error found while collecting the paths."""

    path: str
    error: ArticleError | None = None
    is_article: bool = True  # False for a folder-level problem such as an empty folder


def collect_sources(paths: list[str]) -> Iterator[Source]:
    """Expand the command line's paths into article files, in a stable order.

    A folder contributes its ``.txt`` and ``.md`` files (recursively, sorted);
    a named file is taken whatever its suffix is, so that the reader can say
    precisely what is wrong with it. Problems with a path itself (missing, an
    empty folder) come out as sources carrying an error.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*")
                           if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES
                           and not any(part.startswith(".") for part in p.relative_to(path).parts))
            if not files:
                yield Source(raw, ArticleError(raw, "folder holds no .txt or .md articles"), is_article=False)
            for file in files:
                yield Source(str(file))
        elif path.exists():
            yield Source(raw)
        else:
            yield Source(raw, ArticleError(raw, "no such file or folder"))


def decode_article(data: bytes, path: str) -> str:
    """Bytes to text: UTF-8, byte-order mark removed, newlines kept as they are."""
    digest = hashlib.sha256(data).hexdigest()
    if not data.strip():
        raise ArticleError(path, "empty file (no text to extract from)", digest, 0)
    if b"\x00" in data:
        raise ArticleError(path, "binary file (contains NUL bytes), not a text article", digest)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise ArticleError(
            path,
            f"not valid UTF-8 (byte 0x{data[err.start]:02x} at offset {err.start}); "
            "re-save the file as UTF-8",
            digest,
        ) from None
    return text[1:] if text.startswith(BOM) else text


def read_article(path: str, max_chars: int = DEFAULT_MAX_CHARS) -> Article:
    """Read one article file; raise ``ArticleError`` with a one-line reason."""
    file = Path(path)
    if file.suffix.lower() not in ARTICLE_SUFFIXES:
        raise ArticleError(path, f"unsupported file type '{file.suffix or '(none)'}'; "
                                 "articles are .txt or .md files")
    try:
        data = file.read_bytes()
    except OSError as err:
        raise ArticleError(path, f"cannot be read ({err.strerror or err})") from None
    text = decode_article(data, path)
    digest = hashlib.sha256(data).hexdigest()
    if len(text) > max_chars:
        raise ArticleError(
            path,
            f"too large ({len(text):,} characters, limit {max_chars:,}); "
            "split it into smaller articles or raise --max-chars",
            digest,
            len(text),
        )
    return Article(file.stem, path, text, digest, parse_layout(text, file.suffix))
