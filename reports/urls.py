from django.urls import path

import reporting.urls  # noqa: F401 (registers the "period" converter: 2026Q4 ↔ ReportingPeriod)
from reports import views

app_name = "reports"
urlpatterns = [
    path("reports/", views.index, name="index"),
    path("reports/<period:period>/", views.table_page, name="table"),
    # A year: its table with the four quarters, its completeness, links to its quarters, its files.
    path("reports/<int:year>/", views.year_page, name="year"),
    path("reports/<int:year>/table.xlsx", views.year_xlsx, name="year_xlsx"),
    path("reports/<int:year>/table.csv", views.year_csv, name="year_csv"),
    path("reports/<int:year>/table.schema.json", views.year_schema, name="year_schema"),
    path("reports/<period:period>/consolidate/", views.consolidate, name="consolidate"),
    path("reports/<period:period>/report/", views.report_page, name="report"),
    path("reports/<period:period>/table.xlsx", views.table_xlsx, name="xlsx"),
    path("reports/<period:period>/table.csv", views.table_csv, name="csv"),
    path("reports/<period:period>/table.schema.json", views.table_schema, name="schema"),
    path("reports/<period:period>/report.docx", views.report_docx, name="docx"),
    # A version as it was sent: the same pages and files, from the frozen copy.
    path("reports/<period:period>/v<int:version>/report/", views.report_page, name="version_report"),
    path("reports/<period:period>/v<int:version>/table.xlsx", views.table_xlsx, name="version_xlsx"),
    path("reports/<period:period>/v<int:version>/table.csv", views.table_csv, name="version_csv"),
    path("reports/<period:period>/v<int:version>/table.schema.json", views.table_schema, name="version_schema"),
    path("reports/<period:period>/v<int:version>/report.docx", views.report_docx, name="version_docx"),
]
