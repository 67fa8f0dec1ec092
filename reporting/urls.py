from django.urls import path, register_converter

from reporting import views, views_excel
from reporting.calendar import ReportingPeriod, parse_period_code


class PeriodConverter:
    """'2026Q4' in a URL ↔ ReportingPeriod; a quarter outside the calendar does not match (404)."""

    regex = r"[0-9]{4}Q[1-4]"

    def to_python(self, value: str) -> ReportingPeriod:
        return parse_period_code(value)  # PeriodError is a ValueError: Django answers 404

    def to_url(self, value: ReportingPeriod | str) -> str:
        return value.code if isinstance(value, ReportingPeriod) else value


register_converter(PeriodConverter, "period")

app_name = "reporting"
urlpatterns = [
    path("submissions/", views.overview, name="overview"),
    path("submissions/<slug:unit_slug>/", views.unit_page, name="unit"),
    path("submissions/<slug:unit_slug>/<period:period>/", views.submission_page, name="submission"),
    path("submissions/<slug:unit_slug>/<period:period>/return/", views.submission_return, name="return"),
    path("submissions/<slug:unit_slug>/<period:period>/accept/", views.submission_accept, name="accept"),
    path("submissions/<slug:unit_slug>/<period:period>/reopen/", views.submission_reopen, name="reopen"),
    path("submissions/<slug:unit_slug>/<period:period>/remind/", views.remind, name="remind"),
]

# The Excel round trip: download the unit's form, upload it back, confirm the changes.
urlpatterns += [
    path("submissions/<slug:unit_slug>/<period:period>/form.xlsx", views_excel.form_download, name="excel_download"),
    path("submissions/<slug:unit_slug>/<period:period>/import/", views_excel.form_upload, name="excel_upload"),
    path(
        "submissions/<slug:unit_slug>/<period:period>/import/confirm/",
        views_excel.form_import_confirm,
        name="excel_confirm",
    ),
]
