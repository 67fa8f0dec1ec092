from django.urls import path

from targets import views, views_figures

app_name = "targets"
urlpatterns = [
    path("targets/next-period/", views.next_period, name="next_period"),
    path("targets/figures/", views_figures.figures_page, name="figures"),
    path("targets/figures/template.xlsx", views_figures.figures_template, name="figures_template"),
    path("targets/figures/upload/", views_figures.figures_upload, name="figures_upload"),
    path("targets/figures/confirm/", views_figures.figures_confirm, name="figures_confirm"),
    path("targets/rounds/<int:pk>/", views.round_detail, name="round"),
    path("targets/rounds/<int:pk>/round.xlsx", views.round_xlsx, name="round_xlsx"),
    path("targets/rounds/<int:pk>/round.docx", views.round_docx, name="round_docx"),
    path("targets/rounds/<int:pk>/decide/", views.round_decide, name="round_decide"),
    path("targets/rounds/<int:pk>/items/<int:item_pk>/revise/", views.round_item_revise, name="round_item_revise"),
]
