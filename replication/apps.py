from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReplicationConfig(AppConfig):
    name = "replication"
    verbose_name = _("Replikasi dan kaji tiru")

    def ready(self):
        from wagtail.signals import page_published

        from innovations.models import InnovationPage

        from .similar import innovation_published

        page_published.connect(
            innovation_published, sender=InnovationPage, dispatch_uid="replication-similar"
        )
