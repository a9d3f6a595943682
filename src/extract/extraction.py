"""From processed Docs to typed records, one ``ArticleResult`` per article.

This is the only place that turns the components' Doc extensions into output
rows; identifiers are numbered here, in offset order, so they are stable for
the same input and model (output-contract.md, "Invariants").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from .entities import Entity
from .ingest import Article, ArticleError, Source, read_article
from .records import (
    ActorRecord,
    CountRecord,
    DateRecord,
    DocumentRecord,
    MentionRecord,
    PlaceRecord,
    Record,
)


@dataclass
class ArticleResult:
    """Everything extracted from one article (or why it failed)."""

    document: DocumentRecord
    actors: list[ActorRecord] = field(default_factory=list)
    places: list[PlaceRecord] = field(default_factory=list)
    dates: list[DateRecord] = field(default_factory=list)
    counts: list[CountRecord] = field(default_factory=list)
    mentions: list[MentionRecord] = field(default_factory=list)
    infobox: list[dict[str, Any]] = field(default_factory=list)
    sections: list[dict[str, Any]] = field(default_factory=list)

    @property
    def doc_id(self) -> str:
        return self.document.doc_id

    @property
    def ok(self) -> bool:
        return self.document.status == "ok"

    def rows(self, table: type[Record]) -> list[Record]:
        """The records of one table for this article."""
        return [self.document] if table is DocumentRecord else getattr(self, table.table)

    def as_json(self) -> dict[str, Any]:
        out = self.document.as_json()
        out["infobox"] = self.infobox
        out["sections"] = self.sections
        for name in ("actors", "places", "dates", "counts", "mentions"):
            out[name] = [r.as_json() for r in getattr(self, name)]
        return out


def failed_result(error: ArticleError) -> ArticleResult:
    return ArticleResult(DocumentRecord(
        doc_id=error.doc_id, title="", path=error.path, sha256=error.sha256,
        n_chars=error.n_chars, status="failed", error=error.problem,
    ))


def _iso(day) -> str | None:
    return day.isoformat() if day is not None else None


def _entity_rows(doc_id: str, entities: list[Entity], entity_type: str, article: Article,
                 prefix: str) -> tuple[list[tuple[str, Entity]], list[MentionRecord]]:
    numbered = [(f"{prefix}{i:03d}", e) for i, e in enumerate(entities, 1)]
    mentions = []
    for entity_id, entity in numbered:
        for m in entity.mentions:
            mentions.append((m.start_char, m.end_char, entity_id, m))
    return numbered, [
        MentionRecord(doc_id, "", entity_id, entity_type, m.text, m.start_char, m.end_char,
                      article.section_at(m.start_char), m.source)
        for _, _, entity_id, m in sorted(mentions, key=lambda x: (x[0], x[1], x[2]))
    ]


def build_result(doc: Doc, article: Article) -> ArticleResult:
    """Typed records for one processed Doc."""
    doc_id = article.doc_id
    layout = article.layout
    document = DocumentRecord(
        doc_id=doc_id, title=article.title, path=article.path, sha256=article.sha256,
        n_chars=len(article.text), status="ok", error="", format=layout.format,
        n_sections=len(layout.section_paths),
    )
    actors, actor_mentions = _entity_rows(doc_id, doc._.actors or [], "actor", article, "A")
    places, place_mentions = _entity_rows(doc_id, doc._.places or [], "place", article, "P")
    mentions = sorted(actor_mentions + place_mentions, key=lambda m: (m.start_char, m.end_char, m.entity_id))
    return ArticleResult(
        document=document,
        actors=[
            ActorRecord(doc_id, actor_id, e.name, e.kind, tuple(e.aliases), tuple(e.roles),
                        len(e.mentions), e.first_char)
            for actor_id, e in actors
        ],
        places=[
            PlaceRecord(doc_id, place_id, e.name, e.kind, e.country, e.latitude, e.longitude,
                        tuple(e.aliases), len(e.mentions), e.first_char, e.geonames_id)
            for place_id, e in places
        ],
        dates=[
            DateRecord(doc_id, f"D{i:03d}", m.text, m.start_char, m.end_char,
                       article.section_at(m.start_char), _iso(m.start), _iso(m.end),
                       m.granularity, _iso(m.anchor))
            for i, m in enumerate(sorted(doc._.dates or [], key=lambda m: m.start_char), 1)
        ],
        counts=[
            CountRecord(doc_id, f"C{i:03d}", m.text, m.start_char, m.end_char,
                        article.section_at(m.start_char), m.value, m.low, m.high, m.qualifier,
                        m.counted, m.category)
            for i, m in enumerate(sorted(doc._.counts or [], key=lambda m: m.start_char), 1)
        ],
        mentions=[
            MentionRecord(**{**m.as_json(), "mention_id": f"M{i:04d}"})
            for i, m in enumerate(mentions, 1)
        ],
        infobox=[
            {"key": e.key, "value": e.value, "start_char": e.start_char, "end_char": e.end_char}
            for e in layout.infobox
        ],
        sections=[
            {"path": s.path, "start_char": s.start_char, "end_char": s.end_char} for s in layout.spans
        ],
    )


def read_sources(sources: Iterable[Source], max_chars: int) -> Iterator[Article | ArticleResult]:
    """Read each source into an Article, or a failed result saying why, in order.

    Reading happens where the command runs; only Articles travel to workers,
    so a cluster needs no access to the user's files.
    """
    seen: dict[str, str] = {}
    for source in sources:
        try:
            if source.error is not None:
                raise source.error
            article = read_article(source.path, max_chars)
            if article.doc_id in seen:
                raise ArticleError(source.path, f"duplicate doc_id '{article.doc_id}' "
                                                f"(also {seen[article.doc_id]}); rename one of them")
            seen[article.doc_id] = source.path
            yield article
        except ArticleError as err:
            yield failed_result(err)


def process_chunk(nlp: Language, chunk: list[Article | ArticleResult], batch_size: int) -> list[ArticleResult]:
    """Results for a chunk of articles, in order; failed reads pass through.

    The chunk goes through ``nlp.pipe`` as one stream; if anything in it
    raises, its articles are redone one at a time so only the bad one fails.
    """
    articles = [a for a in chunk if isinstance(a, Article)]
    try:
        docs = dict(zip((a.doc_id for a in articles),
                        nlp.pipe((_make_doc(nlp, a) for a in articles), batch_size=batch_size)))
    except Exception:
        docs = {}
    return [item if isinstance(item, ArticleResult) else _convert(nlp, item, docs.get(item.doc_id))
            for item in chunk]


def chunked(items: Iterable, size: int) -> Iterator[list]:
    chunk: list = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _make_doc(nlp: Language, article: Article) -> Doc:
    doc = nlp.make_doc(article.text)
    doc._.article = article
    return doc


def _convert(nlp: Language, article: Article, doc: Doc | None) -> ArticleResult:
    """Records for one article; an exception here fails that article alone."""
    try:
        if doc is None:
            doc = nlp(_make_doc(nlp, article))
        return build_result(doc, article)
    except Exception as err:
        return failed_result(ArticleError(
            article.path, f"extraction failed ({type(err).__name__}: {err}); please report this",
            article.sha256, len(article.text)))
