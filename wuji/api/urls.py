"""/api/: the REST API, its OpenAPI schema (/api/schema/) and offline docs (/api/docs/, /api/redoc/)."""

from django.urls import URLPattern, URLResolver, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from wuji.api import views

app_name = "api"


class Router(DefaultRouter):
    include_format_suffixes = False


router = Router()
router.register("orgs", views.OrganizationViewSet, basename="org")
router.register("people", views.PersonViewSet, basename="person")
router.register("positions", views.PositionViewSet, basename="position")
router.register("pools", views.PoolEntryViewSet, basename="pool")
router.register("trainings", views.TrainingViewSet, basename="training")
router.register("activities", views.ActivityViewSet, basename="activity")
router.register("matters", views.MatterViewSet, basename="matter")
router.register("facilities", views.FacilityViewSet, basename="facility")
router.register("income", views.IncomeViewSet, basename="income")
router.register("assessments", views.AssessmentViewSet, basename="assessment")
router.register("rectifications", views.RectificationViewSet, basename="rectification")

urlpatterns: list[URLPattern | URLResolver] = [
    path("token/", views.TokenView.as_view(), name="token"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),  # no inline script (CSP)
    path(
        "redoc/",
        SpectacularRedocView.as_view(url_name="api:schema", template_name="api/redoc.html"),
        name="redoc",
    ),
    *router.urls,
]
