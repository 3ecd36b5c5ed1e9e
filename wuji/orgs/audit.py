from auditlog.registry import auditlog

from wuji.orgs.models import MassOrganization, Organization, Unit, WeakFlag

auditlog.register(Organization, exclude_fields=["created_at", "updated_at", "version", "numchild"])
auditlog.register(Unit, exclude_fields=["created_at", "updated_at", "version"])
auditlog.register(MassOrganization, exclude_fields=["created_at", "updated_at", "version"])
auditlog.register(WeakFlag, exclude_fields=["created_at", "updated_at", "version"])
