"""Subscription management: create (the secret is shown once), list, read, update, delete."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Response, status
from pydantic import BaseModel

from schemas.subscriptions import AppriseChannel, Subscription, SubscriptionSpec, WebhookChannel
from services.alerts.components import Components
from services.alerts.delivery.apprise_channel import check_apprise_host, is_valid_apprise_url
from services.alerts.http.auth import components, require_key
from services.alerts.matching import canonical_name
from services.common.ssrf import BlockedAddress, check_url

router = APIRouter(
    prefix="/subscriptions", tags=["subscriptions"], dependencies=[Depends(require_key)]
)
Comp = Annotated[Components, Depends(components)]


class CreatedSubscription(BaseModel):
    subscription: Subscription
    secret: str


async def _validated(spec: SubscriptionSpec, comp: Components) -> str:
    """Refuse channels that could never be delivered; return the actor's canonical name."""
    for index, channel in enumerate(spec.channels):
        if isinstance(channel, WebhookChannel):
            try:
                await check_url(str(channel.url), allow=comp.allow, resolve=comp.dns)
            except BlockedAddress as exc:
                raise HTTPException(422, detail=f"channels[{index}]: {exc}") from exc
        elif isinstance(channel, AppriseChannel):
            url = channel.url.get_secret_value()
            if not is_valid_apprise_url(url):
                raise HTTPException(422, detail=f"channels[{index}]: not a supported Apprise URL")
            try:
                await check_apprise_host(url, allow=comp.allow, resolve=comp.dns)
            except BlockedAddress as exc:
                raise HTTPException(422, detail=f"channels[{index}]: {exc}") from exc
    return canonical_name(spec.actor, comp.resolve)


@router.post("", status_code=status.HTTP_201_CREATED)
async def create_subscription(spec: SubscriptionSpec, comp: Comp) -> CreatedSubscription:
    """The webhook signing secret is in this response only: store it now."""
    canonical = await _validated(spec, comp)
    sub, secret = await comp.subscriptions.create(spec, canonical)
    return CreatedSubscription(subscription=sub, secret=secret)


@router.get("")
async def list_subscriptions(comp: Comp) -> list[Subscription]:
    return await comp.subscriptions.list()


async def _get(sub_id: str, comp: Components) -> Subscription:
    sub = await comp.subscriptions.get(sub_id)
    if sub is None:
        raise HTTPException(404, detail="no such subscription")
    return sub


@router.get("/{sub_id}")
async def read_subscription(sub_id: str, comp: Comp) -> Subscription:
    return await _get(sub_id, comp)


async def _replace(sub_id: str, spec: SubscriptionSpec, comp: Components) -> Subscription:
    canonical = await _validated(spec, comp)
    sub = await comp.subscriptions.replace(sub_id, spec, canonical)
    if sub is None:
        raise HTTPException(404, detail="no such subscription")
    return sub


@router.put("/{sub_id}")
async def replace_subscription(sub_id: str, spec: SubscriptionSpec, comp: Comp) -> Subscription:
    return await _replace(sub_id, spec, comp)


@router.patch("/{sub_id}")
async def update_subscription(sub_id: str, changes: dict[str, Any], comp: Comp) -> Subscription:
    """Change some fields; the others keep their values (Apprise URLs included)."""
    old = await _get(sub_id, comp)
    unknown = set(changes) - set(SubscriptionSpec.model_fields)
    if unknown:
        raise HTTPException(422, detail=f"unknown fields: {sorted(unknown)}")
    current = {name: getattr(old, name) for name in SubscriptionSpec.model_fields}
    try:
        spec = SubscriptionSpec.model_validate({**current, **changes})
    except ValueError as exc:
        raise HTTPException(422, detail=str(exc)) from exc
    return await _replace(sub_id, spec, comp)


@router.delete("/{sub_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_subscription(sub_id: str, comp: Comp) -> Response:
    if not await comp.subscriptions.delete(sub_id):
        raise HTTPException(404, detail="no such subscription")
    return Response(status_code=status.HTTP_204_NO_CONTENT)
