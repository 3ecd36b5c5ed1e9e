from django.db import migrations

from wuji.support.choices import DEFAULT_TEN_HAVES


def add_items(apps, schema_editor):
    ChecklistItem = apps.get_model("support", "ChecklistItem")
    for order, (code, name) in enumerate(DEFAULT_TEN_HAVES, start=1):
        ChecklistItem.objects.update_or_create(code=code, defaults={"name": name, "order": order})


class Migration(migrations.Migration):
    dependencies = [("support", "0001_initial")]
    operations = [migrations.RunPython(add_items, migrations.RunPython.noop)]
