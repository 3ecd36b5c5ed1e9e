"""Reads of the public disclosure pages: published things of villages and communities, nothing else.

These selectors are the one place that reads member-owned tables without a
user's scope (the pages have no login), so they never hand a model to a
template: every row is turned into a small dataclass holding only what may be
public — dates, step names, vote totals, the text and photo of a published
disclosure. No person, no ID number, no phone, no address, no draft.
Free text is passed through `redact()` in case a secretary typed a phone or
ID number into a disclosure.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q, QuerySet

from wuji.core.masking import mask_id_number, mask_phone
from wuji.core.models import Attachment
from wuji.governance.choices import Channel, DisclosureKind, MatterStatus, StepKind
from wuji.governance.models import Disclosure, Matter, MatterStep
from wuji.orgs.choices import Category
from wuji.orgs.models import Organization

PUBLIC_CATEGORIES = (Category.VILLAGE, Category.COMMUNITY)

# An 18-character ID number (or an old 15-digit one), and an 11-digit mobile number.
_ID_NUMBER = re.compile(r"(?<!\d)(?:\d{17}[\dXx]|\d{15})(?![\dXx])")
_PHONE = re.compile(r"(?<!\d)\d{11}(?!\d)")


def redact(text: str) -> str:
    """Mask any ID number or mobile number inside free text meant for the public."""
    text = _ID_NUMBER.sub(lambda m: mask_id_number(m.group(0)), text)
    return _PHONE.sub(lambda m: mask_phone(m.group(0)), text)


def _label(choices: Any, value: Any) -> str:
    """The (translated) label of a stored choice; the raw value if the choice is gone."""
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)


def short_name(name: str) -> str:
    """ "中共傅家堰乡委员会" → "傅家堰乡", "傅家堰村党支部" → "傅家堰村": the place, as villagers say it."""
    if name.startswith("中共"):
        name = name[2:]
    for suffix in ("委员会", "党委", "党总支", "党支部", "总支部", "支部"):
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


# ---------------------------------------------------------------- what the pages show


@dataclass(frozen=True)
class PublicVillage:
    code: str
    name: str
    township: str
    published: int
    latest: dt.date | None


@dataclass(frozen=True)
class PublicTownship:
    name: str
    villages: list[PublicVillage]


@dataclass(frozen=True)
class PublicDisclosure:
    published_on: dt.date | None
    kind: str
    title: str
    channel: str
    content: str
    photo_id: int | None


@dataclass(frozen=True)
class PublicStep:
    number: int
    name: str
    held_on: dt.date
    expected: int | None
    present: int | None
    votes_for: int | None
    votes_against: int | None
    abstentions: int | None
    passed: bool

    @property
    def has_vote(self) -> bool:
        return self.present is not None


@dataclass(frozen=True)
class PublicMatter:
    title: str
    status: str
    status_code: str
    steps: list[PublicStep] = field(default_factory=list)
    disclosures: list[PublicDisclosure] = field(default_factory=list)


@dataclass(frozen=True)
class PublicOrg:
    code: str
    name: str
    township: str


# ---------------------------------------------------------------- queries


def _public_orgs() -> QuerySet[Organization]:
    return Organization.objects.filter(category__in=PUBLIC_CATEGORIES, dissolved_on__isnull=True)


def published_disclosures() -> QuerySet[Disclosure]:
    return Disclosure.objects.filter(published=True)


def townships() -> list[PublicTownship]:
    """Every committee with its villages and communities, each with its count of published items."""
    villages = list(
        _public_orgs()
        .annotate(
            published_count=Count("disclosures", filter=Q(disclosures__published=True)),
            latest=Max("disclosures__published_on", filter=Q(disclosures__published=True)),
        )
        .order_by("path")
    )
    parent_paths = {v.path[: -Organization.steplen] for v in villages}
    parents = {o.path: o for o in Organization.objects.filter(path__in=parent_paths).only("path", "name")}
    groups: dict[str, list[PublicVillage]] = {}
    names: dict[str, str] = {}
    for village in villages:
        parent = parents.get(village.path[: -Organization.steplen])
        township = _township_of(parent)
        key = parent.path if parent is not None else ""
        names[key] = township
        groups.setdefault(key, []).append(
            PublicVillage(
                code=village.code,
                name=short_name(village.name),
                township=township,
                published=village.published_count,  # type: ignore[attr-defined]
                latest=village.latest,  # type: ignore[attr-defined]
            )
        )
    return [PublicTownship(name=names[key], villages=groups[key]) for key in sorted(groups)]


def _township_of(parent: Organization | None) -> str:
    return short_name(parent.name) if parent is not None else ""


def public_org(code: str) -> PublicOrg | None:
    """The village or community with this code, if it has a public page (not dissolved)."""
    org = _public_orgs().filter(code=code).only("path", "name", "code").first()
    if org is None:
        return None
    parent = Organization.objects.filter(path=org.path[: -Organization.steplen]).only("name").first()
    return PublicOrg(code=org.code, name=short_name(org.name), township=_township_of(parent))


def org_disclosures(code: str) -> QuerySet[Disclosure]:
    """The org's own published 党务/村务 disclosures (not those of a matter), newest first."""
    return (
        published_disclosures()
        .filter(org__code=code, matter__isnull=True)
        .only("published_on", "kind", "title", "channel", "content", "photo")
        .order_by("-published_on", "-id")
    )


