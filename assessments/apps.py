from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "assessments"

    def ready(self) -> None:
        # Models can be imported only once apps are loaded.
        from django.db.models.signals import post_delete, post_save

        from guides.services import forget_catalogue_stamp

        from .models import DecisionQuestion

        # Guide pages show a guide's questions: a change drops cached pages.
        for signal in (post_save, post_delete):
            signal.connect(
                forget_catalogue_stamp,
                sender=DecisionQuestion,
                dispatch_uid="catalogue-DecisionQuestion",
            )
