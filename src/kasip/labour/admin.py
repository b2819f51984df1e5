from django.contrib import admin

from .models import CodingItem


@admin.register(CodingItem)
class CodingItemAdmin(admin.ModelAdmin):
    list_display = ("title", "count", "status", "occupation", "confidence", "fallback", "source", "coded_by",
                    "coded_at", "created_at")
    list_filter = ("status", "source", "language")
    search_fields = ("title", "normalised", "source_ref", "occupation__code")
    list_select_related = ("occupation", "coded_by")
    raw_id_fields = ("occupation", "coded_by")
    readonly_fields = ("normalised", "suggestions", "created_at")
    date_hierarchy = "created_at"
