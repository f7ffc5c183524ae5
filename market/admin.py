from django.contrib import admin

from .models import MarketSignal


@admin.register(MarketSignal)
class MarketSignalAdmin(admin.ModelAdmin):
    list_display = ["phrase", "side", "weight", "guide"]
    list_editable = ["side", "weight"]
    list_filter = ["guide", "side"]
    list_select_related = ["guide"]
    search_fields = ["phrase"]
    autocomplete_fields = ["guide"]
    fields = ["guide", "phrase", "side", "weight"]
