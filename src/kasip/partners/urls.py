from django.urls import path

from kasip.core import entities

from . import views
from .entities import ENTITIES

urlpatterns: list = [
    path("agreements/<int:pk>/document/", views.agreement_document, name="agreements-document"),
    path("partners/network/", views.network, name="partner-network"),
]
for entity in ENTITIES:
    urlpatterns += entities.urls(entity)
