from django.urls import path

from kasip.core import entities

from . import views
from .entities import ENTITIES

urlpatterns = [
    path("colleges/", views.college_list, name="colleges"),
    path("colleges/new/", views.college_create, name="college-create"),
    path("colleges/<int:pk>/", views.college_detail, name="college-detail"),
    path("colleges/<int:pk>/edit/", views.college_edit, name="college-edit"),
    path("colleges/<int:pk>/active/", views.college_set_active, name="college-set-active"),
    path("students/<int:pk>/orders/new/", views.student_event, name="student-event"),
]
for entity in ENTITIES:
    urlpatterns += entities.urls(entity)
