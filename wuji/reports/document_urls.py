"""/reports/documents/: the .docx documents (names in the "reports" namespace)."""

from django.urls import URLPattern, path

from wuji.reports import document_views as views

urlpatterns: list[URLPattern] = [
    path("", views.index, name="documents"),
    path("summary/<slug:code>.docx", views.summary_docx, name="summary_docx"),
    path("plan/<slug:code>.docx", views.implementation_plan_docx, name="implementation_plan_docx"),
    path("ranking/<int:pk>.docx", views.ranking_docx, name="ranking_docx"),
    path("notice/<int:pk>/<int:org_pk>.docx", views.rectification_notice_docx, name="rectification_notice_docx"),
]
