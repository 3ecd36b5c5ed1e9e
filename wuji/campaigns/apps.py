from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    name = "wuji.campaigns"
    label = "campaigns"
    verbose_name = "工作方案"
