"""Who may see and send the consolidated report.

- reviewers of Vụ KTS và XHS read it and consolidate it (mark a quarter sent to Viện Chiến lược TTTT);
- leadership and administrators read it, pages and files;
- reporters are refused: the consolidated report is the department's document to the Minister, and every other
  unit's figures before review are not theirs to read; their own unit's figures are on their submission pages;
- anyone without a role is refused, and an anonymous visitor is sent to the login page (the API answers 403).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from rest_framework.permissions import BasePermission

from reporting.access import Viewer, viewer_of
from reporting.workflow import Role


def can_read_reports(viewer: Viewer) -> bool:
    return viewer.role in (Role.REVIEWER, Role.LEADER, Role.ADMIN)


def can_consolidate(viewer: Viewer) -> bool:
    return viewer.role == Role.REVIEWER


def report_viewer_for(user, *, consolidating: bool = False) -> Viewer:
    """The person's viewer when they may read (or, with `consolidating`, send) the report; 403 otherwise."""
    viewer = viewer_of(user)
    allowed = can_consolidate(viewer) if consolidating else can_read_reports(viewer)
    if not allowed:
        raise PermissionDenied
    return viewer


class ReadsReports(BasePermission):
    def has_permission(self, request, view) -> bool:
        return can_read_reports(viewer_of(request.user))
