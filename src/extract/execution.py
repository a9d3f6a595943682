"""Where articles are processed: this process, a local process pool, or a Dask cluster.

All three take the same chunks of Articles (read where the command runs) and
give back ``ArticleResult`` objects in input order, so the output of a run
does not depend on how it was executed (issue 8). Each worker process loads
the spaCy pipeline once and keeps it for every chunk it is sent. At most a
few chunks per worker are in flight, so memory stays flat however many
articles there are.
"""

from __future__ import annotations

from collections import deque
from typing import Callable, Iterable, Iterator, Protocol

from .extraction import Article, ArticleResult, chunked, process_chunk
from .pipeline import shared_pipeline

Chunk = list  # list[Article | ArticleResult]


class Future(Protocol):
    def result(self): ...


class ClusterUnavailable(Exception):
    """The Dask scheduler cannot be reached; the message says what to check."""


def process_chunk_with(model: str | None, max_chars: int, batch_size: int, chunk: Chunk) -> list[ArticleResult]:
    """Worker entry point: the process's own pipeline on one chunk."""
    return process_chunk(shared_pipeline(model, max_chars), chunk, batch_size)


def in_order(submit: Callable[[Chunk], Future], chunks: Iterable[Chunk], window: int) -> Iterator[ArticleResult]:
    """Submit chunks, keeping at most ``window`` in flight, and yield results in input order."""
    pending: deque[Future] = deque()
    for chunk in chunks:
        pending.append(submit(chunk))
        if len(pending) >= window:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()


def run_local(items: Iterable[Article | ArticleResult], model: str | None, max_chars: int,
              batch_size: int) -> Iterator[ArticleResult]:
    for chunk in chunked(items, batch_size):
        yield from process_chunk_with(model, max_chars, batch_size, chunk)


def run_pool(items: Iterable[Article | ArticleResult], model: str | None, max_chars: int,
             batch_size: int, workers: int) -> Iterator[ArticleResult]:
    """A local pool of ``workers`` processes."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # "spawn" keeps workers free of the parent's threads (dateparser, BLAS); each
    # loads the model once on its first chunk.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        submit = lambda chunk: pool.submit(process_chunk_with, model, max_chars, batch_size, chunk)  # noqa: E731
        yield from in_order(submit, chunked(items, batch_size), window=2 * workers)


def run_dask(items: Iterable[Article | ArticleResult], model: str | None, max_chars: int,
             batch_size: int, address: str) -> Iterator[ArticleResult]:
    """Chunks spread over a Dask distributed cluster at ``address``.

    The workers need ``extract`` and the spaCy model installed; the articles
    themselves are sent to them, so they need no access to the input files.
    """
    from dask.distributed import Client

    try:
        client = Client(address, set_as_default=False, timeout="15s")
    except (OSError, TimeoutError) as err:
        raise ClusterUnavailable(f"cannot reach the Dask scheduler at {address} ({err}); "
                                 "check the address and that the scheduler is running") from None
    with client:
        n_workers = max(1, len(client.scheduler_info().get("workers", {})))
        submit = lambda chunk: client.submit(  # noqa: E731
            process_chunk_with, model, max_chars, batch_size, chunk, pure=False)
        yield from in_order(submit, chunked(items, batch_size), window=2 * n_workers)
