"""URL map (DESIGN §6)."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from wuji.accounts import views as accounts_views
from wuji.core import files as core_files
from wuji.core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("accounts/login/", accounts_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/", include("wuji.accounts.urls")),
    path("orgs/", include("wuji.orgs.urls")),
    path("people/", include("wuji.people.urls")),
    path("activities/", include("wuji.activities.urls")),
    path("governance/", include("wuji.governance.urls")),
    path("support/", include("wuji.support.urls")),
    path("public/", include("wuji.portal.urls")),
    path("standards/", include("wuji.standards.urls")),
    path("assessment/rectifications/", include("wuji.assessment.rectification_urls")),
    path("assessment/", include("wuji.assessment.urls")),
    path("campaigns/", include("wuji.campaigns.urls")),
    path("ledgers/", include("wuji.ledgers.urls")),
    path("reports/", include("wuji.reports.urls")),
    path("api/", include("wuji.api.urls")),
    path("audit/", include("wuji.audit.urls")),
    path("files/<int:pk>/", core_files.attachment_download, name="attachment"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]

handler403 = "wuji.core.views.permission_denied"
