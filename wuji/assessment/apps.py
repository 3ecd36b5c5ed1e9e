from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "wuji.assessment"
    label = "assessment"
    verbose_name = "考评"

    def ready(self) -> None:
        from wuji.assessment import audit  # noqa: F401  (registers models with the audit trail)
