"""Reading articles: every bad input becomes one clear line naming the file (issue 2)."""

from __future__ import annotations

import json

import pytest

from extract.ingest import ArticleError, collect_sources, read_article



@pytest.fixture
def cases(datadir):
    return {c["name"]: c for c in json.loads((datadir / "bad_inputs.json").read_text(encoding="utf-8"))}


@pytest.mark.parametrize("name", ["empty.txt", "blank.txt", "binary.txt", "latin1.txt", "notes.pdf"])
def test_bad_file_gives_one_line_naming_it(tmp_path, cases, name):
    case = cases[name]
    path = tmp_path / name
    path.write_bytes(bytes.fromhex(case["bytes_hex"]))
    with pytest.raises(ArticleError) as info:
        read_article(str(path))
    message = str(info.value)
    assert message.startswith(str(path) + ": ")
    assert case["problem"] in message
    assert "\n" not in message


def test_too_large_article_is_refused_with_the_way_out(tmp_path):
    path = tmp_path / "huge.txt"
    paragraph = "Protesters gathered outside the ministry on 3 May 2015 and police dispersed them.\n\n"
    path.write_text("Huge article\n\n" + paragraph * (5_000_000 // len(paragraph)), encoding="utf-8")
    with pytest.raises(ArticleError, match=r"too large \(\d,\d{3},\d{3} characters, limit 1,000,000\).*--max-chars"):
        read_article(str(path))
    assert read_article(str(path), max_chars=6_000_000).doc_id == "huge"


def test_bom_is_removed_and_offsets_stay_python_indices(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffTitle\n\nThe raid began at dawn.\n".encode("utf-8"))
    article = read_article(str(path))
    assert article.text.startswith("Title")
    assert article.title == "Title"


def test_collect_sources_expands_folders_and_reports_path_problems(tmp_path):
    (tmp_path / "b.md").write_text("# B\n\ntext\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("A\n\ntext\n", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    (tmp_path / "empty").mkdir()
    sources = list(collect_sources([str(tmp_path), str(tmp_path / "empty"), str(tmp_path / "gone.txt")]))
    assert [s.path for s in sources[:2]] == [str(tmp_path / "a.txt"), str(tmp_path / "b.md")]
    empty, gone = sources[2], sources[3]
    assert not empty.is_article and "no .txt or .md articles" in str(empty.error)
    assert gone.is_article and "no such file or folder" in str(gone.error)
