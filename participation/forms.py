"""Forms of the reporter (public, protected by core/forms.py's honeypot) and of the staff."""

import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import HoneypotMixin
from innovations.models import Agency, InnovationPage, Region

from .models import Category, Privacy, Status
from .uploads import MAX_FILES, clean_upload

ACCEPTED_TYPES = "image/jpeg,image/png,image/webp,application/pdf"
PHONE_RE = re.compile(r"^\+?[0-9][0-9 \-]{6,18}[0-9]$")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        if isinstance(data, (list, tuple)):
            return [super(MultipleFileField, self).clean(item, initial) for item in data if item]
        return [super().clean(data, initial)] if data else []


class AgencyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.acronym})" if obj.acronym else obj.name


class ReportForm(HoneypotMixin, forms.Form):
    category = forms.ChoiceField(
        label=_("Jenis laporan"), choices=Category.choices, widget=forms.RadioSelect
    )
    innovation = forms.ModelChoiceField(
        queryset=InnovationPage.objects.live(), required=False, widget=forms.HiddenInput
    )
    agency = AgencyChoiceField(
        label=_("Instansi yang dilaporkan"),
        queryset=Agency.objects.only("pk", "name", "acronym"),
        required=False,
        empty_label=_("Tidak tahu / pilih nanti"),
        help_text=_("Moderator akan meneruskan laporan ke instansi yang berwenang."),
    )
    region = forms.ModelChoiceField(
        label=_("Wilayah"),
        queryset=Region.objects.all(),
        required=False,
        empty_label=_("Pilih kabupaten/kota"),
    )
    title = forms.CharField(label=_("Judul laporan"), max_length=150, min_length=5)
    description = forms.CharField(
        label=_("Apa yang terjadi?"),
        min_length=20,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Ceritakan kronologinya. Jangan menulis nomor KTP atau data pribadi orang lain."
        ),
    )
    incident_date = forms.DateField(
        label=_("Tanggal kejadian"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Contoh: 2026-11-30"),
    )
    incident_place = forms.CharField(label=_("Tempat kejadian"), max_length=200, required=False)
    attachments = MultipleFileField(
        label=_("Lampiran (tidak wajib)"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": ACCEPTED_TYPES}),
        help_text=_(
            "Paling banyak 3 berkas JPEG, PNG, WebP atau PDF, masing-masing paling besar 5 MB. "
            "Data lokasi (GPS) di foto dihapus."
        ),
    )
    privacy = forms.ChoiceField(
        label=_("Kerahasiaan"),
        choices=[
            (
                Privacy.PUBLIC,
                _("Publik: isi laporan dan jawabannya boleh ditampilkan tanpa identitas Anda"),
            ),
            (Privacy.CONFIDENTIAL, _("Rahasia: isi laporan tidak pernah ditampilkan ke publik")),
            (
                Privacy.ANONYMOUS,
                _("Anonim: nama Anda tidak disimpan; instansi tidak tahu siapa pelapor"),
            ),
        ],
        widget=forms.RadioSelect,
        initial=Privacy.CONFIDENTIAL,
    )
    name = forms.CharField(
        label=_("Nama"),
        max_length=120,
        required=False,
        help_text=_("Wajib kecuali laporan anonim. Untuk laporan anonim nama tidak disimpan."),
    )
    email = forms.EmailField(
        label=_("Surel (tidak wajib)"),
        required=False,
        help_text=_("Kami kirim kode pelacakan dan kabar perkembangan ke alamat ini."),
    )
    phone = forms.CharField(label=_("Telepon (tidak wajib)"), max_length=20, required=False)
    consent = forms.BooleanField(
        label=_("Saya setuju data dalam laporan ini diproses untuk menangani laporan saya."),
        error_messages={"required": _("Centang persetujuan agar laporan dapat kami proses.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        autocomplete = {"name": "name", "email": "email", "phone": "tel"}
        for name, value in autocomplete.items():
            self.fields[name].widget.attrs["autocomplete"] = value
        self.fields["phone"].widget.input_type = "tel"

    def clean_incident_date(self):
        value = self.cleaned_data.get("incident_date")
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("Tanggal kejadian tidak boleh di masa depan."))
        return value

    def clean_phone(self):
        phone = self.cleaned_data.get("phone", "").strip()
        if phone and not PHONE_RE.match(phone):
            raise forms.ValidationError(
                _("Nomor telepon hanya boleh berisi angka, spasi, tanda hubung dan awalan +.")
            )
        return phone

    def clean_attachments(self):
        files = self.cleaned_data.get("attachments") or []
        if len(files) > MAX_FILES:
            raise forms.ValidationError(_("Paling banyak 3 lampiran."))
        cleaned, errors = [], []
        for upload in files:
            try:
                cleaned.append(clean_upload(upload))
            except forms.ValidationError as error:
                errors.append(error)
        if errors:
            raise forms.ValidationError(errors)
        return cleaned

    def clean(self):
        data = super().clean()
        if data.get("privacy") == Privacy.ANONYMOUS:
            data["name"] = ""
        elif data.get("privacy") and not data.get("name", "").strip():
            self.add_error("name", _("Tuliskan nama Anda, atau pilih laporan anonim."))
        innovation = data.get("innovation")
        if innovation and not data.get("agency"):
            data["agency"] = innovation.agency
        return data


class TrackForm(HoneypotMixin, forms.Form):
    code = forms.CharField(
        label=_("Kode pelacakan"),
        max_length=40,
        help_text=_("Contoh: PGD-4K7M-9QXT-3HWA"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    secret = forms.CharField(
        label=_("Kode rahasia"),
        max_length=64,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class AdditionForm(forms.Form):
    body = forms.CharField(
        label=_("Tambahan informasi"),
        min_length=5,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class FeedbackForm(forms.Form):
    solved = forms.TypedChoiceField(
        label=_("Apakah jawaban menyelesaikan masalah Anda?"),
        choices=[("ya", _("Ya, sudah tuntas")), ("tidak", _("Belum tuntas"))],
        coerce=lambda value: value == "ya",
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Tanggapan (tidak wajib)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


# Staff forms (Wagtail admin).


class VerifyForm(forms.Form):
    listed_publicly = forms.BooleanField(
        label=_("Tampilkan di daftar laporan publik setelah dijawab"), required=False
    )
    public_text = forms.CharField(
        label=_("Uraian untuk publik (tanpa data pribadi)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean(self):
        data = super().clean()
        if data.get("listed_publicly") and not data.get("public_text", "").strip():
            self.add_error("public_text", _("Tulis uraian yang bersih dari data pribadi."))
        return data


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan penolakan (dikirim ke pelapor)"), widget=forms.Textarea(attrs={"rows": 3})
    )


class RouteForm(forms.Form):
    agency = AgencyChoiceField(label=_("Teruskan ke instansi"), queryset=Agency.objects.all())


class AnswerForm(forms.Form):
    body = forms.CharField(
        label=_("Jawaban untuk pelapor"), widget=forms.Textarea(attrs={"rows": 6})
    )


class NoteForm(forms.Form):
    body = forms.CharField(
        label=_("Catatan internal (tidak pernah dilihat pelapor)"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CloseForm(forms.Form):
    note = forms.CharField(label=_("Keterangan penutupan"), required=False)


class StaffFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Semua status")), *Status.choices]
    )
    kategori = forms.ChoiceField(
        label=_("Kategori"), required=False, choices=[("", _("Semua kategori")), *Category.choices]
    )
    instansi = AgencyChoiceField(
        label=_("Instansi"),
        queryset=Agency.objects.all(),
        required=False,
        empty_label=_("Semua instansi"),
    )
    terlambat = forms.BooleanField(label=_("Hanya yang terlambat"), required=False)
    kode = forms.CharField(label=_("Kode pelacakan"), required=False, max_length=40)

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        if agencies is not None:
            self.fields["instansi"].queryset = agencies
