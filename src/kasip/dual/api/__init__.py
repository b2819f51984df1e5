"""API of dual training: one router per area, composed here."""

from ninja import Router

from . import contracts, places

router = Router(tags=["dual"])
router.add_router("", places.router)
router.add_router("", contracts.router)
