from django.contrib import admin
from django.db import models

from kasip.core import audit

from . import models as m
from .models import College, Department, District, Enterprise, Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("kato", "name_ru", "name_kk", "name_en")


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ("kato", "name_ru", "name_kk", "kind", "region")
    list_filter = ("region", "kind")
    search_fields = ("kato", "name_ru", "name_kk")


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ("name_ru", "bin", "region")
    exclude = ("kind",)


@admin.register(College)
class CollegeAdmin(admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ("name_ru", "bin", "district", "ownership", "languages", "is_active")
    list_filter = ("ownership", "district", "is_active")
    search_fields = ("name_ru", "name_kk", "bin", "nobd_id")
    exclude = ("kind",)


@admin.register(Enterprise)
class EnterpriseAdmin(admin.ModelAdmin):
    list_display = ("name_ru", "bin", "district", "oked", "headcount")
    search_fields = ("name_ru", "name_kk", "bin")
    exclude = ("kind",)


@admin.register(m.CompetenceCentre)
class CompetenceCentreAdmin(admin.ModelAdmin):
    list_display = ("name_ru", "college", "field", "is_active")
    search_fields = ("name_ru", "name_kk")


@admin.register(m.Specialty)
class SpecialtyAdmin(admin.ModelAdmin):
    list_display = ("code", "name_ru", "name_kk", "is_active")
    search_fields = ("code", "name_ru", "name_kk")


@admin.register(m.Qualification)
class QualificationAdmin(admin.ModelAdmin):
    list_display = ("code", "name_ru", "name_kk", "specialty", "is_active")
    search_fields = ("code", "name_ru", "name_kk")


class IntakeInline(admin.TabularInline):
    model = m.ProgrammeIntake
    extra = 0


@admin.register(m.Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ("qualification", "college", "language", "base", "form", "is_dual", "is_active")
    list_filter = ("language", "base", "form", "is_dual")
    list_select_related = ("qualification", "college")
    raw_id_fields = ("college", "qualification")
    inlines = [IntakeInline]


@admin.register(m.Group)
class GroupAdmin(admin.ModelAdmin):
    list_display = ("code", "college", "programme", "admission_year", "is_active")
    list_select_related = ("college", "programme__qualification")
    search_fields = ("code",)
    raw_id_fields = ("college", "programme", "curator")


@admin.register(m.EnterpriseSite)
class EnterpriseSiteAdmin(admin.ModelAdmin):
    list_display = ("name", "enterprise", "district", "hazardous", "is_active")
    list_filter = ("hazardous",)
    raw_id_fields = ("enterprise",)


class StudentEventInline(admin.TabularInline):
    model = m.StudentEvent
    fk_name = "student"
    extra = 0
    raw_id_fields = ("from_group", "to_group")


@admin.register(m.Student)
class StudentAdmin(admin.ModelAdmin):
    list_display = ("last_name", "first_name", "iin", "college", "group", "status")
    list_filter = ("status", "funding", "base")
    list_select_related = ("college", "group")
    search_fields = ("iin", "last_name", "nobd_id")
    raw_id_fields = ("college", "group", "user")
    inlines = [StudentEventInline]

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is not None:
            audit.log_read(request.user, obj)  # the admin is staff reading a personal record too
        return obj
