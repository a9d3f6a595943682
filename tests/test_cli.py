"""`extract run` end to end: the output contract, bad input, atomicity, determinism (issue 2)."""

from __future__ import annotations

import csv
import filecmp
import json
import re
import shutil
import subprocess
import sys

import pytest

from extract.records import TABLES
from extract.write import OutputWriter, recover_output

from conftest import ROOT, SHARED

CONTRACT = SHARED / "output-contract.md"


def contract_columns() -> dict[str, list[str]]:
    """The required columns, read from the contract itself so no list is copied here."""
    text = CONTRACT.read_text(encoding="utf-8")
    found = re.findall(r"- `(\w+\.csv)`: `([^`]+)`", text)
    return {name: [c.strip() for c in cols.replace("\n", " ").split(",")] for name, cols in found}


def run_cli(*args: str, cwd=ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "extract.cli", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=600)


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def mixed_run(tmp_path_factory):
    """One run over a folder of good and bad articles."""
    src = tmp_path_factory.mktemp("articles")
    for name in ("good-article.md", "good-plain.txt"):
        shutil.copy(ROOT / "tests" / "test_cli" / name, src / name)
    (src / "empty.txt").write_bytes(b"")
    (src / "binary.txt").write_bytes(b"\x00\x01\x02\x03")
    (src / "latin1.txt").write_bytes("Caf\u00e9 bombing\n\nA bomb.\n".encode("latin-1"))
    out = tmp_path_factory.mktemp("run") / "out"
    proc = run_cli("run", str(src), str(src / "missing.md"), "--out", str(out), "--gold", str(src / "nogold"))
    return src, out, proc


def test_mixed_folder_writes_good_articles_and_one_line_per_bad(mixed_run):
    src, out, proc = mixed_run
    assert proc.returncode == 1
    errors = [line for line in proc.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 4, proc.stderr
    for name, problem in [("empty.txt", "empty file"), ("binary.txt", "binary file"),
                          ("latin1.txt", "not valid UTF-8"), ("missing.md", "no such file")]:
        assert any(str(src / name) in e and problem in e for e in errors), name
    assert "Traceback" not in proc.stderr
    documents = {row["doc_id"]: row for row in read_csv(out / "documents.csv")}
    assert documents["good-article"]["status"] == "ok"
    assert documents["good-plain"]["status"] == "ok"
    for bad in ("empty", "binary", "latin1", "missing"):
        assert documents[bad]["status"] == "failed" and documents[bad]["error"]
    assert (out / "good-article.json").exists() and (out / "report.html").exists()
    dates = [r for r in read_csv(out / "dates.csv") if r["doc_id"] == "good-article"]
    assert dates, "the good article's rows are written despite the bad ones"


def test_required_columns_of_the_contract(mixed_run):
    _, out, _ = mixed_run
    required = contract_columns()
    assert len(required) == 6
    for name, columns in required.items():
        with open(out / name, encoding="utf-8", newline="") as handle:
            header = next(csv.reader(handle))
        assert header[:len(columns)] == columns, name  # extra columns may follow, never precede


def test_datapackage_describes_every_csv(mixed_run):
    _, out, _ = mixed_run
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    resources = {r["path"]: r for r in package["resources"]}
    assert set(resources) == {f"{t.table}.csv" for t in TABLES}
    for path, resource in resources.items():
        with open(out / path, encoding="utf-8", newline="") as handle:
            header = next(csv.reader(handle))
        assert [f["name"] for f in resource["schema"]["fields"]] == header


def test_every_mention_slices_back_out_of_the_article(mixed_run):
    src, out, _ = mixed_run
    texts = {}
    for row in read_csv(out / "documents.csv"):
        if row["status"] == "ok":
            with open(row["path"], encoding="utf-8", newline="") as handle:
                texts[row["doc_id"]] = handle.read().lstrip("\ufeff")
    checked = 0
    for table in ("dates.csv", "counts.csv", "mentions.csv"):
        for row in read_csv(out / table):
            article = texts[row["doc_id"]]
            assert article[int(row["start_char"]):int(row["end_char"])] == row["text"], row
            checked += 1
    assert checked > 5


def test_json_nests_the_same_rows_as_the_csvs(mixed_run):
    _, out, _ = mixed_run
    nested = json.loads((out / "good-article.json").read_text(encoding="utf-8"))
    for table in ("actors", "places", "dates", "counts", "mentions"):
        rows = [r for r in read_csv(out / f"{table}.csv") if r["doc_id"] == "good-article"]
        assert len(nested[table]) == len(rows), table
    assert nested["sections"][0]["path"] == "Lead"


def test_interrupted_write_leaves_previous_output(tmp_path, mixed_run):
    _, out, _ = mixed_run
    target = tmp_path / "out"
    shutil.copytree(out, target)
    before = sorted(p.name for p in target.iterdir())
    with pytest.raises(KeyboardInterrupt):
        with OutputWriter(target) as writer:
            (writer.staging / "partial.txt").write_text("half a run", encoding="utf-8")
            raise KeyboardInterrupt
    assert sorted(p.name for p in target.iterdir()) == before
    assert not any(p.name.startswith(".out.partial") for p in tmp_path.iterdir())


def test_run_stopped_between_renames_is_recovered(tmp_path, mixed_run):
    _, out, _ = mixed_run
    target = tmp_path / "out"
    shutil.copytree(out, tmp_path / ".out.previous")  # the state between the two renames
    recover_output(target)
    assert (target / "documents.csv").exists() and not (tmp_path / ".out.previous").exists()


def test_out_folder_with_foreign_files_is_refused(tmp_path):
    (tmp_path / "thesis.docx").write_text("precious", encoding="utf-8")
    proc = run_cli("run", "tests/test_cli/good-plain.txt", "--out", str(tmp_path))
    assert proc.returncode == 2
    assert "not an extract output" in proc.stderr and (tmp_path / "thesis.docx").exists()


def test_missing_model_says_how_to_install(tmp_path):
    proc = run_cli("run", "tests/test_cli/good-plain.txt", "--out", str(tmp_path / "o"),
                   "--model", "xx_no_such_pipeline")
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "pip install" in proc.stderr


def test_help_and_argument_errors_answer_without_loading_spacy():
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "extract.cli", "--help"],
                          capture_output=True, text=True)
    assert proc.returncode == 0 and "extract run" in proc.stdout
    assert "spacy" not in proc.stderr  # -X importtime lists every module imported
    bad = run_cli("run", "corpus", "--out", "o", "--batch-size", "0")
    assert bad.returncode == 2 and "at least 1" in bad.stderr


@pytest.mark.slow
def test_fresh_run_reproduces_committed_output(tmp_path):
    out = tmp_path / "output"
    proc = run_cli("run", "corpus", "--out", str(out))
    committed = ROOT / "output"
    names = sorted(p.name for p in committed.iterdir())
    assert names == sorted(p.name for p in out.iterdir())
    match, mismatch, errors = filecmp.cmpfiles(committed, out, names, shallow=False)
    assert not mismatch and not errors, f"differs from committed output/: {mismatch}; run `make run`"
    assert proc.returncode == 0, proc.stderr
