"""Form parts shared by every public form."""

from django import forms
from django.utils.translation import gettext_lazy as _

HONEYPOT_FIELD = "situs_web"


class HoneypotMixin(forms.Form):
    """A field people never see (hidden by CSS and from assistive technology) and robots fill.

    A filled honeypot makes the form invalid with a neutral message, so a robot learns nothing
    about which field gave it away. Templates render it with ``components/honeypot.html``.
    """

    situs_web = forms.CharField(
        required=False,
        label=_("Jangan isi kolom ini"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean_situs_web(self):
        value = self.cleaned_data.get(HONEYPOT_FIELD, "")
        if value:
            raise forms.ValidationError(_("Formulir tidak dapat diproses. Silakan coba lagi."))
        return value

    @property
    def is_spam(self):
        return bool(self.data.get(self.add_prefix(HONEYPOT_FIELD)))
