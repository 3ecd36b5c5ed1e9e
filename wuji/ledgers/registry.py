"""The ledger framework: how a ledger (台账) is declared, found, imported, exported and templated.

A ledger is a class with its columns and three hooks; the framework does the rest (finding the
header below a title row, skipping 序号 and blank rows, normalising full-width text, reading
dates in every common form, all-or-nothing import with a "第 N 行 列: 原因" report, dry runs,
exports with masking and formula neutralisation, templates with a help sheet and drop-downs).

Define a ledger in its own module under ``wuji/ledgers/books/`` (every module there is imported
when the registry is first used, so adding a file is enough; no shared file to edit)::

    from wuji.ledgers.registry import Column, ImportContext, Ledger, Outcome, Row, register

    @register
    class IncomeLedger(Ledger):
        name = "income"                       # python -m wuji import income f.xlsx
        title = "村级集体经济收入台账"          # sheet title and page label
        columns = (
            Column("所在党组织", "org", required=True, kind="org"),
            Column("年度", "year", required=True, kind="int", min_value=2000, max_value=2100),
            Column("集体经济收入（元）", "amount", required=True, kind="decimal", min_value=0),
            Column("其中经营性收入（元）", "operating", kind="decimal", min_value=0),
        )
        # service ValidationError field name -> column key, when they differ
        error_columns = {"total": "amount"}

        def key(self, row: Row) -> object:
            # natural key of a row: two rows with the same key in one file are refused
            return (row["org"].pk, row["year"])

        def prepare(self, ctx: ImportContext, rows: list[Row]) -> None:
            # optional: bulk lookups for a chunk (<= CHUNK_SIZE rows); keep results in ctx.cache
            ...

        def import_row(self, ctx: ImportContext, row: Row) -> Outcome:
            # look up the existing record by the natural key; if every value is equal return
            # Outcome.UNCHANGED WITHOUT calling a service (re-import must leave no audit rows);
            # otherwise call the SAME service the pages use (user=ctx.user) and return
            # Outcome.CREATED or Outcome.UPDATED. Raise ValidationError / PermissionDenied /
            # RowError as the services do; the framework maps them to row + column.
            ...

        def export_queryset(self, user: Any) -> QuerySet[Any]:
            # what `export` writes when no queryset is given: the scoped selector
            ...

        def export_row(self, obj: Any, ctx: ExportContext) -> list[object]:
            # one value per column, in column order; dates as date, numbers as numbers;
            # use ctx.id_number(...) / ctx.phone(...) so personal data is masked when it must be
            ...

Column kinds (``Column.kind``) and what the reader gives ``row[key]``:

=========== ==========================================================================
``text``    str, trimmed (full-width （） kept), export's neutralising ``'`` removed ("" if blank)
``int``     int (accepts 12, "１２", 12.0); ``min_value``/``max_value`` checked
``decimal`` decimal.Decimal (accepts "1,234.5", "１２３４"); bounds checked
``date``    datetime.date from 2010-04-15, 2010/4/15, 2010.4.15, 2010年4月15日, 20100415,
            Excel date cells; "2010.04"/"2010年4月" give the 1st of the month
``choice``  the stored value of ``choices`` (a sequence of (value, label) pairs); the label,
            the value or any ``synonyms`` entry is accepted; the template offers a drop-down
``org``     wuji.orgs.models.Organization, found by 组织代码 or full 组织名称 (only orgs in the
            importing user's scope are found; another org's name is "not in your scope")
``id``      a checked 18-character 公民身份号码 str (numbers, lowercase x, full width accepted)
``phone``   11 digits starting with 1 (str)
``bool``    True for 是/√/Y/1, False for 否/×/N/0/blank
=========== ==========================================================================

A blank optional cell gives ``None`` (``""`` for text/phone). A required blank cell, or an
unreadable value, is reported without calling ``import_row``.

Entry points (stable): ``get(name)``, ``all_ledgers()``,
``wuji.ledgers.importer.import_workbook(ledger, file, user=..., dry_run=...) -> ImportResult``,
``wuji.ledgers.importer.error_workbook(file, result) -> bytes``,
``wuji.ledgers.exporter.export_workbook(ledger, user=..., queryset=None) -> bytes``,
``wuji.ledgers.templates_xlsx.template_workbook(ledger, user=None) -> bytes``.

Exported text cells that begin with ``=``, ``+``, ``-``, ``@``, a tab or a CR are written with a
leading apostrophe (``'``) so Excel/WPS treat them as text, never as a formula; the reader strips
exactly that apostrophe again, so an export imports back unchanged.
"""

from __future__ import annotations

import enum
import importlib
import pkgutil
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from django.core.exceptions import ImproperlyConfigured

