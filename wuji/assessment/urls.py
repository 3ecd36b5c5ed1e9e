from django.urls import path

from wuji.assessment import views

app_name = "assessment"
urlpatterns = [
    path("", views.index, name="index"),
    path("self/", views.self_assessment, name="self"),
    path("campaigns/<int:pk>/ranking/", views.ranking, name="ranking"),
    path("campaigns/<int:pk>/orgs/<int:org_pk>/", views.scorecard, name="scorecard"),
    path("campaigns/<int:pk>/new/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/manual/", views.manual, name="manual"),
    path("<int:pk>/publish/", views.publish, name="publish"),
]
