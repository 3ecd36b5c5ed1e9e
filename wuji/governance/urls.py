from django.urls import path
from django.views.generic import RedirectView

from wuji.governance import views

app_name = "governance"
urlpatterns = [
    # /governance/ itself opens the first section (unnamed: the rules page is the one that is checked).
    path("", RedirectView.as_view(pattern_name="governance:rule_list")),
    path("rules/", views.rule_list, name="rule_list"),
    path("rules/new/", views.rule_adopt, name="rule_adopt"),
    path("rules/<int:pk>/", views.rule_detail, name="rule_detail"),
    path("matters/", views.matter_list, name="matter_list"),
    path("matters/new/", views.matter_create, name="matter_create"),
    path("matters/<int:pk>/", views.matter_detail, name="matter_detail"),
    path("matters/<int:pk>/step/", views.matter_step, name="matter_step"),
    path("matters/<int:pk>/disclose/", views.matter_disclose, name="matter_disclose"),
    path("matters/<int:pk>/abandon/", views.matter_abandon, name="matter_abandon"),
    path("disclosures/", views.disclosure_list, name="disclosure_list"),
    path("disclosures/new/", views.disclosure_create, name="disclosure_create"),
    path("disclosures/<int:pk>/", views.disclosure_detail, name="disclosure_detail"),
    path("disclosures/<int:pk>/edit/", views.disclosure_edit, name="disclosure_edit"),
    path("disclosures/<int:pk>/publish/", views.disclosure_publish, name="disclosure_publish"),
    path("disclosures/<int:pk>/delete/", views.disclosure_delete, name="disclosure_delete"),
    path("performance/", views.performance_list, name="performance_list"),
    path("performance/new/", views.performance_create, name="performance_create"),
    path("performance/<int:pk>/edit/", views.performance_edit, name="performance_edit"),
    path("performance/<int:pk>/delete/", views.performance_delete, name="performance_delete"),
    path("archives/", views.archive_list, name="archive_list"),
    path("archives/new/", views.archive_create, name="archive_create"),
    path("archives/<int:pk>/edit/", views.archive_edit, name="archive_edit"),
    path("archives/<int:pk>/delete/", views.archive_delete, name="archive_delete"),
    path("assets/", views.asset_list, name="asset_list"),
    path("assets/new/", views.asset_create, name="asset_create"),
    path("assets/<int:pk>/edit/", views.asset_edit, name="asset_edit"),
    path("assets/<int:pk>/delete/", views.asset_delete, name="asset_delete"),
    path("finance/", views.finance_list, name="finance_list"),
    path("finance/new/", views.finance_create, name="finance_create"),
    path("finance/<int:pk>/edit/", views.finance_edit, name="finance_edit"),
    path("finance/<int:pk>/delete/", views.finance_delete, name="finance_delete"),
]
