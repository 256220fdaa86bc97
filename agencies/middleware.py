"""Admin views that show every agency's pages at once are for moderators only.

Wagtail's page types report names the last edited page of each type, whoever's it is,
and offers no hook to filter it; scoped people are refused such views before they run.
"""

from django.core.exceptions import PermissionDenied

from . import access

MODERATOR_ONLY_VIEWS = frozenset(
    {
        "wagtailadmin_reports:page_types_usage",
        "wagtailadmin_reports:page_types_usage_results",
    }
)


class AgencyScopeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if (
            match is not None
            and match.view_name in MODERATOR_ONLY_VIEWS
            and access.is_agency_scoped(request.user)
        ):
            raise PermissionDenied
        return None
