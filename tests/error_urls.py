"""URLs for error-page tests: the real ones plus a view that fails."""

from django.urls import path

from config.urls import urlpatterns as real_patterns


def boom(request):
    return 1 / 0


urlpatterns = [path("boom/", boom), *real_patterns]
