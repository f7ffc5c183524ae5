"""The site's own pages: home (landing or dashboard) and the health check."""

from django.db import connection
from django.db.utils import DatabaseError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from guides.models import Guide

from .dashboard import member_dashboard


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        guides = Guide.objects.published().with_roles().featured_first()[:3]
        return render(request, "pages/landing.html", {"featured_guides": guides})

    return render(request, DASHBOARD, member_dashboard(request.user))


DASHBOARD = "pages/dashboard.html"


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"database": "unavailable"}, status=503)
    return JsonResponse({"database": "ok"})
