"""整改 pages under /assessment/rectifications/."""

from django.urls import path

from wuji.assessment import rectification_views as views

app_name = "rectification"
urlpatterns = [
    path("", views.rectification_list, name="list"),
    path("<int:pk>/", views.rectification_detail, name="detail"),
    path("<int:pk>/edit/", views.rectification_edit, name="edit"),
    path("<int:pk>/submit/", views.rectification_submit, name="submit"),
    path("<int:pk>/verify/", views.rectification_verify, name="verify"),
    path("<int:pk>/return/", views.rectification_return, name="return"),
    path("draft/<int:assessment_pk>/", views.rectifications_draft, name="draft"),
    path("recheck/<int:assessment_pk>/", views.rectifications_recheck, name="recheck"),
    path("plan/<int:org_pk>/<int:assessment_pk>/", views.rectification_plan, name="plan"),
]
