from django.contrib import admin

from .models import Agreement, WorkforceNeed


@admin.register(WorkforceNeed)
class WorkforceNeedAdmin(admin.ModelAdmin):
    list_display = ("occupation_title", "occupation_code", "enterprise", "district", "year", "count", "is_active")
    list_filter = ("year", "is_active", "district")
    search_fields = ("occupation_title", "occupation_code", "enterprise__name_ru", "enterprise__name_kk",
                     "enterprise__bin")
    list_select_related = ("enterprise", "district")
    raw_id_fields = ("enterprise", "qualification")


@admin.register(Agreement)
class AgreementAdmin(admin.ModelAdmin):
    list_display = ("number", "college", "enterprise", "kind", "signed_on", "valid_from", "valid_until", "status",
                    "students_covered")
    list_filter = ("kind", "status")
    search_fields = ("number", "college__name_ru", "college__name_kk", "college__bin", "enterprise__name_ru",
                     "enterprise__name_kk", "enterprise__bin")
    list_select_related = ("college", "enterprise")
    raw_id_fields = ("college", "enterprise")
    date_hierarchy = "signed_on"
    readonly_fields = ("created_at", "updated_at")
