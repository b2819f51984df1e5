from django.contrib import admin

from .models import MatchingRound, Notification, Placement, TrainingPlace


@admin.register(TrainingPlace)
class TrainingPlaceAdmin(admin.ModelAdmin):
    list_display = ("title", "enterprise", "site", "capacity", "starts_on", "ends_on", "status")
    list_filter = ("status", "language", "district")
    search_fields = ("title", "enterprise__name_ru", "enterprise__name_kk", "enterprise__bin")
    list_select_related = ("enterprise", "site")
    raw_id_fields = ("enterprise", "site", "approved_by")
    filter_horizontal = ("qualifications",)


@admin.register(MatchingRound)
class MatchingRoundAdmin(admin.ModelAdmin):
    list_display = ("name", "scope", "college", "deadline", "status", "seed")
    list_filter = ("status", "scope")
    raw_id_fields = ("college", "previous_round", "created_by")
    filter_horizontal = ("places",)


@admin.register(Placement)
class PlacementAdmin(admin.ModelAdmin):
    list_display = ("round", "student", "place", "rank_obtained", "reason")
    list_filter = ("round", "reason")
    list_select_related = ("round", "student", "place")
    raw_id_fields = ("round", "student", "place")


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("user", "text", "created", "read")
    raw_id_fields = ("user",)
