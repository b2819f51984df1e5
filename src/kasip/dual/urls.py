from django.urls import path

from kasip.core import entities

from . import views
from .entities import PLACES, ROUNDS

urlpatterns: list = [
    path("places/", entities.list_view(PLACES), name="places"),
    path("places/new/", entities.create_view(PLACES), name="places-create"),
    path("places/<int:pk>/", views.place_detail, name="places-detail"),
    path("places/<int:pk>/edit/", entities.edit_view(PLACES), name="places-edit"),
    path("places/<int:pk>/publish/", views.place_publish, name="places-publish"),
    path("places/<int:pk>/approve/", views.place_approve, name="places-approve"),
    path("places/<int:pk>/withdraw/", views.place_withdraw, name="places-withdraw"),
    path("places/<int:pk>/applicants/<int:preference_id>/score/", views.place_score, name="places-score"),
    path("places/<int:pk>/ranking/", views.place_ranking, name="places-ranking"),
    path("preferences/", views.my_preferences, name="my-preferences"),
    path("preferences/add/", views.preference_add, name="preferences-add"),
    path("preferences/remove/", views.preference_remove, name="preferences-remove"),
    path("preferences/move/", views.preference_move, name="preferences-move"),
    path("rounds/", entities.list_view(ROUNDS), name="rounds"),
    path("rounds/new/", entities.create_view(ROUNDS), name="rounds-create"),
    path("rounds/<int:pk>/", views.round_detail, name="rounds-detail"),
    path("rounds/<int:pk>/lock/", views.round_lock, name="rounds-lock"),
    path("rounds/<int:pk>/run/", views.round_run, name="rounds-run"),
    path("rounds/<int:pk>/publish/", views.round_publish, name="rounds-publish"),
    path("rounds/<int:pk>/second/", views.round_second, name="rounds-second"),
    path("rounds/<int:pk>/job/", views.round_job, name="rounds-job"),
    path("rounds/<int:pk>/places/add/", views.round_places_add, name="rounds-places-add"),
    path("rounds/<int:pk>/places/<int:place_id>/remove/", views.round_place_remove, name="rounds-places-remove"),
    path("notifications/", views.notifications, name="notifications"),
]
