from django.apps import AppConfig


class StandardsConfig(AppConfig):
    name = "wuji.standards"
    label = "standards"
    verbose_name = "考评标准"

    def ready(self) -> None:
        # Each domain app contributes its metrics to the registry on start-up.
        from wuji.standards.registry import autodiscover

        autodiscover()
