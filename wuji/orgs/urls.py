from django.urls import path

from wuji.orgs import views

app_name = "orgs"
urlpatterns = [
    path("", views.org_tree, name="tree"),
    path("new/", views.org_create, name="create"),
    path("warnings/", views.weak_warnings, name="weak_warnings"),
    path("<int:pk>/", views.org_detail, name="detail"),
    path("<int:pk>/edit/", views.org_edit, name="edit"),
    path("<int:pk>/move/", views.org_move, name="move"),
    path("<int:pk>/dissolve/", views.org_dissolve, name="dissolve"),
    path("<int:pk>/units/new/", views.unit_create, name="unit_create"),
    path("<int:pk>/weak/new/", views.weak_flag_create, name="weak_flag_create"),
    path("units/<int:pk>/edit/", views.unit_edit, name="unit_edit"),
    path("units/<int:pk>/mass-orgs/new/", views.mass_org_create, name="mass_org_create"),
    path("mass-orgs/<int:pk>/edit/", views.mass_org_edit, name="mass_org_edit"),
    path("weak/<int:pk>/edit/", views.weak_flag_edit, name="weak_flag_edit"),
]
