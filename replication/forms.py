"""Public forms (ask to replicate or visit, contact the innovator, the requester's steps) and
the agency's answer form in the admin."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import HoneypotMixin
from innovations.models import Agency, Region

from .models import SOUTH_SULAWESI, InnovatorMessage, ReplicationRequest

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MAX_VISIT_DAYS = 14


class RequestForm(HoneypotMixin, forms.ModelForm):
    outside = forms.BooleanField(
        label=_("Instansi saya berada di luar Sulawesi Selatan"), required=False
    )
    consent = forms.BooleanField(
        label=_(
            "Saya setuju data kontak saya diteruskan kepada instansi pengelola inovasi dan "
            "moderator portal, hanya untuk menanggapi permintaan ini."
        ),
        error_messages={"required": _("Centang persetujuan agar permintaan dapat diteruskan.")},
    )

    class Meta:
        model = ReplicationRequest
        fields = [
            "kind",
            "requester_name",
            "institution",
            "role",
            "outside",
            "region",
            "province",
            "email",
            "phone",
            "purpose",
            "visit_start",
            "visit_end",
        ]
        labels = {
            "kind": _("Yang Anda ajukan"),
            "requester_name": _("Nama lengkap"),
            "institution": _("Nama instansi"),
            "region": _("Kabupaten/kota (bila di Sulawesi Selatan)"),
            "province": _("Provinsi (bila di luar Sulawesi Selatan)"),
            "purpose": _("Tujuan dan apa yang ingin Anda pelajari"),
            "visit_start": _("Usulan tanggal mulai kunjungan"),
            "visit_end": _("Usulan tanggal selesai kunjungan"),
        }
        help_texts = {
            "institution": _("Contoh: Dinas Kependudukan dan Pencatatan Sipil Kabupaten Gowa."),
            "email": _("Tautan pribadi untuk mengikuti permintaan dikirim ke alamat ini."),
            "visit_start": _("Hanya untuk kaji tiru."),
        }
        widgets = {
            "kind": forms.RadioSelect,
            "visit_start": DATE_WIDGET,
            "visit_end": DATE_WIDGET,
            "purpose": forms.Textarea(attrs={"rows": 5}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            "requester_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "institution": forms.TextInput(attrs={"autocomplete": "organization"}),
            "role": forms.TextInput(attrs={"autocomplete": "organization-title"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = Region.objects.exclude(kind=Region.Kind.PROVINCE)
        self.fields["region"].empty_label = _("— pilih kabupaten/kota —")
        self.fields["province"].required = False
        self.initial["province"] = ""  # not the model's default: asked only from outside
        # No empty radio button: the form always starts on one kind.
        self.fields["kind"].choices = ReplicationRequest.Kind.choices

    def clean(self):
        data = super().clean()
        self._clean_place(data)
        if data.get("kind") == ReplicationRequest.Kind.VISIT:
            self._clean_visit_dates(data)
        else:
            data["visit_start"] = data["visit_end"] = None
        return data

    def _clean_place(self, data):
        province = (data.get("province") or "").strip()
        if data.get("outside"):
            if not province or province.lower() == SOUTH_SULAWESI.lower():
                self.add_error("province", _("Tuliskan provinsi instansi Anda."))
            data["region"] = None
        else:
            if not data.get("region"):
                self.add_error(
                    "region",
                    _("Pilih kabupaten/kota, atau centang bila instansi di luar Sulawesi Selatan."),
                )
            province = SOUTH_SULAWESI
        data["province"] = province

    def _clean_visit_dates(self, data):
        start, end = data.get("visit_start"), data.get("visit_end")
        if not start:
            self.add_error("visit_start", _("Usulkan tanggal kunjungan."))
            return
        if start <= timezone.localdate():
            self.add_error("visit_start", _("Tanggal kunjungan harus setelah hari ini."))
        if end and end < start:
            self.add_error("visit_end", _("Tanggal selesai tidak boleh sebelum tanggal mulai."))
        elif end and (end - start).days > MAX_VISIT_DAYS:
            self.add_error(
                "visit_end", _("Kunjungan paling lama %(days)s hari.") % {"days": MAX_VISIT_DAYS}
            )


class InnovatorMessageForm(HoneypotMixin, forms.ModelForm):
    class Meta:
        model = InnovatorMessage
        fields = ["sender_name", "institution", "email", "phone", "body"]
        labels = {"sender_name": _("Nama lengkap"), "body": _("Pesan Anda")}
        help_texts = {"email": _("Inovator membalas ke alamat ini.")}
        widgets = {
            "body": forms.Textarea(attrs={"rows": 6}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "sender_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "institution": forms.TextInput(attrs={"autocomplete": "organization"}),
        }


class MessageForm(forms.Form):
    message = forms.CharField(
        label=_("Pesan"), max_length=3000, widget=forms.Textarea(attrs={"rows": 4})
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan"), max_length=3000, widget=forms.Textarea(attrs={"rows": 3})
    )


class DatesForm(forms.Form):
    agreed_start = forms.DateField(label=_("Tanggal mulai"), widget=DATE_WIDGET)
    agreed_end = forms.DateField(label=_("Tanggal selesai"), widget=DATE_WIDGET, required=False)
    message = forms.CharField(
        label=_("Pesan (opsional)"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("agreed_start"), data.get("agreed_end")
        if start and end and end < start:
            self.add_error("agreed_end", _("Tanggal selesai tidak boleh sebelum tanggal mulai."))
        return data


class AcceptForm(forms.Form):
    agreed_start = forms.DateField(
        label=_("Tanggal kunjungan (kosongkan untuk memakai usulan pemohon)"),
        widget=DATE_WIDGET,
        required=False,
    )
    agreed_end = forms.DateField(label=_("Sampai tanggal"), widget=DATE_WIDGET, required=False)
    message = forms.CharField(
        label=_("Pesan (opsional)"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class VisitDoneForm(forms.Form):
    visited_on = forms.DateField(label=_("Tanggal kunjungan"), widget=DATE_WIDGET, required=False)


class ReportForm(forms.Form):
    """What the requester records once the copy runs."""

    copied = forms.CharField(
        label=_("Apa yang Anda tiru"), max_length=3000, widget=forms.Textarea(attrs={"rows": 3})
    )
    changed = forms.CharField(
        label=_("Apa yang Anda ubah atau sesuaikan"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    cost = forms.IntegerField(
        label=_("Biaya (Rp, tanpa titik)"), min_value=0, max_value=10**15, required=False
    )
    implemented_on = forms.DateField(label=_("Tanggal mulai diterapkan"), widget=DATE_WIDGET)
    first_results = forms.CharField(
        label=_("Hasil awal"),
        max_length=3000,
        help_text=_("Angka bila ada: misalnya waktu layanan turun dari 14 hari menjadi 2 hari."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_implemented_on(self):
        value = self.cleaned_data["implemented_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("Tanggal penerapan tidak boleh di masa depan."))
        return value


class VerifyForm(forms.Form):
    agency = forms.ModelChoiceField(
        label=_("Instansi pereplikasi di katalog (opsional)"),
        queryset=Agency.objects.order_by("name"),
        required=False,
    )
    make_case_study = forms.BooleanField(
        label=_("Buat draf studi kasus sendiri, ditautkan “replikasi dari” (hanya di Sulsel)"),
        required=False,
    )
    message = forms.CharField(
        label=_("Pesan (opsional)"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.replication_request = request

    def clean(self):
        data = super().clean()
        if data.get("make_case_study"):
            if not self.replication_request.in_south_sulawesi:
                self.add_error(
                    "make_case_study",
                    _("Hanya replikasi di Sulawesi Selatan yang dapat menjadi studi kasus."),
                )
            elif not data.get("agency"):
                self.add_error("agency", _("Pilih instansi pereplikasi untuk studi kasusnya."))
        return data


# The form each step asks for (steps without one take an empty form).
ACTION_FORMS = {
    "accept": AcceptForm,
    "propose_dates": DatesForm,
    "decline": ReasonForm,
    "abandon": ReasonForm,
    "visit_done": VisitDoneForm,
    "implement": ReportForm,
    "send_back": MessageForm,
    "verify": VerifyForm,
}


def action_form(action, data=None, request=None, prefix=None):
    form_class = ACTION_FORMS.get(action, forms.Form)
    kwargs = {"request": request} if form_class is VerifyForm else {}
    return form_class(data, prefix=prefix or action, **kwargs)
