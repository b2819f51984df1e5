"""API of the labour-market module, one router per area, composed here."""

from ninja import Router

from . import coder, exposure, queue, taxonomy, vacancies

router = Router()
router.add_router("", taxonomy.router)
router.add_router("", coder.router)
router.add_router("", queue.router)
router.add_router("", vacancies.router)
router.add_router("", exposure.router)
