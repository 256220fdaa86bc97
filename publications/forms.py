"""Public forms of the publications app."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import HoneypotMixin

PHONE_RE = re.compile(r"^\+?[0-9][0-9 \-]{6,18}[0-9]$")


class EventRegistrationForm(HoneypotMixin, forms.Form):
    name = forms.CharField(label=_("Nama lengkap"), max_length=120)
    agency = forms.CharField(
        label=_("Instansi"),
        max_length=200,
        help_text=_("Misalnya: Dinas Kesehatan Kabupaten Bantaeng."),
    )
    email = forms.EmailField(
        label=_("Surel"),
        max_length=254,
        help_text=_(
            "Kami mengirim tautan konfirmasi ke alamat ini; kursi Anda tercatat setelah "
            "tautan itu dibuka. Satu alamat untuk satu peserta."
        ),
    )
    phone = forms.CharField(
        label=_("Telepon/WhatsApp"),
        max_length=20,
        help_text=_("Contoh: 0812 3456 7890 atau +62 812 3456 7890."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        autocomplete = {"name": "name", "agency": "organization", "email": "email", "phone": "tel"}
        for name, autocomplete_value in autocomplete.items():
            self.fields[name].widget.attrs["autocomplete"] = autocomplete_value
        self.fields["phone"].widget.input_type = "tel"

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if len(name) < 2:
            raise forms.ValidationError(_("Tuliskan nama lengkap Anda."))
        return name

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if not PHONE_RE.match(phone):
            raise forms.ValidationError(
                _("Nomor telepon hanya boleh berisi angka, spasi, tanda hubung dan awalan +.")
            )
        return phone
