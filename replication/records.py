"""What a verified replication becomes: a row of "Yang sudah mereplikasi" on the original case
study, and optionally a draft case study of its own linked "replikasi dari".

Replication rows are inline children of the page and live in its revisions: a row written
only to the live table would be dropped the next time an editor publishes an older draft. So
the row is added through a new revision, published at once when the page had no pending
draft; with a pending draft the row goes into the draft and into the live page both.
"""

from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import slugify
from django.utils.translation import gettext as _

from innovations.models import InnovationPage, InnovationReplication

NOTE_LENGTH = InnovationReplication._meta.get_field("note").max_length


def replication_row(request):
    place = "" if request.in_south_sulawesi else f" ({request.province})"
    return InnovationReplication(
        region=request.region if request.in_south_sulawesi else None,
        agency=request.agency,
        adopter_name="" if request.agency else f"{request.institution}{place}"[:200],
        year=(request.implemented_on or timezone.localdate()).year,
        status=InnovationReplication.Status.REPLICATED,
        note=(
            _("Terverifikasi melalui portal. Hasil awal: %(results)s")
            % {"results": request.first_results}
        )[: NOTE_LENGTH - 1],
    )


def publish_verified(request, user, data):
    original = InnovationPage.objects.get(pk=request.innovation_id)
    had_draft = original.has_unpublished_changes
    draft = original.get_latest_revision_as_object()
    draft.replications.add(replication_row(request))
    revision = draft.save_revision(user=user, log_action=True)
    if original.live and not had_draft:
        revision.publish(user=user)
    else:
        live_row = replication_row(request)
        live_row.page = original
        live_row.save()
        original.save(update_fields=["replication_count"])
    if data.get("make_case_study") and request.in_south_sulawesi and request.agency_id:
        request.case_study = draft_case_study(request, original, user)
        request.save(update_fields=["case_study"])


def draft_case_study(request, original, user):
    """A draft innovation for the copy, under the same catalogue, for editors to complete."""
    title = _("%(innovation)s di %(institution)s") % {
        "innovation": original.title,
        "institution": request.institution,
    }
    page = InnovationPage(
        title=title[:255],
        slug=slugify(title)[:200] or f"replikasi-{request.pk}",
        summary=original.summary,
        agency=request.agency,
        form=original.form,
        initiator=InnovationPage.Initiator.OPD,
        stage=InnovationPage.Stage.IMPLEMENTATION,
        launched_on=request.implemented_on or timezone.localdate(),
        implemented_on=request.implemented_on or timezone.localdate(),
        problem=original.problem,
        # Requesters write plain text; escaped before it becomes rich text.
        approach=format_html("<p>{}</p><p>{}</p>", request.copied, request.changed),
        results=format_html("<p>{}</p>", request.first_results),
        cost=request.cost,
        budget_source=original.budget_source if request.cost else "",
        replicated_from=original,
        live=False,
        owner=user,
    )
    parent = original.get_parent()
    if parent.get_children().filter(slug=page.slug).exists():
        page.slug = f"{page.slug[:190]}-{request.pk}"
    parent.add_child(instance=page)
    page.regions.set([request.region] if request.region_id else [])
    page.sectors.set(original.sectors.all())
    page.save()
    page.save_revision(user=user, log_action=True)
    return page