def _default_title(matter_title: str, kind: str) -> str:
    """The title matter_disclose gives a disclosure left untitled (the matter's, then the kind)."""
    return f"{matter_title}·{_label(DisclosureKind, kind)}"[:100]


def present_disclosures(rows: Iterable[Disclosure], *, matter_title: str = "") -> list[PublicDisclosure]:
    """Disclosures as the public sees them; under a matter, the title it was given by default is dropped."""
    return [
        PublicDisclosure(
            published_on=d.published_on,
            kind=_label(DisclosureKind, d.kind),
            title="" if matter_title and d.title == _default_title(matter_title, d.kind) else redact(d.title),
            channel=_label(Channel, d.channel),
            content=redact(d.content),
            photo_id=d.photo_id,
        )
        for d in rows
    ]


def org_matters(code: str) -> list[PublicMatter]:
    """五议五公开 matters with at least one passed step or published disclosure; only those parts."""
    published = published_disclosures().only("matter", "published_on", "kind", "title", "channel", "content", "photo")
    matters = (
        Matter.objects.filter(org__code=code, org__category__in=PUBLIC_CATEGORIES, org__dissolved_on__isnull=True)
        .filter(
            Q(Exists(MatterStep.objects.filter(matter=OuterRef("pk"), passed=True)))
            | Q(Exists(published.filter(matter=OuterRef("pk"))))
        )
        .only("title", "status", "created_at")
        .prefetch_related(
            Prefetch("steps", queryset=MatterStep.objects.order_by("step")),
            Prefetch("disclosures", queryset=published.order_by("published_on", "id"), to_attr="public_disclosures"),
        )
        .order_by("-created_at", "-id")
    )
    return [
        PublicMatter(
            title=redact(m.title),
            status=_label(MatterStatus, m.status),
            status_code=m.status,
            steps=[
                PublicStep(
                    number=s.step,
                    name=_label(StepKind, s.step),
                    held_on=s.held_on,
                    expected=s.expected,
                    present=s.present,
                    votes_for=s.votes_for,
                    votes_against=s.votes_against,
                    abstentions=s.abstentions,
                    passed=s.passed,
                )
                for s in m.steps.all()
            ],
            disclosures=present_disclosures(getattr(m, "public_disclosures"), matter_title=m.title),  # noqa: B009 (set by the Prefetch)
        )
        for m in matters
    ]


def public_photo(pk: int) -> Attachment | None:
    """The attachment, only while it is the photo of a published disclosure of a public org."""
    shown = published_disclosures().filter(
        photo=OuterRef("pk"), org__category__in=PUBLIC_CATEGORIES, org__dissolved_on__isnull=True
    )
    return Attachment.objects.filter(pk=pk, kind__in=("jpeg", "png")).filter(Exists(shown)).first()
