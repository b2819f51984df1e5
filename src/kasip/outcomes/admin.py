from django.contrib import admin

from .models import EmploymentRecord, Graduation


@admin.register(Graduation)
class GraduationAdmin(admin.ModelAdmin):
    list_display = ("student", "qualification", "date", "diploma_number", "with_honours")
    list_filter = ("with_honours", "date")
    search_fields = ("student__iin", "student__last_name", "diploma_number", "qualification__code")
    list_select_related = ("student", "qualification")
    raw_id_fields = ("student", "programme", "qualification")
    date_hierarchy = "date"


@admin.register(EmploymentRecord)
class EmploymentRecordAdmin(admin.ModelAdmin):
    list_display = ("graduation", "months_after", "status", "employer_name", "in_specialty", "wage_band", "source",
                    "recorded_on")
    list_filter = ("months_after", "status", "source", "wage_band")
    search_fields = ("graduation__student__iin", "graduation__student__last_name", "graduation__diploma_number",
                     "employer_name", "employer_bin", "occupation_code")
    list_select_related = ("graduation__student", "graduation__qualification")
    raw_id_fields = ("graduation", "employer")
    date_hierarchy = "recorded_on"
