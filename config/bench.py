"""The benchmark's floor: a trivial signed-in page through the full stack.

Routed only when DJANGO_BENCH_FLOOR is set (see config/urls.py), so it never
exists on a real deployment.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


@login_required
def floor(request: HttpRequest) -> HttpResponse:
    return render(request, "bench/floor.html")
