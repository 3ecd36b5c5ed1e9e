"""/reports/ dashboards: the user's own overview, and a township's, a county's or a branch's."""

from django.urls import URLPattern, path

from wuji.reports import dashboard_views as views

urlpatterns: list[URLPattern] = [
    path("", views.index, name="index"),
    path("township/<int:pk>/", views.township, name="township"),
    path("county/<int:pk>/", views.county, name="county"),
    path("branch/<int:pk>/", views.branch, name="branch"),
]
