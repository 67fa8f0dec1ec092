from django.urls import path

from publication import public_views, views

app_name = "publication"
urlpatterns = [
    path("public/", public_views.index, name="public_index"),
    path("public/releases/", public_views.calendar, name="public_calendar"),
    path("public/data.csv", public_views.data_csv, name="data_csv"),
    path("public/data.xlsx", public_views.data_xlsx, name="data_xlsx"),
    path("public/datapackage.json", public_views.datapackage, name="datapackage"),
    path("public/data.json", public_views.data_json, name="data_json"),
    path("public/data/<str:period>.csv", public_views.period_csv, name="period_csv"),
    path("public/data/<str:period>.xlsx", public_views.period_xlsx, name="period_xlsx"),
    path("public/indicators/<code:code>/", public_views.indicator, name="public_indicator"),
    path("public/indicators/<code:code>/data.csv", public_views.indicator_csv, name="indicator_csv"),
    path("public/indicators/<code:code>/data.xlsx", public_views.indicator_xlsx, name="indicator_xlsx"),
    path("public/indicators/<code:code>/metadata.json", public_views.indicator_metadata, name="indicator_metadata"),
    path("public/plotly-<str:version>.min.js", public_views.plotly_js, name="plotly_js"),
    path("public/language/<str:code>/", public_views.language, name="language"),
    path("releases/", views.release_list, name="releases"),
    path("releases/new/", views.release_new, name="release_new"),
    path("releases/<int:pk>/", views.release_detail, name="release"),
    path("releases/<int:pk>/approve/", views.release_approve_view, name="release_approve"),
    path("releases/<int:pk>/reject/", views.release_reject_view, name="release_reject"),
    path("releases/<int:pk>/withdraw/", views.release_withdraw_view, name="release_withdraw"),
]
