"""report.html (issue 3): what a reviewer sees, checked in a real headless Chromium.

One real run (``extract run`` as a subprocess) over ``test_report/articles``:
two articles of our own and an empty file that fails; ``test_report/gold`` has
gold for one of them, made to hold misses ("mourn" is no date; "three suspects"
neither, and it covers the count "three", which must then be drawn under it)
and to leave a false alarm (it omits the first date). The page is then opened in headless
Chromium and checked through the DOM against the run's own CSV files and a
fresh ``extract.evaluate`` of the same output, so nothing expected is typed in.

Without Chromium the browser tests skip, unless EXTRACT_REQUIRE_BROWSER=1 (CI),
where they fail. Screenshots go to the test's tmp dir and, when set, to
EXTRACT_SCREENSHOT_DIR.
"""

from __future__ import annotations

import base64
import csv
import html.parser
import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from extract.evaluate import TYPES, evaluate
from extract.report import Span, esc, render_report, render_text, resolve_overlaps

CHROMIUM_FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--no-first-run", "--window-size=1400,1000")
GOLD_DOC = "harbour-blast"


# --- the run -----------------------------------------------------------------------------------

def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


class Run:
    """The output of one ``extract run`` and what the test compares the page with."""

    def __init__(self, work: Path, out: Path, proc: subprocess.CompletedProcess):
        self.work, self.out, self.proc = work, out, proc
        self.documents = read_csv(out / "documents.csv")
        self.tables = {t: read_csv(out / f"{t}.csv") for t in ("actors", "places", "dates", "counts", "mentions")}
        self.evaluation = evaluate(work / "gold", out, corpus_dir=work / "articles")
        self.html = (out / "report.html").read_text(encoding="utf-8")

    def number(self, doc_id: str) -> int:
        """The article's place in documents.csv: the prefix of its element ids."""
        return next(i for i, d in enumerate(self.documents, 1) if d["doc_id"] == doc_id)

    def rows(self, table: str, doc_id: str) -> list[dict[str, str]]:
        return [r for r in self.tables[table] if r["doc_id"] == doc_id]

    def ok_doc_ids(self) -> list[str]:
        return [d["doc_id"] for d in self.documents if d["status"] == "ok"]

    def result(self, doc_id: str):
        return next(d for d in self.evaluation.documents if d.doc_id == doc_id)


