from rest_framework.routers import SimpleRouter

from indicators.api import IndicatorViewSet

router = SimpleRouter()
router.register("indicators", IndicatorViewSet, basename="indicator")
urlpatterns = router.urls
