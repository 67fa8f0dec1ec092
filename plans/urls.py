from django.urls import path

from plans import views

app_name = "plans"
urlpatterns = [
    path("tasks/", views.task_list, name="list"),
    path("tasks/mine/", views.my_tasks, name="mine"),
    path("tasks/<int:pk>/", views.task_detail, name="task"),
    path("tasks/<int:pk>/progress/", views.task_progress, name="progress"),
]
