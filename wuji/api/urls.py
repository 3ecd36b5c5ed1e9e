"""/api/: the REST API and its OpenAPI schema."""

from django.urls import URLPattern, path  # noqa: F401

app_name = "api"
urlpatterns: list[URLPattern] = []
