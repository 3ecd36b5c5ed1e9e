"""`python -m wuji translate_hant` (`make messages`): the 繁體 catalogue, made from the Simplified msgids.

The Simplified Chinese text is the msgid everywhere, so zh-hans needs no
catalogue. This command keeps locale/zh_Hant/LC_MESSAGES/django.po and its
compiled django.mo up to date:

1. `makemessages -l zh_Hant --no-obsolete` collects every marked string
   (needs GNU gettext: xgettext, msgmerge, msgfmt);
2. each entry whose msgstr is empty or fuzzy gets OpenCC's conversion of its
   msgid; a msgstr that is filled and not fuzzy (for instance one corrected by
   hand) is left alone;
3. `compilemessages -l zh_Hant` writes the .mo.

Both files are committed: the running app reads only the .mo, so a machine
without gettext serves 繁體 all the same.

OpenCC's "s2tw" (Taiwan standard characters, no phrase substitution) is the
default: "s2twp" also swaps whole phrases by Taiwan IT usage, which turns
发展对象 into 發展物件 and 各项目标 into 各專案標. `--config s2twp` (or s2t,
s2hk) is there for whoever wants another flavour; entries already filled keep
their text, so after changing it empty the msgstrs you want redone.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

LOCALE = "zh_Hant"
DEFAULT_CONFIG = "s2tw"
# Folders makemessages must not read: tests, vendored assets, runtime data, the catalogue itself.
IGNORE = ["tests/*", "static/*", "var/*", "locale/*", "node_modules/*"]
HEADER_COMMENT = [
    "# 五基 Wuji: Traditional Chinese (zh_Hant) catalogue.",
    "# The msgids are the Simplified Chinese UI; the msgstrs are made from them by OpenCC",
    "# (`python -m wuji translate_hant`, i.e. `make messages`). A msgstr corrected by hand is kept.",
    "#",
]
# What must come through a conversion unchanged: %(name)s, %s, %% and {name}.
PLACEHOLDER = re.compile(r"%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[a-zA-Z%]|\{[^{}]*\}")


def catalogue_path() -> Path:
    return Path(settings.LOCALE_PATHS[0]) / LOCALE / "LC_MESSAGES" / "django.po"


# ---- a small reader and writer for the PO files msgmerge writes ----

_UNESCAPE = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}
_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(".*")\s*$')


def unquote(literal: str) -> str:
    """The text of one PO string literal ("…" with C escapes)."""
    body = literal.strip()
    if len(body) < 2 or body[0] != '"' or body[-1] != '"':
        raise ValueError(f"not a PO string: {literal!r}")
    return re.sub(r"\\(.)", lambda m: _UNESCAPE.get(m.group(1), m.group(1)), body[1:-1])


def quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\r", "\\r")
    return '"' + escaped.replace("\n", "\\n") + '"'


def po_lines(keyword: str, text: str) -> list[str]:
    """`keyword "text"`, or msgmerge's multi-line form when the text has line breaks inside."""
    parts = text.split("\n")
    if len(parts) <= 2 and (len(parts) == 1 or parts[1] == ""):
        return [f"{keyword} {quote(text)}"]
    pieces = [p + "\n" for p in parts[:-1]] + ([parts[-1]] if parts[-1] else [])
    return [f'{keyword} ""', *(quote(p) for p in pieces)]


