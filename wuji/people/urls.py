from django.urls import path

from wuji.people import views

app_name = "people"
urlpatterns = [
    path("", views.person_list, name="list"),
    path("new/", views.person_create, name="create"),
    path("<int:pk>/", views.person_detail, name="detail"),
    path("<int:pk>/edit/", views.person_edit, name="edit"),
    path("<int:pk>/stages/new/", views.stage_create, name="stage_create"),
    path("<int:pk>/stages/extend/", views.stage_extend, name="stage_extend"),
    path("<int:pk>/stages/undo/", views.stage_undo, name="stage_undo"),
    path("<int:pk>/positions/new/", views.position_create, name="position_create"),
    path("<int:pk>/pools/new/", views.pool_create, name="pool_create"),
    path("<int:pk>/trainings/new/", views.training_create, name="training_create"),
    path("positions/<int:pk>/end/", views.position_end, name="position_end"),
    path("pools/<int:pk>/exit/", views.pool_exit, name="pool_exit"),
    path("trainings/<int:pk>/delete/", views.training_delete, name="training_delete"),
]
