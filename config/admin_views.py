"""The admin's "view on site" redirect, limited to what the user may see."""

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse


def view_on_site(
    request: HttpRequest, content_type_id: str, object_id: str
) -> HttpResponse:
    """Django's ``/admin/r/<type>/<id>/`` redirects to any object's page, so it
    would tell a coach that another coach's client has a plan, or anyone staff
    the slug of a draft guide. Here it answers only for an object the user can
    open in the admin, through that admin's own (scoped) queryset; anything
    else is a 404, as the rest of the admin answers."""
    try:
        model = ContentType.objects.get_for_id(int(content_type_id)).model_class()
    except (ContentType.DoesNotExist, ValueError, OverflowError):
        raise Http404("No such object.") from None
    model_admin = admin.site._registry.get(model)
    if model_admin is None:
        raise Http404("No such object.")
    try:
        obj = model_admin.get_queryset(request).filter(pk=object_id).first()
    except (ValueError, ValidationError):
        obj = None
    if obj is None or not model_admin.has_view_or_change_permission(request, obj):
        raise Http404("No such object.")
    return shortcut(request, content_type_id, object_id)