@dataclass
class Entry:
    """One entry of a PO file: its comment lines and its fields, in the file's order."""

    comments: list[str] = field(default_factory=list)
    fields: list[tuple[str, str]] = field(default_factory=list)
    body: list[str] = field(default_factory=list)  # the keyword lines as read, written back unless changed
    changed: bool = False

    def get(self, keyword: str) -> str | None:
        return next((text for key, text in self.fields if key == keyword), None)

    @property
    def msgid(self) -> str:
        return self.get("msgid") or ""

    @property
    def msgstrs(self) -> list[tuple[str, str]]:
        return [(key, text) for key, text in self.fields if key.startswith("msgstr")]

    @property
    def flags(self) -> set[str]:
        found: set[str] = set()
        for line in self.comments:
            if line.startswith("#,"):
                found |= {f.strip() for f in line[2:].split(",") if f.strip()}
        return found

    @property
    def is_header(self) -> bool:
        return self.msgid == "" and self.get("msgctxt") is None

    @property
    def is_obsolete(self) -> bool:
        return not self.fields and any(line.startswith("#~") for line in self.comments)

    def set_msgstrs(self, values: dict[str, str]) -> None:
        self.fields = [(key, values.get(key, text)) for key, text in self.fields]
        self.changed = True

    def unfuzzy(self) -> None:
        comments = []
        for line in self.comments:
            if line.startswith("#|"):
                continue  # the previous msgid of a fuzzy match
            if line.startswith("#,"):
                flags = [f.strip() for f in line[2:].split(",") if f.strip() and f.strip() != "fuzzy"]
                if not flags:
                    continue
                line = "#, " + ", ".join(flags)
            comments.append(line)
        self.comments = comments
        self.changed = True

    def lines(self) -> list[str]:
        if not self.changed:
            return [*self.comments, *self.body]
        out = list(self.comments)
        for key, text in self.fields:
            out.extend(po_lines(key, text))
        return out


def parse_po(text: str) -> list[Entry]:
    entries: list[Entry] = []
    for block in re.split(r"\n\s*\n", text.strip("\n")):
        entry = Entry()
        current: list[Any] | None = None
        for line in block.splitlines():
            if line.startswith("#"):
                entry.comments.append(line)
                continue
            entry.body.append(line)
            match = _KEYWORD.match(line)
            if match:
                current = [match.group(1), unquote(match.group(2))]
                entry.fields.append((current[0], current[1]))
            elif line.strip().startswith('"') and current is not None:
                current[1] += unquote(line)
                entry.fields[-1] = (current[0], current[1])
            elif line.strip():
                raise ValueError(f"cannot read this PO line: {line!r}")
        if entry.fields or entry.comments:
            entries.append(entry)
    return entries


def write_po(entries: list[Entry]) -> str:
    return "\n\n".join("\n".join(entry.lines()) for entry in entries) + "\n"


def translations(entries: list[Entry]) -> dict[Any, str]:
    """What a .mo compiled from `entries` holds, keyed as Python's GNUTranslations keys its catalog.

    Filled, not fuzzy, not the header: msgid (or "context\\x04msgid") → msgstr, and
    (msgid, n) → msgstr[n] for plural entries.
    """
    result: dict[Any, str] = {}
    for entry in entries:
        if entry.is_header or entry.is_obsolete or "fuzzy" in entry.flags:
            continue
        context = entry.get("msgctxt")
        key = entry.msgid if context is None else f"{context}\x04{entry.msgid}"
        strs = entry.msgstrs
        if not strs or not all(text for _, text in strs):
            continue
        if entry.get("msgid_plural") is None:
            result[key] = strs[0][1]
        else:
            for name, text in strs:
                result[(key, int(name[len("msgstr[") : -1]))] = text
    return result


# ---- the conversion ----


def make_converter(config: str) -> Any:
    try:
        import opencc
    except ImportError as exc:  # pragma: no cover - opencc is in requirements/base.txt
        raise CommandError("OpenCC is missing: pip install -r requirements/base.txt") from exc
    try:
        return opencc.OpenCC(config)
    except Exception as exc:
        raise CommandError(f"OpenCC has no configuration {config!r} (try s2tw, s2twp, s2t, s2hk)") from exc


def convert(converter: Any, text: str) -> str:
    result = str(converter.convert(text))
    if sorted(PLACEHOLDER.findall(result)) != sorted(PLACEHOLDER.findall(text)):
        raise CommandError(f"OpenCC changed a placeholder in {text!r}: {result!r}")
    return result


