"""Template filters for what pages show again and again."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django import template
from django.utils.translation import gettext as _

from wuji.people.choices import Stage
from wuji.people.rules import age_on

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

register = template.Library()
STAGE_LABELS: dict[str, StrOrPromise] = dict(Stage.choices)  # lazy: rendered in the user's language
STAGE_STYLES: dict[str, str] = {
    Stage.APPLICANT: "text-bg-light border",
    Stage.ACTIVIST: "text-bg-info",
    Stage.CANDIDATE: "text-bg-primary",
    Stage.PROBATIONARY: "text-bg-warning",
    Stage.FULL: "text-bg-danger",
}


@register.filter
def age(birth_date: dt.date | None, today: dt.date) -> int | str:
    return age_on(birth_date, today) if birth_date else ""


@register.inclusion_tag("people/_stage_badge.html")
def stage_badge(stage: str | None) -> dict[str, StrOrPromise]:
    if not stage:
        return {"label": _("群众"), "style": "text-bg-light border text-secondary"}
    return {"label": STAGE_LABELS.get(stage, stage), "style": STAGE_STYLES.get(stage, "text-bg-secondary")}


@register.filter
def model_label(content_type: object) -> str:
    """The Chinese name of a content type's model (for the audit trail)."""
    model = getattr(content_type, "model_class", lambda: None)()
    return str(model._meta.verbose_name) if model is not None else str(content_type)
