from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import AuditEntry, Job, Organisation, User

admin.site.site_header = _("Kasip administration")
admin.site.site_title = _("Kasip")


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "last_name", "first_name", "role", "organisation", "is_active")
    list_filter = ("role", "is_active")
    search_fields = ("username", "email", "last_name", "first_name", "iin")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Person"), {"fields": ("last_name", "first_name", "patronymic", "email", "iin", "phone", "language")}),
        (_("Role"), {"fields": ("role", "organisation", "is_active")}),
    )
    add_fieldsets = ((None, {"fields": ("username", "role", "organisation", "password1", "password2")}),)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name_ru", "name_kk", "kind", "bin", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name_ru", "name_kk", "bin")


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("at", "actor_repr", "action", "object_type", "object_repr")
    list_filter = ("action",)
    search_fields = ("actor_repr", "object_repr", "object_type")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ("pk", "kind", "status", "original_name", "created_by", "created_at")
    list_filter = ("status", "kind")
