"""Who serves which agency, in which role, and how they were invited."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Task


class AgencyMembership(models.Model):
    """A person serving an agency (OPD) as its innovation officer or its verifier.

    A person may serve several agencies, and an agency has several officers; the same pair
    may hold both roles. Membership rows are the only source of agency scoping.
    """

    class Role(models.TextChoices):
        OFFICER = "officer", _("Petugas inovasi")
        VERIFIER = "verifier", _("Verifikator OPD")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pengguna"),
        on_delete=models.CASCADE,
        related_name="agency_memberships",
    )
    agency = models.ForeignKey(
        "innovations.Agency",
        verbose_name=_("instansi"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("peran"), max_length=16, choices=Role.choices)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        verbose_name = _("keanggotaan instansi")
        verbose_name_plural = _("keanggotaan instansi")
        ordering = ["agency__name", "role", "user__username"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "agency", "role"], name="unique_agency_membership"
            )
        ]
        indexes = [models.Index(fields=["agency", "role"], name="agency_membership_role")]

    def __str__(self):
        return f"{self.user} - {self.get_role_display()} {self.agency}"


class Invitation(models.Model):
    """An administrator's invitation of a person to serve an agency.

    The invitee's account exists from the start (inactive, without a usable password); the
    one-time link in the e-mail carries a token that expires and dies once the password is
    set (agencies/onboarding.py).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pengguna"),
        on_delete=models.CASCADE,
        related_name="agency_invitations",
    )
    agency = models.ForeignKey(
        "innovations.Agency",
        verbose_name=_("instansi"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    role = models.CharField(
        _("peran"),
        max_length=16,
        choices=AgencyMembership.Role.choices,
        default=AgencyMembership.Role.OFFICER,
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diundang oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("dikirim"), auto_now_add=True)
    accepted_at = models.DateTimeField(_("diterima"), null=True, blank=True)

    class Meta:
        verbose_name = _("undangan")
        verbose_name_plural = _("undangan")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.user.email} - {self.agency}"


class AgencyCollection(models.Model):
    """The Wagtail collection holding one agency's images and documents."""

    agency = models.OneToOneField(
        "innovations.Agency",
        verbose_name=_("instansi"),
        on_delete=models.CASCADE,
        related_name="media_collection",
    )
    collection = models.OneToOneField(
        "wagtailcore.Collection",
        verbose_name=_("koleksi"),
        on_delete=models.CASCADE,
        related_name="agency_link",
    )

    class Meta:
        verbose_name = _("koleksi instansi")
        verbose_name_plural = _("koleksi instansi")

    def __str__(self):
        return str(self.collection)


class AgencyVerificationTask(Task):
    """The agency's own check: only verifiers of the page's agency may act on it.

    A GroupApprovalTask cannot express "the verifiers of this page's agency" (one group would
    let every agency's verifier approve every other agency's work), hence this task.
    """

    def _verifies(self, obj, user):
        from . import access, scoping

        if not (user.is_active and user.is_authenticated):
            return False
        if user.is_superuser:
            return True
        agency_id = scoping.agency_id_of(obj)
        return agency_id is not None and access.is_verifier(user, agency_id)

    def user_can_access_editor(self, obj, user):
        return self._verifies(obj, user)

    def locked_for_user(self, obj, user):
        return not self._verifies(obj, user)

    def user_can_lock(self, obj, user):
        return self._verifies(obj, user)

    def user_can_unlock(self, obj, user):
        return False

    def get_actions(self, obj, user):
        if not self._verifies(obj, user):
            return []
        return [
            ("reject", _("Minta perbaikan"), True),
            ("approve", _("Setujui"), False),
            ("approve", _("Setujui dengan komentar"), True),
        ]

    def get_task_states_user_can_moderate(self, user, **kwargs):
        from wagtail.models import TaskState

        from . import access, scoping

        states = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        if user.is_active and user.is_superuser:
            return states
        verified = access.agency_ids_of(user, role=AgencyMembership.Role.VERIFIER)
        if not verified:
            return TaskState.objects.none()
        page_ids = scoping.page_ids_of_agencies(verified)
        return states.filter(workflow_state__object_id__in=[str(pk) for pk in page_ids])

    @classmethod
    def get_description(cls):
        return _("Verifikator instansi pemilik inovasi memeriksa dan menyetujuinya.")

    class Meta:
        verbose_name = _("verifikasi OPD")
        verbose_name_plural = _("verifikasi OPD")
