"""Keep per-request role caches honest when memberships or groups change on the same object."""

from django.contrib.auth import get_user_model
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from innovations.models import InnovationIndexPage

from . import access
from .models import AgencyMembership
from .permissions import grant_catalogue_permissions
from .workflow import attach_workflow


@receiver([post_save, post_delete], sender=AgencyMembership)
def forget_cached_memberships(sender, instance, **kwargs):
    access.forget(instance.user)


@receiver(m2m_changed, sender=get_user_model().groups.through)
def forget_cached_groups(sender, instance, **kwargs):
    if isinstance(instance, get_user_model()):
        access.forget(instance)


@receiver(post_save, sender=InnovationIndexPage)
def open_new_catalogue_to_agencies(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        grant_catalogue_permissions(instance)
        attach_workflow(instance)
