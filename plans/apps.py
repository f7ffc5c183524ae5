from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "plans"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from guides.services import forget_catalogue_stamp

        from .models import LearningResource, MilestoneTemplate, PlanTemplate

        # Plan pages show the templates' learning resources from the shared
        # cache (``views.page.attach_resources``): a change drops it.
        for model in (PlanTemplate, MilestoneTemplate, LearningResource):
            for signal in (post_save, post_delete):
                signal.connect(
                    forget_catalogue_stamp,
                    sender=model,
                    dispatch_uid=f"catalogue-{model.__name__}",
                )
