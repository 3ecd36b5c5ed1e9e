"""基本活动 pages: thin; selectors read, services write."""

from wuji.activities.views.activities import (
    activity_create,
    activity_delete,
    activity_detail,
    activity_edit,
    activity_list,
    attendance_rows,
    ledger,
)
from wuji.activities.views.records import (
    KINDS,
    pairing_create,
    pairing_edit,
    pairing_list,
    record_create,
    record_delete,
    record_edit,
    record_list,
)
from wuji.activities.views.types import type_create, type_edit, type_list

__all__ = [
    "type_create",
    "type_edit",
    "type_list",
    "KINDS",
    "activity_create",
    "activity_delete",
    "activity_detail",
    "activity_edit",
    "activity_list",
    "attendance_rows",
    "ledger",
    "pairing_create",
    "pairing_edit",
    "pairing_list",
    "record_create",
    "record_delete",
    "record_edit",
    "record_list",
]
