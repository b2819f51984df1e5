"""API of the labour-market module, one router per area, composed here."""

from ninja import Router

from . import taxonomy

router = Router()
router.add_router("", taxonomy.router)
