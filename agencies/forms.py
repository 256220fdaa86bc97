from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from innovations.models import Agency

from .models import AgencyMembership


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Alamat e-mel"))
    first_name = forms.CharField(label=_("Nama depan"), max_length=150)
    last_name = forms.CharField(label=_("Nama belakang"), max_length=150, required=False)
    agency = forms.ModelChoiceField(
        label=_("Instansi"),
        queryset=Agency.objects.select_related("region"),
        help_text=_("Instansi (OPD) yang akan dilayani."),
    )
    role = forms.ChoiceField(
        label=_("Peran"),
        choices=AgencyMembership.Role.choices,
        initial=AgencyMembership.Role.OFFICER,
        help_text=_(
            "Petugas inovasi menyunting dan mengajukan; verifikator menyetujui atau meminta "
            "perbaikan."
        ),
    )

    def clean_email(self):
        email = self.cleaned_data["email"]
        existing = get_user_model().objects.filter(email__iexact=email).first()
        if existing is not None and existing.is_active and existing.has_usable_password():
            raise forms.ValidationError(
                _(
                    "Akun dengan alamat ini sudah aktif: tambahkan perannya lewat menu "
                    "Pengguna, bukan dengan undangan."
                )
            )
        return email
