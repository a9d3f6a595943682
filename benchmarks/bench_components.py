"""Per-component cost: milliseconds per article for each of extract's own spaCy
components, on the development articles, after the model's components ran once.

Shows which rule component a change made slower; the end-to-end target (full
run against bare ``nlp.pipe``) is ``bench_pipeline.py``. Held-out articles
(gold/splits.json) are never used.

Usage:  python benchmarks/bench_components.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import time

from bench_pipeline import development_articles

from extract.extraction import _make_doc
from extract.ingest import read_article
from extract.pipeline import load_pipeline


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3, help="rounds; the fastest is reported")
    args = parser.parse_args()
    nlp = load_pipeline()
    articles = [read_article(str(p)) for p in development_articles()]
    ours = [name for name in nlp.pipe_names if name.startswith("extract_")]
    with nlp.select_pipes(disable=ours):
        docs = list(nlp.pipe(_make_doc(nlp, a) for a in articles))
    best: dict[str, float] = {}
    for _ in range(args.repeat):
        for name in ours:
            component = nlp.get_pipe(name)
            started = time.process_time()
            for doc in docs:
                component(doc)
            ms = (time.process_time() - started) / len(docs) * 1000
            best[name] = min(best.get(name, ms), ms)
    print(f"{len(docs)} articles, fastest of {args.repeat} rounds (CPU ms per article):")
    for name in ours:
        print(f"  {name:24} {best[name]:8.2f}")


if __name__ == "__main__":
    main()
