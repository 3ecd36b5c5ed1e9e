"""/reports/: dashboards and documents; each half keeps its own URL module."""

from django.urls import include, path

app_name = "reports"
urlpatterns = [
    path("", include("wuji.reports.dashboard_urls")),
    path("documents/", include("wuji.reports.document_urls")),
]
