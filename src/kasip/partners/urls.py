from kasip.core import entities

from .entities import ENTITIES

urlpatterns: list = []
for entity in ENTITIES:
    urlpatterns += entities.urls(entity)
