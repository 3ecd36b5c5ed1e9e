"""/accounts/: the second factor, password change and the security administrator's page."""

from django.urls import path

from wuji.accounts import views

app_name = "accounts"
urlpatterns = [
    path("password/", views.password_change, name="password_change"),
    path("otp/verify/", views.otp_verify, name="otp_verify"),
    path("otp/enrol/", views.otp_enrol, name="otp_enrol"),
    path("security/", views.security_overview, name="security"),
    path("security/unlock/", views.account_unlock, name="unlock"),
    path("security/otp-reset/", views.otp_reset, name="otp_reset"),
]
