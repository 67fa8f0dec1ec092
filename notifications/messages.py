"""A notification's words, made from its kind and facts in the active language: the list page in the reader's,
the e-mail in the tracker's own (the service renders it under `translation.override`). No query."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from reporting.calendar import PeriodError, parse_period_code
from reporting.labels import period_label, short_date

from .models import Notification

Kind = Notification.Kind


def _period(code: str) -> str:
    try:
        return period_label(parse_period_code(code))
    except PeriodError:
        return code


def _day(iso: str) -> str:
    try:
        return short_date(date.fromisoformat(iso))
    except ValueError:
        return iso


def _release(params: dict) -> str:
    """What a release publishes: a whole quarter, or figures of one indicator."""
    if params.get("period"):
        return _period(params["period"])
    return _("indicator %(code)s") % {"code": params.get("code", "")}


def title(kind: str, params: dict) -> str:
    """One line: what happened, and to what."""
    facts = {
        "unit": params.get("unit", ""),
        "period": _period(params.get("period", "")),
        "code": params.get("code", ""),
        "year": params.get("year", ""),
        "target": params.get("target", ""),
        "release": _release(params),
        "codes": ", ".join(params.get("codes", [])),
        "deadline": _day(params.get("deadline", "")),
        "round": params.get("round", ""),
        "count": params.get("count", ""),
    }
    lines = {
        Kind.SUBMISSION_RETURNED: _("The %(period)s submission of %(unit)s was returned for correction"),
        Kind.SUBMISSION_REOPENED: _("The %(period)s submission of %(unit)s was reopened for correction"),
        Kind.SUBMISSION_ACCEPTED: _("The %(period)s submission of %(unit)s was accepted"),
        Kind.PROPOSAL_PENDING: _(
            "A target proposal for indicator %(code)s (%(year)s: %(target)s) awaits your decision"
        ),
        Kind.PROPOSAL_ACCEPTED: _("Your target proposal for indicator %(code)s (%(year)s: %(target)s) was accepted"),
        Kind.PROPOSAL_REJECTED: _(
            "Your target proposal for indicator %(code)s (%(year)s: %(target)s) was not accepted"
        ),
        Kind.RELEASE_PENDING: _("A release of figures (%(release)s) awaits your approval"),
        Kind.RELEASE_APPROVED: _("Your release of figures (%(release)s) was approved and published"),
        Kind.RELEASE_REJECTED: _("Your release of figures (%(release)s) was not approved"),
        Kind.RELEASE_WITHDRAWN: _("The release of figures you proposed (%(release)s) was withdrawn"),
        Kind.REMINDER: _("Vụ KTS và XHS reminds %(unit)s to send its %(period)s report (due %(deadline)s)"),
        Kind.ROUND_PENDING: ngettext(
            "The target round %(round)s: %(count)s indicator awaits your decision",
            "The target round %(round)s: %(count)s indicators await your decision",
            int(params.get("count") or 0),
        ),
        Kind.FIGURE_CORRECTED: _(
            "%(unit)s corrected figures of %(period)s after the quarter was consolidated: %(codes)s"
        ),
    }
    line = lines.get(Kind(kind)) if kind in Kind.values else None
    return (line or kind) % facts


def detail(kind: str, params: dict) -> str:
    """The reason or note that came with it, introduced, or ""."""
    text = (params.get("reason") or "").strip()
    if not text:
        return ""
    if kind in (Kind.SUBMISSION_RETURNED, Kind.SUBMISSION_REOPENED, Kind.RELEASE_WITHDRAWN):
        return _("Reason: %(text)s") % {"text": text}
    return _("Note: %(text)s") % {"text": text}


def mail_subject(kind: str, params: dict) -> str:
    return title(kind, params)


def mail_body(kind: str, params: dict, name: str) -> str:
    """The e-mail's text without the link (`strategy_tracker.mail.with_link` adds it)."""
    lines = [_("Dear %(name)s,") % {"name": name}, "", title(kind, params) + "."]
    if more := detail(kind, params):
        lines.append(more)
    return "\n".join(lines) + "\n"
