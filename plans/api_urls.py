from rest_framework.routers import SimpleRouter

from plans.api import TaskViewSet

router = SimpleRouter()
router.register("tasks", TaskViewSet, basename="task")
urlpatterns = router.urls
