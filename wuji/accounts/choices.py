from django.db import models


class Role(models.TextChoices):
    OFFICER = "officer", "组织委员"
    SECRETARY = "secretary", "支部书记"
    INSPECTOR = "inspector", "考评员"
    AUDITOR = "auditor", "审计员"
    SYSADMIN = "sysadmin", "系统管理员"
