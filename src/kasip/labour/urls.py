from django.urls import path

from . import views

urlpatterns: list = [
    path("occupations/", views.occupations, name="occupations"),
    path("occupations/qualifications/", views.mapping, name="occupation-mapping"),
    path("occupations/qualifications/<int:pk>/", views.mapping_edit, name="occupation-mapping-edit"),
    path("occupations/code/", views.code_titles, name="occupation-code"),
    path("occupations/exposure/", views.exposure, name="occupation-exposure"),
    path("occupations/coding/", views.coding_queue, name="coding-queue"),
    path("occupations/coding/add/", views.coding_add, name="coding-queue-add"),
    path("occupations/coding/train/", views.coding_train, name="coding-queue-train"),
    path("occupations/coding/job/", views.coding_job, name="coding-queue-job"),
    path("occupations/coding/<int:pk>/code/", views.coding_code, name="coding-queue-code"),
    path("occupations/coding/<int:pk>/skip/", views.coding_skip, name="coding-queue-skip"),
    path("occupations/<str:code>/", views.occupation_detail, name="occupation-detail"),
    path("occupations/<str:code>/pathways/", views.pathways, name="occupation-pathways"),
    path("vacancies/", views.vacancies, name="vacancies"),
    path("vacancies/ads/", views.vacancy_ads, name="vacancy-ads"),
    path("vacancies/files/<int:pk>/delete/", views.vacancy_batch_delete, name="vacancy-batch-delete"),
    path("demand/", views.demand, name="demand"),
    path("reports/regional/", views.regional_report, name="regional-report"),
    path("demand/gap/", views.demand_gap, name="demand-gap"),
    path("demand/forecast/", views.demand_forecast, name="demand-forecast"),
    path("demand/<str:code>/", views.demand_occupation, name="demand-occupation"),
]
