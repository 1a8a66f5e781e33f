from rest_framework.routers import SimpleRouter

from . import api

router = SimpleRouter()
router.register("issues", api.IssueViewSet, basename="issue")
router.register("issue-categories", api.IssueCategoryViewSet, basename="issuecategory")

urlpatterns = router.urls
