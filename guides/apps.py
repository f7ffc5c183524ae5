from django.apps import AppConfig


class GuidesConfig(AppConfig):
    name = "guides"

    def ready(self) -> None:
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from . import models, services

        watched = [
            models.Guide, models.Role, models.Tag, models.ComparisonRow,
            models.SalaryBand, models.InterviewTopic,
        ]  # fmt: skip
        for model in watched:
            for signal in (post_save, post_delete):
                signal.connect(
                    services.forget_catalogue_stamp,
                    sender=model,
                    dispatch_uid=f"catalogue-{model.__name__}",
                )
        for through in (models.Guide.tags.through, models.Guide.related.through):
            m2m_changed.connect(
                services.forget_catalogue_stamp,
                sender=through,
                dispatch_uid=f"catalogue-{through.__name__}",
            )
