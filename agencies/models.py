"""Who serves which agency, in which role, and how they were invited."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


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
