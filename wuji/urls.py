"""URL map (DESIGN §6)."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from wuji.core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("orgs/", include("wuji.orgs.urls")),
    path("people/", include("wuji.people.urls")),
    path("audit/", include("wuji.audit.urls")),
    path("admin/", admin.site.urls),
]

handler403 = "wuji.core.views.permission_denied"
