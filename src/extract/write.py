"""Writing a run's files: CSV tables, one JSON per article, ``datapackage.json``.

Atomic as a whole: everything is written into a staging folder beside the
output folder, which then replaces it with two renames. An interrupted run
leaves either the previous complete output or the new one; if it stops
between the two renames, the previous output is kept under a recovery name
and put back by the next run (``recover_output``).

Streaming: rows are appended as each article's result arrives, so memory does
not grow with the number of articles.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from .extraction import ArticleResult
from .records import SCHEMA_VERSION, TABLES, Record

DATAPACKAGE = "datapackage.json"
REPORT = "report.html"


class OutputError(Exception):
    """The output folder cannot be used; the message says what to do."""


def _previous_name(out_dir: Path) -> Path:
    return out_dir.with_name(f".{out_dir.name}.previous")


def recover_output(out_dir: Path) -> None:
    """Put back the previous output if a run stopped between its two renames."""
    previous = _previous_name(out_dir)
    if previous.exists():
        if out_dir.exists():
            shutil.rmtree(previous)
        else:
            previous.rename(out_dir)


def _is_ours(out_dir: Path) -> bool:
    """An output folder we may replace: absent, empty, or a previous run's."""
    return not out_dir.exists() or not any(out_dir.iterdir()) or (out_dir / DATAPACKAGE).exists()


def datapackage(name: str = "extract-output") -> dict[str, Any]:
    """The Frictionless Data Package that describes every CSV of a run."""
    return {
        "profile": "tabular-data-package",
        "name": name,
        "version": SCHEMA_VERSION,
        "resources": [
            {
                "name": table.table,
                "path": f"{table.table}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": table.schema(),
            }
            for table in TABLES
        ],
    }


def article_json(article: dict[str, Any]) -> str:
    """An article's JSON with one row per line: readable, and each row goes through
    json's C encoder (``indent`` would switch to the pure-Python one)."""
    parts = []
    for key, value in article.items():
        if isinstance(value, list) and value:
            rows = ",\n    ".join(json.dumps(row, ensure_ascii=False) for row in value)
            parts.append(f"  {json.dumps(key)}: [\n    {rows}\n  ]")
        else:
            parts.append(f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


class OutputWriter:
    """Stream article results into a staging folder, then swap it into place."""

    def __init__(self, out_dir: str | os.PathLike[str]):
        self.out_dir = Path(out_dir)
        recover_output(self.out_dir)
        if self.out_dir.exists() and not self.out_dir.is_dir():
            raise OutputError(f"{self.out_dir}: --out must be a folder, and this is a file")
        if not _is_ours(self.out_dir):
            raise OutputError(f"{self.out_dir}: holds files that are not an extract output; "
                              "choose a new or empty folder for --out")
        self.staging = self.out_dir.with_name(f".{self.out_dir.name}.partial-{os.getpid()}")
        self._files: dict[str, IO[str]] = {}
        self._writers: dict[str, Any] = {}  # table -> csv.writer
        self._json_written: set[str] = set()

    def __enter__(self) -> "OutputWriter":
        self.out_dir.parent.mkdir(parents=True, exist_ok=True)
        if self.staging.exists():
            shutil.rmtree(self.staging)
        self.staging.mkdir()
        for table in TABLES:
            handle = open(self.staging / f"{table.table}.csv", "w", encoding="utf-8", newline="")
            # (rows as lists in the record type's column order: a DictWriter checks every
            # row's keys against the header, a good part of the writing cost)
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(table.columns())
            self._files[table.table], self._writers[table.table] = handle, writer
        return self

    def add(self, result: ArticleResult) -> None:
        """Append one article's rows and write its JSON."""
        for table in TABLES:
            rows: list[Record] = result.rows(table)
            self._writers[table.table].writerows(r.as_csv_values() for r in rows)
        if result.doc_id in self._json_written:
            return  # a failed duplicate must not overwrite the article it duplicates
        self._json_written.add(result.doc_id)
        (self.staging / f"{result.doc_id}.json").write_text(article_json(result.as_json()), encoding="utf-8")

    def close_tables(self) -> None:
        """Finish the CSV files, so that the staged tables can be read (for scoring)."""
        for handle in self._files.values():
            handle.close()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close_tables()
        if exc_type is not None:
            shutil.rmtree(self.staging, ignore_errors=True)
            return
        (self.staging / DATAPACKAGE).write_text(
            json.dumps(datapackage(), indent=2) + "\n", encoding="utf-8")
        self._swap()

    def _swap(self) -> None:
        previous = _previous_name(self.out_dir)
        if self.out_dir.exists():
            self.out_dir.rename(previous)
        self.staging.rename(self.out_dir)
        if previous.exists():
            shutil.rmtree(previous)
