"""/ledgers/: templates, imports (preview, error report, background jobs) and exports."""

from django.urls import path

from wuji.ledgers import views

app_name = "ledgers"
urlpatterns = [
    path("", views.index, name="index"),
    path("templates/<slug:name>.xlsx", views.template_download, name="template"),
    path("import/", views.upload, name="upload"),
    path("jobs/<int:pk>/", views.job_detail, name="job"),
    path("jobs/<int:pk>/progress/", views.job_progress, name="job_progress"),
    path("jobs/<int:pk>/confirm/", views.job_confirm, name="job_confirm"),
    path("jobs/<int:pk>/workbook.xlsx", views.job_file, name="job_file"),
    path("jobs/<int:pk>/errors.xlsx", views.job_errors, name="job_errors"),
    path("export/<slug:key>.xlsx", views.export, name="export"),
    path("workbook.xlsx", views.workbook, name="workbook"),
]