def fill(entries: list[Entry], converter: Any, *, config: str) -> int:
    """Give every empty or fuzzy entry OpenCC's conversion; returns how many were filled."""
    filled = 0
    for entry in entries:
        if entry.is_obsolete:
            continue
        if entry.is_header:
            _fix_header(entry, config)
            continue
        strs = entry.msgstrs
        if not strs:
            continue
        fuzzy = "fuzzy" in entry.flags
        if not fuzzy and all(text for _, text in strs):
            continue  # translated already, perhaps by hand: keep it
        plural = entry.get("msgid_plural")
        values = {}
        for key, _ in strs:
            source = plural if plural is not None and key != "msgstr[0]" else entry.msgid
            values[key] = convert(converter, source)
        if plural is not None and len(strs) == 1:  # Chinese has one plural form: use the plural text
            values[strs[0][0]] = convert(converter, plural)
        entry.set_msgstrs(values)
        if fuzzy:
            entry.unfuzzy()
        filled += 1
    return filled


def _fix_header(entry: Entry, config: str) -> None:
    header = entry.msgstrs[0][1] if entry.msgstrs else ""
    replacements = {
        "Project-Id-Version": "wuji",
        "Last-Translator": f"OpenCC ({config}) through python -m wuji translate_hant",
        "Language-Team": "Chinese (Traditional)",
        "Language": LOCALE,
    }
    lines = header.split("\n")
    new_lines = []
    for line in lines:
        name = line.split(":", 1)[0]
        if name in replacements:
            line = f"{name}: {replacements[name]}"
        new_lines.append(line)
    new_header = "\n".join(new_lines)
    comments = [c for c in entry.comments if not c.startswith("# ") and c != "#"]
    if new_header != header or "fuzzy" in entry.flags or entry.comments[: len(HEADER_COMMENT)] != HEADER_COMMENT:
        entry.comments = [*HEADER_COMMENT, *comments]
        entry.set_msgstrs({"msgstr": new_header})
        entry.unfuzzy()


def _without_dates(text: str) -> str:
    return re.sub(r'^"(POT-Creation-Date|PO-Revision-Date): .*\\n"$', "", text, flags=re.M)


class Command(BaseCommand):
    requires_system_checks: list[str] = []  # like makemessages: works while a page under construction does not load
    help = "更新繁體中文（zh_Hant）翻译：收集待翻译文字，用 OpenCC 由简体转换未翻译的条目，并编译 .mo。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--config",
            default=DEFAULT_CONFIG,
            help=f"OpenCC configuration for empty or fuzzy entries (default {DEFAULT_CONFIG}; s2twp: Taiwan phrases)",
        )

    def handle(self, *args: Any, config: str = DEFAULT_CONFIG, **options: Any) -> None:
        converter = make_converter(config)
        po_path = catalogue_path()
        before = po_path.read_text(encoding="utf-8") if po_path.exists() else None
        po_path.parent.mkdir(parents=True, exist_ok=True)
        base_dir = Path(settings.BASE_DIR)
        cwd = os.getcwd()
        os.chdir(base_dir)  # makemessages reads the tree below the working directory
        try:
            call_command(
                "makemessages",
                locale=[LOCALE],
                no_obsolete=True,
                no_wrap=True,
                add_location="file",
                ignore_patterns=IGNORE,
                verbosity=max(0, options.get("verbosity", 1) - 1),
            )
            entries = parse_po(po_path.read_text(encoding="utf-8"))
            filled = fill(entries, converter, config=config)
            text = write_po(entries)
            if before is not None and _without_dates(text) == _without_dates(before):
                text = before  # nothing changed but the dates makemessages stamps: keep the file as it was
            elif before is None or text != before:
                text = re.sub(
                    r'^"PO-Revision-Date: .*\\n"$',
                    f'"PO-Revision-Date: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M}+0000\\\\n"',
                    text,
                    count=1,
                    flags=re.M,
                )
            po_path.write_text(text, encoding="utf-8")
            call_command("compilemessages", locale=[LOCALE], ignore_patterns=IGNORE, verbosity=0)
        finally:
            os.chdir(cwd)
        total = len([e for e in entries if not e.is_header])
        self.stdout.write(
            self.style.SUCCESS(
                f"{po_path.relative_to(base_dir)}: {total} entries, {filled} filled by OpenCC ({config})."
            )
        )