if TYPE_CHECKING:
    import datetime as dt

    from django.db.models import QuerySet

    from wuji.orgs.models import Organization

CHUNK_SIZE = 1000


class Outcome(enum.Enum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"

    @property
    def label(self) -> str:
        return {"created": "新增", "updated": "更新", "unchanged": "不变"}[self.value]


class RowError(Exception):
    """A problem with one row; `column` is a column key (or "" for the whole row)."""

    def __init__(self, message: str, column: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.column = column


@dataclass(frozen=True)
class Column:
    """One column of a ledger: its header as people write it and how its cells are read."""

    header: str
    key: str
    required: bool = False
    kind: str = "text"
    choices: Sequence[tuple[str, Any]] = ()  # (stored value, label); labels may be lazy translations
    synonyms: Mapping[str, str] = field(default_factory=dict)
    aliases: tuple[str, ...] = ()
    help: str = ""
    min_value: Any = None
    max_value: Any = None
    max_length: int | None = None
    width: int = 14

    def labels(self) -> list[str]:
        return [str(label) for _value, label in self.choices]


class Row:
    """One data row of a workbook: `number` is the row number Excel shows."""

    __slots__ = ("number", "values", "note")

    def __init__(self, number: int, values: dict[str, Any]) -> None:
        self.number = number
        self.values = values
        self.note = ""  # a short description for the dry-run listing

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)


@dataclass
class ImportContext:
    """What an import row sees: who imports, the day, and per-import caches."""

    user: Any
    today: dt.date
    dry_run: bool = False
    cache: dict[str, Any] = field(default_factory=dict)
    orgs_by_code: dict[str, Organization] = field(default_factory=dict)
    orgs_by_name: dict[str, list[Organization]] = field(default_factory=dict)


@dataclass
class ExportContext:
    """What an export row sees: whether the user may see personal data in full."""

    user: Any
    full_personal_data: bool
    cache: dict[str, Any] = field(default_factory=dict)

    def id_number(self, number: str | None) -> str:
        from wuji.core.masking import mask_id_number

        return (number or "") if self.full_personal_data else mask_id_number(number)

    def phone(self, phone: str | None) -> str:
        from wuji.core.masking import mask_phone

        return (phone or "") if self.full_personal_data else mask_phone(phone)


class Ledger:
    """Base class of a ledger; see the module docstring."""

    name: ClassVar[str] = ""
    title: ClassVar[str] = ""
    columns: ClassVar[tuple[Column, ...]] = ()
    error_columns: ClassVar[dict[str, str]] = {}
    #: who may import (besides scope checks in the services): roles that write
    import_roles: ClassVar[frozenset[str]] = frozenset({"officer", "secretary"})

    def column(self, key: str) -> Column:
        for col in self.columns:
            if col.key == key:
                return col
        raise KeyError(key)

    def headers(self) -> list[str]:
        return [c.header for c in self.columns]

    def key(self, row: Row) -> object:
        """The natural key of a row (duplicates in one file are refused); None = no check."""
        return None

    def prepare(self, ctx: ImportContext, rows: list[Row]) -> None:
        """Bulk lookups for a chunk of rows before `import_row` runs on each of them."""

    def import_row(self, ctx: ImportContext, row: Row) -> Outcome:
        raise NotImplementedError

    def export_queryset(self, user: Any) -> QuerySet[Any]:
        raise NotImplementedError

    def export_row(self, obj: Any, ctx: ExportContext) -> list[object]:
        raise NotImplementedError


_LEDGERS: dict[str, Ledger] = {}
_discovered = False


def register(cls: type[Ledger]) -> type[Ledger]:
    """Class decorator: make a ledger known by its `name`."""
    if not cls.name or not cls.columns:
        raise ImproperlyConfigured(f"{cls.__name__} needs a name and columns")
    keys = [c.key for c in cls.columns]
    if len(set(keys)) != len(keys):
        raise ImproperlyConfigured(f"{cls.__name__}: duplicate column keys")
    _LEDGERS[cls.name] = cls()
    return cls


def _discover() -> None:
    global _discovered
    if _discovered:
        return
    _discovered = True
    from wuji.ledgers import books

    for info in pkgutil.iter_modules(books.__path__):
        importlib.import_module(f"{books.__name__}.{info.name}")


def get(name: str) -> Ledger:
    """The ledger called `name`; KeyError with the known names otherwise."""
    _discover()
    try:
        return _LEDGERS[name]
    except KeyError:
        raise KeyError(f"没有名为“{name}”的台账；可用：{'、'.join(sorted(_LEDGERS))}") from None


def all_ledgers() -> list[Ledger]:
    _discover()
    return [_LEDGERS[k] for k in sorted(_LEDGERS)]
