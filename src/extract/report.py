"""The extraction report: ``report.html``, one self-contained page per run."""

from __future__ import annotations

import html
from pathlib import Path


def render_report(run_dir: Path, evaluation=None) -> str:
    """A minimal page listing the documents of the run (to be expanded: issue 3)."""
    rows = (Path(run_dir) / "documents.csv").read_text(encoding="utf-8").splitlines()
    body = "".join(f"<li>{html.escape(r)}</li>" for r in rows[1:])
    return f"<!doctype html><html><head><meta charset='utf-8'><title>extract report</title></head><body><ul>{body}</ul></body></html>\n"
