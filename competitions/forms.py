"""Forms of the competition: the public objection, the officers' entry, the jurors' sheet."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import HoneypotMixin
from innovations.models import InnovationPage

from . import eligibility
from .models import Entry, Objection


class ObjectionForm(HoneypotMixin, forms.ModelForm):
    class Meta:
        model = Objection
        fields = ["name", "contact", "text"]
        help_texts = {
            "contact": _("Hanya dilihat sekretariat kompetisi; tidak pernah dipublikasikan."),
            "text": _("Uraikan keberatan Anda dan buktinya (paling banyak 5.000 karakter)."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("name", "contact", "text"):
            self.fields[name].required = True


class EntryForm(forms.ModelForm):
    """An officer's entry; the innovation is limited to the officer's agencies."""

    documents = forms.FileField(
        label=_("Dokumen pendukung (PDF)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
        help_text=_("Satu berkas PDF per unggahan, paling besar 10 MB."),
    )

    video_url = forms.URLField(
        label=_("Tautan video"),
        required=False,
        assume_scheme="https",
        help_text=_("Misalnya tautan YouTube video paparan inovasi."),
    )

    class Meta:
        model = Entry
        fields = ["innovation", "category", "group", "video_url"]

    def __init__(self, *args, competition, agency_ids, **kwargs):
        super().__init__(*args, **kwargs)
        self.competition = competition
        self.fields["innovation"].queryset = InnovationPage.objects.filter(
            agency_id__in=agency_ids
        ).order_by("title")
        self.fields["category"].queryset = competition.categories.all()
        self.fields["group"].queryset = competition.groups.all()
        if self.instance.pk:
            self.fields["innovation"].disabled = True
        self.questions = list(competition.questions.all())
        answers = {}
        if self.instance.pk:
            answers = {a.question_id: a.text for a in self.instance.answers.all()}
        for question in self.questions:
            self.fields[f"q{question.pk}"] = forms.CharField(
                label=question.text,
                help_text=question.help_text,
                widget=forms.Textarea(attrs={"rows": 4}),
                initial=answers.get(question.pk, ""),
                max_length=5000,
            )

    def clean_innovation(self):
        innovation = self.cleaned_data["innovation"]
        if not self.instance.pk:
            if Entry.objects.filter(competition=self.competition, innovation=innovation).exists():
                raise forms.ValidationError(_("Inovasi ini sudah terdaftar pada kompetisi ini."))
            reasons = eligibility.problems(self.competition, innovation)
            if reasons:
                raise forms.ValidationError(reasons)
        return innovation

    def clean_documents(self):
        upload = self.cleaned_data.get("documents")
        if upload:
            if upload.size > 10 * 1024 * 1024:
                raise forms.ValidationError(_("Berkas lebih besar dari 10 MB."))
            if not upload.read(5).startswith(b"%PDF-"):
                raise forms.ValidationError(_("Berkas bukan PDF."))
            upload.seek(0)
        return upload

    def answers(self):
        return {q: self.cleaned_data[f"q{q.pk}"] for q in self.questions}


class ScoreSheetForm(forms.Form):
    """One number field (0-100) per criterion of the stage, and a comment."""

    comment = forms.CharField(
        label=_("Catatan juri"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, criteria, sheet=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        current = {}
        if sheet is not None and sheet.pk:
            current = {s.criterion_id: s.value for s in sheet.scores.all()}
            self.fields["comment"].initial = sheet.comment
        for criterion in criteria:
            self.fields[f"c{criterion.pk}"] = forms.DecimalField(
                label=f"{criterion.name} ({criterion.weight}%)",
                min_value=Decimal(0),
                max_value=Decimal(100),
                max_digits=5,
                decimal_places=2,
                initial=current.get(criterion.pk),
                help_text=_("Nilai 0 sampai 100."),
            )

    def values(self):
        return {c: self.cleaned_data[f"c{c.pk}"] for c in self.criteria}


class DecisionForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan"), widget=forms.Textarea(attrs={"rows": 3}), max_length=3000
    )


class ConflictForm(forms.Form):
    reason = forms.CharField(label=_("Alasan konflik kepentingan"), max_length=300)
