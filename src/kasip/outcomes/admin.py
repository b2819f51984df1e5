from django.contrib import admin

from .models import Graduation


@admin.register(Graduation)
class GraduationAdmin(admin.ModelAdmin):
    list_display = ("student", "qualification", "date", "diploma_number", "with_honours")
    list_filter = ("with_honours", "date")
    search_fields = ("student__iin", "student__last_name", "diploma_number", "qualification__code")
    list_select_related = ("student", "qualification")
    raw_id_fields = ("student", "programme", "qualification")
    date_hierarchy = "date"
