from django.urls import path

from . import views

urlpatterns: list = [
    path("occupations/", views.occupations, name="occupations"),
    path("occupations/qualifications/", views.mapping, name="occupation-mapping"),
    path("occupations/qualifications/<int:pk>/", views.mapping_edit, name="occupation-mapping-edit"),
    path("occupations/code/", views.code_titles, name="occupation-code"),
    path("occupations/<str:code>/", views.occupation_detail, name="occupation-detail"),
]
