"""API of dual training: one router per area, composed here."""

from ninja import Router

from . import contracts, logbook, places

router = Router(tags=["dual"])
router.add_router("", places.router)
router.add_router("", contracts.router)
router.add_router("", logbook.router)
