from django.db import migrations

from wuji.activities.choices import DEFAULT_TYPES


def add_types(apps, schema_editor):
    ActivityType = apps.get_model("activities", "ActivityType")
    for order, (code, name, parent) in enumerate(DEFAULT_TYPES, start=1):
        ActivityType.objects.update_or_create(
            code=code,
            defaults={"name": name, "order": order, "parent": ActivityType.objects.get(code=parent) if parent else None},
        )


class Migration(migrations.Migration):
    dependencies = [("activities", "0001_initial")]
    operations = [migrations.RunPython(add_types, migrations.RunPython.noop)]
