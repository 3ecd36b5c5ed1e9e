from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    OFFICER = "officer", _("组织委员")
    SECRETARY = "secretary", _("支部书记")
    INSPECTOR = "inspector", _("考评员")
    AUDITOR = "auditor", _("审计员")
    SYSADMIN = "sysadmin", _("系统管理员")
    # 三权分立: unlocks accounts and sees the login security settings; no member data, no audit trail.
    SECADMIN = "secadmin", _("安全管理员")
