"""Wagtail's fragment cache tags (`wagtailcache`, `wagtailpagecache`), skipped when their
timeout is 0.

With a timeout of 0 (answers not cached: PAGE_CACHE_SECONDS or CATALOGUE_CACHE_SECONDS set to
0), Django's cache tag still reads the fragment, then writes it with no lifetime, which
deletes it: two round trips to the shared cache per fragment, for nothing.

    {% fragmentcache seconds "name" vary_on... %}...{% endfragmentcache %}
    {% pagefragmentcache seconds "name" vary_on... %}...{% endpagefragmentcache %}
"""

from django import template
from django.template import TemplateSyntaxError
from wagtail.templatetags.wagtail_cache import WagtailCacheNode, WagtailPageCacheNode

register = template.Library()


class SkippedWhenOff:
    def render(self, context):
        seconds = self.expire_time_var.resolve(context)
        if seconds is not None and str(seconds).strip() == "0":
            return self.nodelist.render(context)
        return super().render(context)


class FragmentCacheNode(SkippedWhenOff, WagtailCacheNode):
    """Wagtail's `wagtailcache`: never used in previews."""


class PageFragmentCacheNode(SkippedWhenOff, WagtailPageCacheNode):
    """Wagtail's `wagtailpagecache`: also per page version and site."""


def _compiler(node_class):
    def compile_tag(parser, token):
        bits = token.split_contents()
        nodelist = parser.parse((f"end{bits[0]}",))
        parser.delete_first_token()
        if len(bits) < 3:
            raise TemplateSyntaxError(f"'{bits[0]}' takes a timeout and a fragment name.")
        vary_on = [parser.compile_filter(bit) for bit in bits[3:]]
        return node_class(nodelist, parser.compile_filter(bits[1]), bits[2], vary_on, None)

    return compile_tag


register.tag("fragmentcache", _compiler(FragmentCacheNode))
register.tag("pagefragmentcache", _compiler(PageFragmentCacheNode))
