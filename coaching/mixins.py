"""What coaches may see in the admin: their own clients' data, read-only.

Every admin class that shows member-owned rows mixes this in. The queryset is
narrowed from ``request.user``, so lists, search, history and typed URLs all
stop at the coach's own clients (anything else is a 404), and each opened
record is written to the access log.
"""

from __future__ import annotations

from django.contrib.admin import SimpleListFilter
from django.contrib.admin.utils import unquote
from django.http import HttpRequest

from accounts.models import User

from .models import AccessLog

#: The operators Django's list filters put in a changelist's query string.
FILTER_OPERATORS = {"exact", "isnull", "isempty", "in", "gte", "lt"}


class CoachScopedAdminMixin:
    #: Path from the admin's model to the member who owns it.
    member_path = "member"
    #: What the access log calls a record of this admin.
    audit_label = ""

    def get_queryset(self, request: HttpRequest):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(**{f"{self.member_path}__coach": request.user})

    def member_of(self, obj) -> User:
        for part in self.member_path.split("__"):
            obj = getattr(obj, part)
        return obj

    def _owns(self, request: HttpRequest, obj) -> bool:
        return (
            obj is None
            or request.user.is_superuser
            or self.member_of(obj).coach_id == request.user.pk
        )

    def has_view_permission(self, request, obj=None) -> bool:
        return super().has_view_permission(request, obj) and self._owns(request, obj)

    def has_change_permission(self, request, obj=None) -> bool:
        return super().has_change_permission(request, obj) and self._owns(request, obj)

    def has_add_permission(self, request, *args) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def get_readonly_fields(self, request, obj=None):
        if request.user.is_superuser:
            return super().get_readonly_fields(request, obj)
        # A coach reads everything the member owns and edits none of it.
        return [f.name for f in self.model._meta.fields] + list(
            super().get_readonly_fields(request, obj)
        )

    def save_model(self, request, obj, form, change) -> None:
        if request.user.is_superuser:
            super().save_model(request, obj, form, change)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is not None and request.user.is_coach and request.method == "GET":
            AccessLog.objects.create(
                coach=request.user,
                client=self.member_of(obj),
                what=self.audit_label or self.model._meta.verbose_name,
                object_repr=str(obj)[:200],
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def lookup_allowed(self, lookup, value, request=None) -> bool:
        """Only the lookups this list's own filters make, and the member link.

        Django lets a list be filtered by any of the model's own fields, so a
        typed ``?password__startswith=`` (or ``__regex``) would turn the result
        count into an oracle for data the coach is never shown.
        """
        if lookup == f"{self.member_path}__id__exact":
            # The client list links here filtered by member; the queryset
            # above still limits what the filter can reach.
            return True
        filtered = set()
        for item in self.get_list_filter(request):
            if isinstance(item, str):
                filtered.add(item)
            elif isinstance(item, (tuple, list)):
                filtered.add(item[0])
            elif issubclass(item, SimpleListFilter) and item.parameter_name == lookup:
                return True  # a filter of ours, which builds its own query
        field_path, _, operator = lookup.rpartition("__")
        if operator not in FILTER_OPERATORS:
            return False
        # A filter on a relation narrows by the related row's key.
        owner, _, key = field_path.rpartition("__")
        related = owner in filtered and key in {"id", "pk"}
        if field_path not in filtered and not related:
            return False
        return super().lookup_allowed(lookup, value, request)
