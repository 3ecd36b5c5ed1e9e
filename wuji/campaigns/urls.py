"""/campaigns/: the campaign's phases and tasks, baseline, construction plans, rewards, filing."""

from django.urls import URLPattern, path  # noqa: F401

app_name = "campaigns"
urlpatterns: list[URLPattern] = []
