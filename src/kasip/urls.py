from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

from kasip import views
from kasip.api.urls import api
from kasip.core import views as core

urlpatterns = [
    path("", views.landing, name="landing"),
    path("home/", views.home, name="home"),
    path("health/", views.health, name="health"),
    path("i18n/", include("django.conf.urls.i18n")),
    # accounts
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password-reset/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path("accounts/password-reset/sent/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("accounts/reset/<uidb64>/<token>/", auth_views.PasswordResetConfirmView.as_view(),
         name="password_reset_confirm"),
    path("accounts/reset/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("accounts/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("invite/<str:token>/", core.invitation, name="invitation"),
    path("profile/", core.profile, name="profile"),
    path("profile/tokens/<int:pk>/revoke/", core.token_revoke, name="token-revoke"),
    # users
    path("users/", core.user_list, name="users"),
    path("users/new/", core.user_create, name="user-create"),
    path("users/<int:pk>/", core.user_detail, name="user-detail"),
    path("users/<int:pk>/edit/", core.user_edit, name="user-edit"),
    path("users/<int:pk>/invite/", core.user_invite, name="user-invite"),
    # registry, partnerships, outcomes
    path("", include("kasip.registry.urls")),
    path("", include("kasip.partners.urls")),
    path("", include("kasip.outcomes.urls")),
    path("", include("kasip.dual.urls")),
    path("", include("kasip.labour.urls")),
    # imports, exports, jobs, audit
    path("imports/<slug:kind>/", core.import_upload, name="import"),
    path("imports/<slug:kind>/template.<str:fmt>", core.import_template, name="import-template"),
    path("exports/<slug:kind>.<str:fmt>", core.export_list, name="export"),
    path("jobs/", core.job_list, name="jobs"),
    path("jobs/<int:pk>/", core.job_detail, name="job-detail"),
    path("jobs/<int:pk>/status/", core.job_status, name="job-status"),
    path("jobs/<int:pk>/errors.<str:fmt>", core.job_report, name="job-report"),
    path("audit/", core.audit_log, name="audit"),
    # API and admin
    path("api/v1/", api.urls),
    path("api/docs", RedirectView.as_view(url="/api/v1/docs", permanent=False), name="api-docs"),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
