"""保密性: no column of any table holds an ID number or a phone in plain text (SQLite and PostgreSQL).

The scan reads every text-like column of every table with raw SQL after registering people,
changing a phone and logging the changes (the audit trail must not keep them in clear either).
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection

from tests.factories import Township, make_full_member
from wuji.people import services as people_services

pytestmark = pytest.mark.django_db

PHONES = ["13812345678", "15900001111"]


def raw_text() -> str:
    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            columns = [c.name for c in connection.introspection.get_table_description(cursor, table)]
            quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
            cursor.execute(f"SELECT {quoted} FROM {connection.ops.quote_name(table)}")  # noqa: S608
            for row in cursor.fetchall():
                chunks.extend(str(v) for v in row if isinstance(v, str | bytes | memoryview | dict | list))
    return "\n".join(chunks)


def test_no_plaintext_id_number_or_phone_in_any_column(township: Township, officer: Any) -> None:
    first = make_full_member(org=township.village_a, name="甲", phone=PHONES[0])
    second = make_full_member(org=township.village_b, name="乙")
    people_services.person_update(user=officer, person=second, phone=PHONES[1], version=second.version)
    text = raw_text()
    assert first.name in text  # the scan does read the people table
    for person in (first, second):
        assert person.id_number not in text
        assert person.id_number[:6] + person.id_number[6:14] not in text  # not even without its last digits
    for phone in PHONES:
        assert phone not in text
