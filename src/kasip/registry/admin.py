from django.contrib import admin
from django.db import models

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
