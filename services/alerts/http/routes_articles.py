"""Reading an article: its text and every claim in it, with the alerts it carries."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException

from services.alerts.articles import ArticleView, article_view
from services.alerts.components import Components
from services.alerts.http.auth import components, require_read

router = APIRouter(tags=["articles"], dependencies=[Depends(require_read)])
Comp = Annotated[Components, Depends(components)]


@router.get("/articles/{article_id}")
async def read_article(article_id: str, comp: Comp) -> ArticleView:
    """The text and all claims while the article is cached or kept (an alert names it); the
    alerts' sentences alone for an article whose text is no longer (or never was) kept."""
    cached = await comp.articles.get(article_id) if comp.articles is not None else None
    view = article_view(article_id, cached, await comp.store.alerts_for_article(article_id))
    if view is None:
        raise HTTPException(404, detail="no such article")
    return view
