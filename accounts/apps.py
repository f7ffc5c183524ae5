from django.apps import AppConfig


class AccountsConfig(AppConfig):
    verbose_name = "Accounts"
    name = "accounts"

    def ready(self) -> None:
        from . import revisions

        revisions.connect()
