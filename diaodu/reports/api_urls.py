from rest_framework.routers import SimpleRouter

from . import api

router = SimpleRouter()
router.register("bulletins", api.BulletinViewSet, basename="api-bulletin")

urlpatterns = router.urls
