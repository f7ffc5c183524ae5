from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm

from .models import User


class CrossroadsUserChangeForm(UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = User
        fields = "__all__"


class CrossroadsUserCreationForm(AdminUserCreationForm):
    class Meta(AdminUserCreationForm.Meta):
        model = User
        fields = ("email",)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    form = CrossroadsUserChangeForm
    add_form = CrossroadsUserCreationForm
    ordering = ["email"]
    list_display = ["email", "name", "level", "coach", "is_staff", "is_active"]
    list_filter = ["is_staff", "is_superuser", "is_active", "groups", "level"]
    search_fields = ["email", "name"]
    list_select_related = ["current_role", "coach"]
    autocomplete_fields = ["coach"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (
            "Profile",
            {
                "fields": (
                    "name",
                    "current_role",
                    "level",
                    "target_market",
                    "email_reminders",
                )
            },
        ),
        ("Coaching", {"fields": ("coach",)}),
        (
            "Permissions",
            {
                "fields": (
                    "is_active",
                    "is_staff",
                    "is_superuser",
                    "groups",
                    "user_permissions",
                )
            },
        ),
        ("Important dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "usable_password", "password1", "password2"),
            },
        ),
    )
