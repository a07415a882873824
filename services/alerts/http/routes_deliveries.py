"""Delivery state and dead letters, with replay."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel

from services.alerts.components import Components
from services.alerts.http.auth import components, require_key
from services.alerts.models import DeadDelivery, DeliveryState

router = APIRouter(prefix="/deliveries", tags=["deliveries"], dependencies=[Depends(require_key)])
Comp = Annotated[Components, Depends(components)]


class Replayed(BaseModel):
    replayed: list[str]


@router.get("/dead")
async def list_dead_letters(comp: Comp) -> list[DeadDelivery]:
    return await comp.queue.dead_letters()


@router.post("/dead/replay")
async def replay_all(comp: Comp) -> Replayed:
    """Queue every dead delivery again, each with its original webhook-id."""
    done = [d.job.delivery_id for d in await comp.queue.dead_letters()]
    return Replayed(replayed=[i for i in done if await comp.queue.replay(i)])


@router.post("/dead/{delivery_id}/replay")
async def replay_one(delivery_id: str, comp: Comp) -> Replayed:
    if not await comp.queue.replay(delivery_id):
        raise HTTPException(404, detail="no such dead delivery")
    return Replayed(replayed=[delivery_id])


@router.get("/{delivery_id}")
async def read_delivery(delivery_id: str, comp: Comp) -> DeliveryState:
    state = await comp.queue.state(delivery_id)
    if state is None:
        raise HTTPException(404, detail="no such delivery")
    return state
