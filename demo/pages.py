"""Creating demo pages as an editor would: added under their parent, then published."""

from django.utils.html import escape


def get_or_add_child(parent, model, slug, **fields):
    """The `model` page with that slug under `parent`, created and published if missing;
    returns (page, created)."""
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing:
        return existing, False
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page, True


def fill_missing(page, **fields):
    """Set fields still empty on a page made by an earlier load, and republish."""
    missing = {name: value for name, value in fields.items() if not getattr(page, name)}
    if missing:
        for name, value in missing.items():
            setattr(page, name, value)
        page.save_revision().publish()


def paragraph(text):
    return f"<p>{escape(text)}</p>"


def save_changed(obj, values):
    """Set `values` on `obj` and save it only when one of them differs, so a second run of
    the loader writes nothing (and marks no translation out of date)."""
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.save()
    return obj
