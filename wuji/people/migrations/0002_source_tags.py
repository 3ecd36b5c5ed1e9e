from django.db import migrations

TAGS = [
    ("veteran", "退伍军人"),
    ("returnee_entrepreneur", "返乡创业人员"),
    ("college_village_official", "大学生村官"),
    ("retired_cadre", "退居二线干部"),
    ("private_enterprise_manager", "民营企业经营管理人员"),
    ("rural_youth_entrepreneur", "农村青年致富能手"),
    ("migrant_worker", "外出务工经商人员"),
]


def add_tags(apps, schema_editor):
    SourceTag = apps.get_model("people", "SourceTag")
    for order, (code, name) in enumerate(TAGS, start=1):
        SourceTag.objects.update_or_create(code=code, defaults={"name": name, "order": order})


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]
    operations = [migrations.RunPython(add_tags, migrations.RunPython.noop)]
