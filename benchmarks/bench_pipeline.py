"""Speed and memory benchmark: the full pipeline against bare ``nlp.pipe``.

Builds a larger corpus by repeating and lightly varying the development
articles (numbers shifted, paragraphs rotated, titles numbered), then measures
on the same texts, each in a fresh process so peak memory is its own:

* bare ``nlp.pipe`` with the same model and batch size (the floor);
* the full ``extract run`` (reading, all components, records, writing, report);
* the full run with ``--workers 2``;
* the full run on 5x the articles, to show memory stays flat.

The build cache is warmed first, as after any first run on a machine.

Usage:  python benchmarks/bench_pipeline.py [--articles 500] [--scale 5] [--batch-size 16] [--repeat 2]
Held-out articles (gold/splits.json) are never used.
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SMALL_NUMBER = re.compile(r"(?<![\d,.])\d{1,3}(?![\d,])")


def development_articles() -> list[Path]:
    heldout = set(json.loads((ROOT / "gold" / "splits.json").read_text())["heldout"])
    return sorted(p for p in (ROOT / "corpus").iterdir()
                  if p.suffix in (".txt", ".md") and p.stem not in heldout)


def vary(text: str, k: int) -> str:
    """A light variant: small numbers shifted by k, body paragraphs rotated."""
    text = SMALL_NUMBER.sub(lambda m: str(int(m.group()) + k % 7), text)
    head, sep, body = text.partition("\n\n")
    paragraphs = body.split("\n\n")
    if len(paragraphs) > 2:
        r = k % len(paragraphs)
        paragraphs = paragraphs[r:] + paragraphs[:r]
    return head + sep + "\n\n".join(paragraphs)


def build_corpus(folder: Path, n: int) -> int:
    """Write ``n`` varied articles into ``folder``; return their word count."""
    folder.mkdir(parents=True, exist_ok=True)
    sources = [(p.suffix, p.read_text(encoding="utf-8")) for p in development_articles()]
    words = 0
    for i in range(n):
        suffix, text = sources[i % len(sources)]
        variant = vary(text, i // len(sources))
        (folder / f"article-{i:05d}{suffix}").write_text(variant, encoding="utf-8")
        words += len(variant.split())
    return words


def peak_rss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports KiB


def measure_bare(folder: str, batch_size: int) -> dict:
    import spacy

    from extract.pipeline import resolve_model

    nlp = spacy.load(resolve_model(None))
    texts = [p.read_text(encoding="utf-8") for p in sorted(Path(folder).iterdir())]
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    return {"seconds": time.perf_counter() - started, "peak_rss_mb": peak_rss_mb(resource.RUSAGE_SELF)}


def measure_full(folder: str, batch_size: int, workers: int) -> dict:
    from extract.cli import main

    out = Path(tempfile.mkdtemp()) / "out"
    started = time.perf_counter()
    status = main(["run", folder, "--out", str(out), "-q", "--batch-size", str(batch_size),
                   "--workers", str(workers)])
    seconds = time.perf_counter() - started
    shutil.rmtree(out.parent)
    peak = max(peak_rss_mb(resource.RUSAGE_SELF), peak_rss_mb(resource.RUSAGE_CHILDREN))
    return {"seconds": seconds, "peak_rss_mb": peak, "status": status}


def in_fresh_process(*args: str) -> dict:
    proc = subprocess.run([sys.executable, __file__, "--measure", *args], capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"measurement {' '.join(args[:1])} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--scale", type=int, default=5, help="the memory check runs articles x scale")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--repeat", type=int, default=2,
                        help="runs of bare and full each; the fastest counts (a shared machine's "
                             "other work only ever slows a run down)")
    parser.add_argument("--measure", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        kind, folder, *rest = args.measure
        if kind == "warm":
            from extract.pipeline import load_pipeline

            load_pipeline()  # writes the build cache's entries, as any first run does
            print(json.dumps({}))
            return
        result = measure_bare(folder, int(rest[0])) if kind == "bare" else \
            measure_full(folder, int(rest[0]), int(rest[1]))
        print(json.dumps(result))
        return

    work = Path(tempfile.mkdtemp(prefix="extract-bench-"))
    try:
        n, big = args.articles, args.articles * args.scale
        words = build_corpus(work / "n", n)
        big_words = build_corpus(work / "big", big) if args.scale > 1 else 0
        b = str(args.batch_size)
        # Measured as every run after a machine's first: the build cache (extract.build_cache)
        # already holds the gazetteer's index; the first run builds it once (about 2 s more).
        in_fresh_process("warm", str(work / "n"))
        # bare and full alternate, so that a slow spell of the machine hits both alike
        bares, fulls = [], []
        for _ in range(max(1, args.repeat)):
            bares.append(in_fresh_process("bare", str(work / "n"), b))
            fulls.append(in_fresh_process("full", str(work / "n"), b, "1"))
        bare = min(bares, key=lambda r: r["seconds"])
        full = min(fulls, key=lambda r: r["seconds"])
        pool = in_fresh_process("full", str(work / "n"), b, "2")
        large = in_fresh_process("full", str(work / "big"), b, "1") if args.scale > 1 else None
    finally:
        shutil.rmtree(work)

    print(f"machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}, "
          f"{__import__('os').cpu_count()} cores")
    print(f"corpus: {n} articles, {words:,} words (batch size {args.batch_size}; "
          f"bare and full: fastest of {max(1, args.repeat)} runs)")
    print(f"bare nlp.pipe:            {bare['seconds']:8.1f} s  {words / bare['seconds']:8,.0f} words/s  "
          f"peak {bare['peak_rss_mb']:6.0f} MB")
    print(f"extract run (1 process):  {full['seconds']:8.1f} s  {words / full['seconds']:8,.0f} words/s  "
          f"peak {full['peak_rss_mb']:6.0f} MB")
    print(f"extract run --workers 2:  {pool['seconds']:8.1f} s  {words / pool['seconds']:8,.0f} words/s  "
          f"speed-up {full['seconds'] / pool['seconds']:.2f}x")
    if large:
        print(f"extract run, {big} articles: {large['seconds']:8.1f} s  {big_words / large['seconds']:8,.0f} "
              f"words/s  peak {large['peak_rss_mb']:6.0f} MB (vs {full['peak_rss_mb']:.0f} MB for {n})")
    print(f"ratio full / bare: {full['seconds'] / bare['seconds']:.2f} (target <= 1.30)")


if __name__ == "__main__":
    main()