@pytest.fixture(scope="module")
def run(original_datadir: Path, tmp_path_factory) -> Run:
    """``extract run articles --gold gold`` in a copy of test_report/, with relative paths
    (as a user types them), so the page may show no absolute path."""
    work = tmp_path_factory.mktemp("report-run")
    for name in ("articles", "gold"):
        shutil.copytree(original_datadir / name, work / name)
    proc = subprocess.run([sys.executable, "-m", "extract.cli", "run", "articles", "--out", "out",
                           "--gold", "gold"], cwd=work, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 1, proc.stderr  # the empty article fails, the others do not
    assert "Traceback" not in proc.stderr, proc.stderr
    return Run(work, work / "out", proc)


# --- the browser -------------------------------------------------------------------------------

def _no_browser(reason: str):
    if os.environ.get("EXTRACT_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason}; EXTRACT_REQUIRE_BROWSER=1 requires the browser tests to run")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def page(run: Run, tmp_path_factory):
    """report.html open in headless Chromium, driven by selenium."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver")
    if not chromium or not driver_path:
        _no_browser("headless Chromium is not installed (apt-get install chromium chromium-driver)")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        _no_browser("selenium is not installed (pip install -e '.[test]')")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    # An explicit driver path: selenium must not try to download one.
    driver = webdriver.Chrome(options=options, service=Service(executable_path=driver_path))
    try:
        driver.get((run.out / "report.html").as_uri())
        yield driver
    finally:
        driver.quit()


def js(page, script: str, *args):
    return page.execute_script(script, *args)


#: The text a mark highlights: its own text nodes (its type label is a link inside it).
MARK_TEXT = ("return Array.from(arguments[0].childNodes).filter(n => n.nodeType === 3)"
             ".map(n => n.textContent).join('');")


def element(page, element_id: str):
    from selenium.webdriver.common.by import By

    found = page.find_elements(By.ID, element_id)
    return found[0] if found else None


def highlight_of(page, element_id: str):
    """The mark that shows a mention: its own element, or, for a mention not drawn
    (it overlaps a longer one), the mark its anchor sits in. (mark, drawn?)"""
    found = element(page, element_id)
    assert found is not None, f"no element #{element_id}"
    if found.tag_name == "mark":
        return found, True
    mark = js(page, "return arguments[0].closest('mark');", found)
    assert mark is not None, f"#{element_id} is neither a mark nor inside one"
    return mark, False


def visible(page, el) -> bool:
    js(page, "arguments[0].scrollIntoView({block: 'center'});", el)
    return el.is_displayed() and el.size["width"] > 0 and el.size["height"] > 0


def expected_type(run: Run, doc_id: str, mention: dict[str, str]) -> str:
    if mention["entity_type"] == "place":
        return "place"
    kind = next(a["kind"] for a in run.rows("actors", doc_id) if a["actor_id"] == mention["entity_id"])
    return {"person": "person", "organization": "org", "group": "group"}[kind]


# --- browser tests ----------------------------------------------------------------------------

@pytest.mark.browser
def test_every_mention_is_highlighted_with_its_text_and_type(run, page):
    checked = drawn_count = 0
    for doc_id in run.ok_doc_ids():
        prefix = f"d{run.number(doc_id)}"
        items = [(f"{prefix}-{r['date_id']}", r, "date") for r in run.rows("dates", doc_id)]
        items += [(f"{prefix}-{r['count_id']}", r, "count") for r in run.rows("counts", doc_id)]
        items += [(f"{prefix}-{m['mention_id']}", m, expected_type(run, doc_id, m))
                  for m in run.rows("mentions", doc_id)]
        assert items, doc_id
        for element_id, row, type_ in items:
            mark, drawn = highlight_of(page, element_id)
            assert visible(page, mark), element_id
            if drawn:
                drawn_count += 1
                assert js(page, MARK_TEXT, mark) == row["text"], element_id
                assert mark.get_attribute("data-type") == type_, element_id
                assert f"t-{type_}" in mark.get_attribute("class").split()
            else:  # drawn in its place: a longer overlapping span, flagged, and listed
                start, end = int(row["start_char"]), int(row["end_char"])
                assert "hides" in mark.get_attribute("class").split()
                listed = js(page, "return Array.from(document.querySelectorAll("
                                  "'#' + arguments[0] + ' table.hidden-mentions a')).map(a => a.hash);", prefix)
                assert f"#{element_id}" in listed, element_id
                assert start < end
            checked += 1
    assert drawn_count >= checked // 2, "most mentions are drawn"
    # The test gold's missed date "three suspects" is longer than the count "three" in it.
    prefix = f"d{run.number(GOLD_DOC)}"
    for row in run.rows("counts", GOLD_DOC):
        if row["text"] == "three":
            mark, drawn = highlight_of(page, f"{prefix}-{row['count_id']}")
            assert not drawn and js(page, MARK_TEXT, mark) == "three suspects"
            assert "hides" in mark.get_attribute("class").split()
            assert "also here: COUNT 'three'" in mark.get_attribute("title")
    labels = {m.get_attribute("data-type") for m in page.find_elements("css selector", "mark.e")}
    assert {"place", "date", "count"} <= labels


@pytest.mark.browser
def test_tables_have_the_rows_and_normalised_values_of_the_run(run, page):
    columns = {  # table -> (id column, {header shown: csv column})
        "actors": ("actor_id", {"name": "name", "kind": "kind", "mentions": "n_mentions"}),
        "places": ("place_id", {"name": "name", "kind": "kind", "country": "country", "lat": "latitude",
                                "lon": "longitude", "mentions": "n_mentions"}),
        "dates": ("date_id", {"text": "text", "at": "start_char", "section": "section", "start": "start",
                              "end": "end", "granularity": "granularity"}),
        "counts": ("count_id", {"text": "text", "value": "value", "low": "low", "high": "high",
                                "qualifier": "qualifier", "counted": "counted", "category": "category"}),
    }
    for doc_id in run.ok_doc_ids():
        prefix = f"d{run.number(doc_id)}"
        for table, (id_column, shown) in columns.items():
            headers = js(page, f"return Array.from(document.querySelectorAll('#{prefix} table.{table} th'))"
                               ".map(th => th.textContent);")
            cells = js(page, f"return Array.from(document.querySelectorAll('#{prefix} table.{table} tbody tr'))"
                             ".map(tr => Array.from(tr.cells).map(td => td.textContent));")
            rows = run.rows(table, doc_id)
            assert len(cells) == len(rows), (doc_id, table)
            for row, shown_cells in zip(rows, cells):
                assert shown_cells[0] == row[id_column]
                for header, column in shown.items():
                    assert shown_cells[headers.index(header)] == row[column], (doc_id, table, header)
        for actor in run.rows("actors", doc_id):
            row = element(page, f"{prefix}-row-{actor['actor_id']}")
            aliases = row.find_elements("css selector", "td")[3].get_attribute("textContent")
            assert aliases == actor["aliases"].replace(" | ", "; ")


@pytest.mark.browser
def test_each_row_links_to_its_first_highlighted_mention(run, page):
    for doc_id in run.ok_doc_ids():
        prefix = f"d{run.number(doc_id)}"
        mentions = run.rows("mentions", doc_id)
        for table, id_column in (("actors", "actor_id"), ("places", "place_id")):
            for row in run.rows(table, doc_id):
                links = page.find_elements("css selector", f"#{prefix}-row-{row[id_column]} td:nth-child(2) a")
                own = [m for m in mentions if m["entity_id"] == row[id_column]]
                if not own:  # nothing to link to
                    assert not links
                    continue
                first = min(own, key=lambda m: (int(m["start_char"]), int(m["end_char"])))
                assert [a.get_attribute("hash") for a in links] == [f"#{prefix}-{first['mention_id']}"]
        for table, id_column in (("dates", "date_id"), ("counts", "count_id")):
            for row in run.rows(table, doc_id):
                link = page.find_element("css selector", f"#{prefix}-row-{row[id_column]} td:nth-child(2) a")
                assert link.get_attribute("hash") == f"#{prefix}-{row[id_column]}"
    # Following a link brings its highlight into view.
    doc_id = GOLD_DOC
    prefix = f"d{run.number(doc_id)}"
    place = run.rows("places", doc_id)[-1]
    link = page.find_element("css selector", f"#{prefix}-row-{place['place_id']} td:nth-child(2) a")
    js(page, "arguments[0].scrollIntoView({block: 'center'});", link)
    link.click()
    target = js(page, "return document.querySelector(location.hash);")
    mark = js(page, "return arguments[0].closest('mark');", target)
    assert target is not None and mark is not None
    in_view = js(page, "const r = arguments[0].getBoundingClientRect();"
                       "return r.top >= 0 && r.bottom <= window.innerHeight;", mark)
    assert in_view


def _number(value):
    return "–" if value is None else f"{value:.3f}"


def _shown_scores(page, selector: str) -> dict[tuple[str, str], list[str]]:
    rows = js(page, f"return Array.from(document.querySelectorAll('{selector} table.scores tbody tr'))"
                    ".map(tr => [tr.dataset.type, tr.dataset.measure, "
                    "...Array.from(tr.cells).slice(2, 8).map(td => td.textContent)]);")
    return {(r[0], r[1]): r[2:] for r in rows}


def _expected_scores(tallies) -> dict[tuple[str, str], list[str]]:
    expected = {}
    for type_, tally in tallies.items():
        measures = [("detection", tally.detection)]
        if tally.end_to_end is not None:
            measures.append(("end-to-end", tally.end_to_end))
        for measure, s in measures:
            expected[type_, measure] = [str(s.tp), "–" if s.fp is None else str(s.fp), str(s.fn),
                                        _number(s.precision), _number(s.recall), _number(s.f1)]
    return expected


@pytest.mark.browser
def test_scores_are_shown_per_article_and_overall(run, page):
    result = run.result(GOLD_DOC)
    article = f"#d{run.number(GOLD_DOC)}"
    assert _shown_scores(page, article) == _expected_scores(result.tallies())
    assert _shown_scores(page, "#scores") == _expected_scores(run.evaluation.micro())
    accuracy = page.find_element("css selector", f"{article} table.scores tr[data-type='places'] td:last-child")
    places = result.tallies()["places"].accuracy
    assert accuracy.text.startswith(f"kind {_number(places['kind'].value)} ({places['kind'].correct}/")
    # The article without gold shows no scores.
    other = next(d for d in run.ok_doc_ids() if d != GOLD_DOC)
    assert not page.find_elements("css selector", f"#d{run.number(other)} table.scores")


@pytest.mark.browser
def test_misses_and_false_alarms_are_marked_in_the_text_and_listed(run, page):
    prefix = f"d{run.number(GOLD_DOC)}"
    result = run.result(GOLD_DOC)
    misses = [(t, g) for t, r in result.results.items() for g in r.misses]
    false_alarms = [(t, p) for t, r in result.results.items() for p in r.false_alarms]
    assert any(g.start_char is not None for _, g in misses), "the test gold holds a miss with a span"
    assert any(t == "dates" for t, _ in false_alarms), "the test gold leaves a date false alarm"

    drawn_misses = 0
    for type_, gold in misses:
        row = element(page, f"{prefix}-row-gold-{gold.id.replace('[', '_').rstrip(']')}")
        assert row is not None and gold.text in row.text, gold.id
        if gold.start_char is None:
            continue  # an entity: listed only, it has no place in the text
        mark, drawn = highlight_of(page, f"{prefix}-gold-{gold.id.replace('[', '_').rstrip(']')}")
        assert visible(page, mark)
        if drawn:
            drawn_misses += 1
            assert "miss" in mark.get_attribute("class").split()
            assert js(page, MARK_TEXT, mark) == gold.text
            assert mark.get_attribute("data-type") == "miss"
            assert mark.text.endswith(f"MISSED {type_.rstrip('s').upper()}")
            assert str(gold.start_char) in mark.get_attribute("title")
            assert mark.value_of_css_property("border-top-style") == "solid"
        else:
            assert "hides-miss" in mark.get_attribute("class").split()
    assert drawn_misses >= 1

    mention_ids = {}
    for m in run.rows("mentions", GOLD_DOC):
        mention_ids.setdefault(m["entity_id"], []).append(m["mention_id"])
    for type_, pred in false_alarms:
        ids = mention_ids.get(pred.id, []) if type_ in ("actors", "places") else [pred.id]
        assert ids, pred.id
        for mark_id in ids:
            mark, drawn = highlight_of(page, f"{prefix}-{mark_id}")
            if drawn:
                assert "fa" in mark.get_attribute("class").split(), mark_id
                assert mark.value_of_css_property("outline-style") == "dashed"
                assert "false alarm" in mark.get_attribute("title")
        row = element(page, f"{prefix}-row-{pred.id}")
        assert "fa" in row.get_attribute("class").split()
        assert row.find_element("css selector", "td.outcome").text == "false alarm"
    listed = js(page, f"return Array.from(document.querySelectorAll('#{prefix} table.errors td.outcome'))"
                      ".map(td => td.textContent);")
    assert listed.count("miss") == len(misses)
    assert listed.count("false alarm") == len(false_alarms)
    wrong = sum(len(r.wrong_values) + sum(bool(m.differences(r.spec.accuracy_fields)) for m in r.hits)
                for r in result.results.values())
    assert listed.count("wrong value") == wrong


@pytest.mark.browser
def test_the_chart_has_one_bar_per_type(run, page):
    for selector, tallies in ((f"#d{run.number(GOLD_DOC)}", run.result(GOLD_DOC).tallies()),
                              ("#scores", run.evaluation.micro())):
        bars = page.find_elements("css selector", f"{selector} svg.chart rect.bar")
        assert [b.get_attribute("data-type") for b in bars] == list(TYPES)
        track = float(page.find_element("css selector", f"{selector} svg.chart rect.track").get_attribute("width"))
        for bar in bars:
            tally = tallies[bar.get_attribute("data-type")]
            value = tally.detection.recall if tally.detection.fp is None else (
                tally.end_to_end.f1 if tally.end_to_end is not None else tally.detection.f1)
            assert bar.get_attribute("data-value") == _number(value)
            assert float(bar.get_attribute("width")) == pytest.approx(track * (value or 0), abs=0.1)
            assert bar.is_displayed()


@pytest.mark.browser
def test_failed_article_is_listed_with_its_error(run, page):
    failed = [d for d in run.documents if d["status"] == "failed"]
    assert failed
    items = page.find_elements("css selector", "nav.articles li.failed")
    assert len(items) == len(failed)
    for document, item in zip(failed, items):
        assert document["doc_id"] in item.text and document["error"] in item.text
    links = page.find_elements("css selector", "nav.articles li a")
    assert len(links) == len(run.documents)


@pytest.mark.browser
def test_article_text_is_shown_as_text_never_as_markup(run, page):
    doc_id = "ferry-attack"
    text = (run.work / next(d["path"] for d in run.documents if d["doc_id"] == doc_id)).read_text("utf-8")
    shown = js(page, f"return document.querySelector('#d{run.number(doc_id)} .entities').innerText;")
    assert "<script>alert(1)</script>" in text and "<script>alert(1)</script>" in shown
    assert len(page.find_elements("css selector", "script")) == 1  # the report's own
    from selenium.common.exceptions import NoAlertPresentException

    with pytest.raises(NoAlertPresentException):
        page.switch_to.alert.text  # noqa: B018 - the article's script never ran
    quoted = [a for a in run.rows("actors", GOLD_DOC) if '"' in a["name"] or "&" in a["name"]]
    for actor in quoted:
        row = element(page, f"d{run.number(GOLD_DOC)}-row-{actor['actor_id']}")
        assert row.find_elements("css selector", "td")[1].get_attribute("textContent") == actor["name"]


@pytest.mark.browser
def test_the_page_fetches_nothing(run, page):
    assert js(page, "return performance.getEntriesByType('resource').length;") == 0
    assert "http://" not in run.html and "https://" not in run.html
    assert " src=" not in run.html and "url(" not in run.html and "@import" not in run.html


@pytest.mark.browser
def test_legend_switch_hides_one_type(run, page):
    box = page.find_element("css selector", "input[data-toggle='date']")
    mark = page.find_element("css selector", "mark.t-date")
    before = mark.value_of_css_property("background-color")
    js(page, "arguments[0].scrollIntoView();", box)
    box.click()
    try:
        assert mark.value_of_css_property("background-color") == "rgba(0, 0, 0, 0)"
        assert page.find_element("css selector", "mark.t-place").value_of_css_property(
            "background-color") != "rgba(0, 0, 0, 0)"
    finally:
        box.click()
    assert mark.value_of_css_property("background-color") == before


@pytest.mark.browser
def test_screenshot(run, page, tmp_path):
    """A full-page screenshot, for a person to look at (kept in tmp and EXTRACT_SCREENSHOT_DIR)."""
    js(page, "window.scrollTo(0, 0);")
    height = js(page, "return document.documentElement.scrollHeight;")
    shot = page.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": 1400, "height": min(height, 12000), "scale": 1}})
    png = base64.b64decode(shot["data"])
    assert png.startswith(b"\x89PNG") and len(png) > 20_000
    targets = [tmp_path]
    if os.environ.get("EXTRACT_SCREENSHOT_DIR"):
        targets.append(Path(os.environ["EXTRACT_SCREENSHOT_DIR"]))
    for folder in targets:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "report.png").write_bytes(png)


# --- the page as a file: deterministic, self-contained, escaped ---------------------------------------

def test_report_is_deterministic_and_has_no_tmp_path(run, monkeypatch):
    monkeypatch.chdir(run.work)  # documents.csv paths are relative, as the run was given them
    again = render_report(run.out, evaluate(Path("gold"), run.out, doc_ids=[GOLD_DOC]))
    assert again == run.html  # another process, another hash seed: the same bytes
    assert str(run.work) not in run.html and "/tmp" not in run.html


def test_report_without_gold_or_text_still_lists_everything(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the articles' relative paths do not resolve from here
    page_html = render_report(run.out, None)
    assert "table class=\"scores\"" not in page_html
    assert page_html.count('<p class="note">the article text is not shown') == len(run.ok_doc_ids())
    for doc_id in run.ok_doc_ids():
        for row in run.rows("dates", doc_id):
            assert f'id="d{run.number(doc_id)}-row-{row["date_id"]}"' in page_html


def test_long_text_is_cut_with_a_note_and_its_rows_kept(run, monkeypatch):
    monkeypatch.chdir(run.work)
    cut = 120
    page_html = render_report(run.out, None, max_text_chars=cut)
    n = run.number(GOLD_DOC)
    assert f"The text is cut at {cut:,} of" in page_html
    for row in run.rows("dates", GOLD_DOC) + run.rows("counts", GOLD_DOC):
        row_id = row.get("date_id") or row.get("count_id")
        assert f'id="d{n}-row-{row_id}"' in page_html
        assert (f'id="d{n}-{row_id}"' in page_html) == (int(row["end_char"]) <= cut)


class _Collector(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.text = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text.append(data)


def test_report_escapes_article_text_and_values(run):
    page_html = run.html
    assert "<script>alert(1)</script>" not in page_html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page_html
    assert "&lt;B&gt;" in page_html and "<B>" not in page_html
    collector = _Collector()
    collector.feed(page_html)
    assert "b" not in collector.tags and collector.tags.count("script") == 1


# --- pure parts -----------------------------------------------------------------------------------

def _spans(case) -> list[Span]:
    return [Span(start, end, key, anchor, text=anchor) for start, end, key, anchor in case["spans"]]


def _overlap_cases():
    cases = json.loads((Path(__file__).with_suffix("") / "overlaps.json").read_text(encoding="utf-8"))
    return [pytest.param(c, id=c["case"]) for c in cases]


@pytest.mark.parametrize("case", _overlap_cases())
def test_resolve_overlaps(case):
    spans = _spans(case)
    for order in (spans, spans[::-1], random.Random(7).sample(spans, len(spans))):
        resolved = resolve_overlaps(order)
        assert [s.anchor for s in resolved.drawn] == case["drawn"]
        hidden = {resolved.drawn[i].anchor: [h.anchor for h in hs] for i, hs in resolved.hidden.items()}
        assert hidden == case["hidden"]
        drawn = resolved.drawn
        assert all(a.end <= b.start for a, b in zip(drawn, drawn[1:])), "drawn spans never overlap"
        kept = {s.anchor for s in drawn} | {h.anchor for hs in resolved.hidden.values() for h in hs}
        assert kept == {s.anchor for s in spans if s.end > s.start}, "no span is lost"


def test_render_text_escapes_text_and_attributes():
    text = 'He said "a < b & c" at <Gate 3>.\nNext line'
    spans = [Span(8, 19, "count", "x-C001", "x-row-C001", text[8:19], tip='tip "quoted" <i>'),
             Span(23, 31, "place", "x-M0001", "x-row-P001", text[23:31])]
    markup = render_text(text, resolve_overlaps(spans))
    assert "<Gate" not in markup and "<i>" not in markup
    assert 'title="tip &quot;quoted&quot; &lt;i&gt;"' in markup
    collector = _Collector()
    collector.feed(markup)
    assert set(collector.tags) == {"div", "mark", "a", "br"}
    shown = "".join(collector.text).replace("COUNT", "").replace("PLACE", "")
    assert shown.strip() == text.replace("\n", "")


@pytest.mark.parametrize("raw, escaped", [
    ('<b>"x" & \'y\'</b>', "&lt;b&gt;&quot;x&quot; &amp; &#x27;y&#x27;&lt;/b&gt;"),
    (None, ""),
    (12, "12"),
])
def test_esc(raw, escaped):
    assert esc(raw) == escaped


def test_a_hidden_span_keeps_its_anchor_in_the_mark_drawn_instead():
    text = "Rebels held the town for two weeks."
    spans = [Span(16, 20, "miss", "x-gold-dates_0", "x-row-gold-dates_0", "town", state="miss"),
             Span(12, 20, "place", "x-M0001", "x-row-P001", "the town"),
             Span(25, 34, "count", "x-C001", "x-row-C001", "two weeks", state="fa")]
    markup = render_text(text, resolve_overlaps(spans))
    assert markup.count("<mark ") == 2
    place = markup[markup.index('id="x-M0001"') - 50:markup.index("PLACE</a></mark>")]
    assert 'class="e t-place hides hides-miss"' in place and '<a id="x-gold-dates_0"></a>' in place
    assert "also here: MISSED &#x27;town&#x27; at 16" in place
    assert 'class="e t-count fa"' in markup
