from django.urls import path

from wuji.activities import views

app_name = "activities"

# The simple records share four pages each: <key>_list, _create, _edit, _delete.
RECORD_PREFIXES = {
    "duty_post": "duty-posts",
    "pledge": "pledges",
    "prosperity": "prosperity",
    "review": "reviews",
    "honor": "honors",
}

urlpatterns = [
    path("", views.activity_list, name="list"),
    path("new/", views.activity_create, name="create"),
    path("new/attendance/", views.attendance_rows, name="attendance_rows"),
    path("ledger/", views.ledger, name="ledger"),
    path("types/", views.type_list, name="type_list"),
    path("types/new/", views.type_create, name="type_create"),
    path("types/<int:pk>/edit/", views.type_edit, name="type_edit"),
    path("<int:pk>/", views.activity_detail, name="detail"),
    path("<int:pk>/edit/", views.activity_edit, name="edit"),
    path("<int:pk>/delete/", views.activity_delete, name="delete"),
    path("pairings/", views.pairing_list, name="pairing_list"),
    path("pairings/new/", views.pairing_create, name="pairing_create"),
    path("pairings/<int:pk>/edit/", views.pairing_edit, name="pairing_edit"),
]
for key, prefix in RECORD_PREFIXES.items():
    urlpatterns += [
        path(f"{prefix}/", views.record_list, {"kind": key}, name=f"{key}_list"),
        path(f"{prefix}/new/", views.record_create, {"kind": key}, name=f"{key}_create"),
        path(f"{prefix}/<int:pk>/edit/", views.record_edit, {"kind": key}, name=f"{key}_edit"),
        path(f"{prefix}/<int:pk>/delete/", views.record_delete, {"kind": key}, name=f"{key}_delete"),
    ]
