from django import forms
from django.http import HttpRequest

from config.validators import single_line

from .models import User


class SignupForm(forms.Form):
    """Extra sign-up fields; allauth adds email and passwords around it."""

    name = forms.CharField(
        label="Name",
        max_length=150,
        required=False,
        validators=[single_line],
        help_text="Optional. How we address you.",
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    def signup(self, request: HttpRequest, user: User) -> None:
        user.name = self.cleaned_data["name"]
        user.save(update_fields=["name"])


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["name", "current_role", "level", "target_market", "email_reminders",
                  "email_messages"]  # fmt: skip
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["current_role"].empty_label = "Not listed / prefer not to say"
        level_choices = list(self.fields["level"].choices)[1:]
        self.fields["level"].choices = [("", "Prefer not to say"), *level_choices]

    def clean_target_market(self) -> str:
        return " ".join(self.cleaned_data["target_market"].split())


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label="I understand that my assessments, plans, notes and evidence links "
        "are deleted for good."
    )

    def __init__(self, *args, user: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That is not your password.")
        return password
