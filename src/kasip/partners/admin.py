from django.contrib import admin

from .models import WorkforceNeed


@admin.register(WorkforceNeed)
class WorkforceNeedAdmin(admin.ModelAdmin):
    list_display = ("occupation_title", "occupation_code", "enterprise", "district", "year", "count", "is_active")
    list_filter = ("year", "is_active", "district")
    search_fields = ("occupation_title", "occupation_code", "enterprise__name_ru", "enterprise__name_kk",
                     "enterprise__bin")
    list_select_related = ("enterprise", "district")
    raw_id_fields = ("enterprise", "qualification")
