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

# Mentors, trainees, the logbook, assessments and learning outcomes (views/logbook.py).
from .views import logbook as logbook_views  # noqa: E402

urlpatterns += [
    path("mentors/", entities.list_view(logbook_views.MENTORS), name="mentors"),
    path("mentors/new/", entities.create_view(logbook_views.MENTORS), name="mentors-create"),
    path("mentors/<int:pk>/", entities.detail_view(logbook_views.MENTORS), name="mentors-detail"),
    path("mentors/<int:pk>/edit/", entities.edit_view(logbook_views.MENTORS), name="mentors-edit"),
    path("mentors/<int:pk>/active/", logbook_views.mentor_active, name="mentors-active"),
    path("mentor/", logbook_views.mentor_home, name="mentor-home"),
    path("trainees/", entities.list_view(logbook_views.TRAINEES), name="trainees"),
    path("trainees/logbooks.<str:fmt>", logbook_views.logbooks_export, name="logbooks-export"),
    path("trainees/<int:pk>/", logbook_views.trainee_detail, name="trainees-detail"),
    path("trainees/<int:pk>/briefing/", logbook_views.trainee_briefing, name="trainees-briefing"),
    path("trainees/<int:pk>/medical/", logbook_views.trainee_medical, name="trainees-medical"),
    path("trainees/<int:pk>/mentor/", logbook_views.trainee_mentor, name="trainees-mentor"),
    path("trainees/<int:pk>/assessments/", logbook_views.assessment_create, name="assessments-create"),
    path("trainees/<int:pk>/final-result/", logbook_views.final_result, name="final-result"),
    path("trainees/<int:pk>/logbook/new/", logbook_views.entry_create, name="logbook-create"),
    path("trainees/<int:pk>/logbook.<str:fmt>", logbook_views.logbook_export, name="logbook-export"),
    path("logbook/", logbook_views.my_logbook, name="my-logbook"),
    path("logbook/<int:pk>/edit/", logbook_views.entry_edit, name="logbook-edit"),
    path("logbook/<int:pk>/sign/", logbook_views.entry_sign, name="logbook-sign"),
    path("logbook/<int:pk>/return/", logbook_views.entry_return, name="logbook-return"),
    *entities.urls(logbook_views.OUTCOMES),
]

# --- tripartite contracts, signatures and orders (views/contracts.py) ---
from .views import contracts as contract_views  # noqa: E402

urlpatterns += [
    path("contracts/", contract_views.contract_list, name="contracts"),
    path("contracts/group/", contract_views.group_placement, name="contracts-group"),
    path("contracts/accept/<int:placement_id>/", contract_views.contract_accept, name="contracts-accept"),
    path("contracts/<int:pk>/", contract_views.contract_detail, name="contracts-detail"),
    path("contracts/<int:pk>/edit/", contract_views.contract_edit, name="contracts-edit"),
    path("contracts/<int:pk>/contract.pdf", contract_views.contract_pdf, name="contracts-pdf"),
    path("contracts/<int:pk>/to-sign.pdf", contract_views.contract_document, name="contracts-document"),
    path("contracts/<int:pk>/send/", contract_views.contract_send, name="contracts-send"),
    path("contracts/<int:pk>/sign/scan/", contract_views.contract_sign_scan, name="contracts-sign-scan"),
    path("contracts/<int:pk>/sign/ecp/", contract_views.contract_sign_ecp, name="contracts-sign-ecp"),
    path("contracts/<int:pk>/complete/", contract_views.contract_complete, name="contracts-complete"),
    path("contracts/<int:pk>/terminate/", contract_views.contract_terminate, name="contracts-terminate"),
    path("contracts/signatures/<int:pk>/scan/", contract_views.signature_scan, name="contracts-signature-scan"),
    path("orders/", contract_views.order_list, name="orders"),
    path("orders/new/", contract_views.order_create, name="orders-create"),
    path("orders/<int:pk>/", contract_views.order_detail, name="orders-detail"),
    path("orders/<int:pk>/order.pdf", contract_views.order_pdf, name="orders-pdf"),
]
