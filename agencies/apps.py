from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgenciesConfig(AppConfig):
    name = "agencies"
    verbose_name = _("Instansi dan peran")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.models import TaskState
        from wagtail.signals import task_submitted

        from . import signals  # noqa: F401
        from .notifications import verification_submission_notifier

        task_submitted.connect(
            verification_submission_notifier,
            sender=TaskState,
            dispatch_uid="agencies_verification_task_submitted",
        )
