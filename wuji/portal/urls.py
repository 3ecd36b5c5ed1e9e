from django.urls import path

from wuji.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.index, name="index"),
    path("photo/<int:pk>/", views.photo, name="photo"),
    path("<str:code>/", views.org, name="org"),
]
