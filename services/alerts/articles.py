"""The article view, pure: what is kept of an article, claim ids, and claims linked to alerts."""

from __future__ import annotations

import hashlib
from datetime import datetime

from pydantic import BaseModel, Field

from schemas.alerts import AlertSource
from schemas.articles import Article
from schemas.claims import Claim, ClaimType, Span
from schemas.events import Value
from services.alerts.models import StoredAlert


class ArticleRecord(Value):
    """What the alert service keeps of an article from `articles`: enough to show it."""

    article_id: str
    title: str = ""
    text: str
    url: str | None = None
    source: str | None = None
    published_at: datetime | None = None

    @classmethod
    def of(cls, article: Article) -> ArticleRecord:
        return cls(
            article_id=article.id,
            title=article.title,
            text=article.text,
            url=str(article.url) if article.url else None,
            source=article.source,
            published_at=article.published_at,
        )


class CachedArticle(Value):
    """An article's record (None until `articles` brought it) and the claims found in it."""

    record: ArticleRecord | None = None
    claims: list[Claim] = Field(default_factory=list)


def claim_id(claim: Claim) -> str:
    """Same speech act, same id: where it is, what it is and who says it (not when it came)."""
    basis = "\x1f".join(
        (claim.span.field, str(claim.span.start), str(claim.span.end), claim.type, claim.speaker)
    )
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:24]


class ArticleClaim(BaseModel):
    """An alert's report in this article (the view's first shape, kept for older clients)."""

    alert_id: str
    actor: str
    type: ClaimType
    source: AlertSource


class ClaimView(BaseModel):
    """A claim the stream found in the article; `alert_id` when it carries an alert."""

    claim_id: str
    type: ClaimType
    speaker: str
    actor: str
    target: str | None
    content: str
    sentence: str
    span: Span
    cue: str
    confidence: float
    alert_id: str | None = None


class AlertRef(BaseModel):
    alert_id: str
    actor: str
    type: ClaimType
    speaker: str


class ArticleView(BaseModel):
    """An article as the dashboard shows it. `text` and `extracted_claims` come from the cache
    of `articles` and `claims`: empty when the article left it before an alert named it (or
    was stored before the cache existed); `claims` holds the alerts' sentences either way."""

    article_id: str
    title: str
    url: str | None
    outlet: str | None = Field(description="The article's source (same as `source`).")
    source: str | None
    published_at: datetime | None
    text: str | None = None
    extracted_claims: list[ClaimView] = Field(default_factory=list)
    alerts: list[AlertRef] = Field(default_factory=list)
    claims: list[ArticleClaim] = Field(description="The alerts' reports in this article.")


_SpotKey = tuple[str, int, int, str, str]


def _spot(span: Span, type: str, actor: str) -> _SpotKey:
    return (span.field, span.start, span.end, type, actor)


def _position(span: Span) -> tuple[int, int, int]:
    return (0 if span.field == "title" else 1, span.start, span.end)


def article_view(
    article_id: str, cached: CachedArticle | None, alerts: list[StoredAlert]
) -> ArticleView | None:
    """None when nothing is known of the article: neither cached nor cited by an alert."""
    reports = [
        ArticleClaim(alert_id=a.alert_id, actor=a.actor, type=a.type, source=s)
        for a in alerts
        for s in a.sources
        if s.article_id == article_id
    ]
    record = cached.record if cached else None
    if record is None and not reports and not (cached and cached.claims):
        return None
    # The stream copies a claim's span into its alert's source, so the spot is an exact match.
    alert_at = {_spot(r.source.span, r.type, r.actor): r.alert_id for r in reports}
    claims = [
        ClaimView(
            **c.model_dump(exclude={"article_id", "quote"}),
            claim_id=claim_id(c),
            alert_id=alert_at.get(_spot(c.span, c.type, c.actor)),
        )
        for c in (cached.claims if cached else [])
    ]
    first = reports[0].source if reports else None
    title = record.title if record else first.title if first else ""
    url = record.url if record else first.url if first else None
    source = record.source if record else first.outlet if first else None
    published = record.published_at if record else first.published_at if first else None
    return ArticleView(
        article_id=article_id,
        title=title,
        url=url,
        outlet=source,
        source=source,
        published_at=published,
        text=record.text if record else None,
        extracted_claims=sorted(claims, key=lambda c: (_position(c.span), c.type, c.speaker)),
        alerts=[
            AlertRef(alert_id=a.alert_id, actor=a.actor, type=a.type, speaker=a.speaker)
            for a in alerts
        ],
        claims=sorted(reports, key=lambda c: _position(c.source.span)),
    )
