from django.urls import path

from wuji.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.entry_list, name="list"),
    path("events/", views.event_list, name="events"),
]
