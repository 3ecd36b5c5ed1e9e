"""/ledgers/: templates, imports (preview, error report, background jobs) and exports."""

from django.urls import URLPattern, path  # noqa: F401

app_name = "ledgers"
urlpatterns: list[URLPattern] = []
