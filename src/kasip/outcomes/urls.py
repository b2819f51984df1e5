from django.urls import path

from kasip.core import entities

from . import views
from .entities import ENTITIES

urlpatterns: list = [
    path("outcomes/", views.figures, name="outcomes"),
]
for entity in ENTITIES:
    urlpatterns += entities.urls(entity)
