from auditlog.registry import auditlog

from wuji.people.models import MembershipStage, Person, PoolEntry, Position, SourceTag, Training

# Encrypted values never enter the audit trail; a changed hash shows that they changed.
auditlog.register(
    Person,
    exclude_fields=["created_at", "updated_at", "version", "id_number", "phone", "name_pinyin", "name_initials"],
    m2m_fields={"sources"},
)
auditlog.register(MembershipStage, exclude_fields=["created_at", "updated_at"])
auditlog.register(Position, exclude_fields=["created_at", "updated_at", "version"])
auditlog.register(PoolEntry, exclude_fields=["created_at", "updated_at", "version"])
auditlog.register(Training, exclude_fields=["created_at", "updated_at", "version"])
auditlog.register(SourceTag)
