"""/campaigns/: the campaign's phases and tasks, baseline, construction plans, rewards, filing."""

from django.urls import path

from wuji.campaigns import views

app_name = "campaigns"
urlpatterns = [
    path("", views.campaign_list, name="list"),
    path("<slug:code>/", views.campaign_detail, name="detail"),
    path("<slug:code>/tasks/<int:pk>/", views.task_edit, name="task_edit"),
    path("<slug:code>/baseline/", views.baseline, name="baseline"),
    path("<slug:code>/plans/", views.plan_list, name="plans"),
    path("<slug:code>/plans/draft/", views.plans_draft, name="plans_draft"),
    path("<slug:code>/plans/<int:org_pk>/", views.plan_detail, name="plan"),
    path("<slug:code>/plans/<int:org_pk>/lines/<int:pk>/", views.line_edit, name="line_edit"),
    path("<slug:code>/rewards/", views.rewards, name="rewards"),
    path("<slug:code>/rewards/<int:pk>/delete/", views.reward_delete, name="reward_delete"),
    path("<slug:code>/rectification/", views.rectification, name="rectification"),
    path("<slug:code>/filing/", views.filing, name="filing"),
]
