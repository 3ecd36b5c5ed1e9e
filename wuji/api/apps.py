from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "wuji.api"
    verbose_name = "接口"
