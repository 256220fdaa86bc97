"""A StreamField whose block definitions stay out of migrations.

The database column is JSON whatever the blocks are, so a migration has nothing to do
when a block changes; Wagtail's own StreamField still writes the whole block tree into
every migration (the repeated 244-line runs in publications/migrations/0002). This field
deconstructs without its blocks, so migrations only say "a StreamField is here", and
changing a block needs no migration. Approach learnt from ONSdigital/dis-wagtail
(cms/core/fields.py, docs/custom-features/migration_friendly_streamfields.md).

Data migrations get the field without blocks; `to_python` then keeps the stored JSON as
raw data, so such a migration can still read and write it as plain lists and dicts.
"""

import json

from wagtail.fields import StreamField as WagtailStreamField


class StreamField(WagtailStreamField):
    def __init__(self, block_types=None, *args, **kwargs):
        super().__init__(block_types or [], *args, **kwargs)

    def deconstruct(self):
        name, path, _args, kwargs = super().deconstruct()
        kwargs.pop("block_lookup", None)
        return name, path, [], kwargs

    def to_python(self, value):
        stream_value = super().to_python(value)
        # Only in migrations has the field no blocks: keep what is stored, unparsed.
        if not value or self.stream_block.child_blocks or stream_value._raw_data:
            return stream_value
        data = value
        if isinstance(value, str):
            try:
                data = json.loads(value)
            except ValueError:
                stream_value.raw_text = value
                return stream_value
        if isinstance(data, list) and data:
            return type(stream_value)(self, data, is_lazy=True)
        return stream_value
