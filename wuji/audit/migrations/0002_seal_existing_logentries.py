"""Seal the data-change rows written before the chain existed (in id order)."""

from typing import Any

from django.db import migrations


def seal_existing(apps: Any, schema_editor: Any) -> None:
    from wuji.audit.chain import CHAIN_KEY, GENESIS, LOGENTRY_FIELDS, canonical, link

    log_entry = apps.get_model("auditlog", "LogEntry")
    prev = GENESIS
    for entry in log_entry.objects.order_by("id").iterator(chunk_size=2000):
        current = entry.additional_data
        chain = current.get(CHAIN_KEY) if isinstance(current, dict) else None
        if isinstance(chain, dict) and chain.get("prev") == prev:
            prev = chain["hash"]
            continue
        if isinstance(current, dict):
            additional = {k: v for k, v in current.items() if k != CHAIN_KEY}
        else:
            additional = {} if current is None else {"value": current}
        entry.additional_data = additional
        digest = link(prev, canonical(entry, LOGENTRY_FIELDS))
        log_entry.objects.filter(pk=entry.pk).update(
            additional_data={**additional, CHAIN_KEY: {"prev": prev, "hash": digest}}
        )
        prev = digest


class Migration(migrations.Migration):
    dependencies = [
        ("wuji_audit", "0001_initial"),
        ("auditlog", "0017_add_actor_email"),
    ]

    operations = [migrations.RunPython(seal_existing, migrations.RunPython.noop)]
