from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    OFFICER = "officer", _("组织委员")
    SECRETARY = "secretary", _("支部书记")
    INSPECTOR = "inspector", _("考评员")
    AUDITOR = "auditor", _("审计员")
    SYSADMIN = "sysadmin", _("系统管理员")
