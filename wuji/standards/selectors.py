"""Reads of the loaded standards. A standard is not member data, but only the roles that read member
data (officer, inspector, secretary) open it; the views check that before calling these."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet
from django.shortcuts import get_object_or_404

from wuji.campaigns.models import Campaign
from wuji.standards.models import Standard


def standard_list() -> QuerySet[Standard]:
    """Every loaded version, newest first within a code, marked when a campaign uses it."""
    in_use = Campaign.objects.filter(standard=OuterRef("pk"))
    return Standard.objects.annotate(in_use=Exists(in_use)).order_by("code", "-loaded_at", "-pk")


def standard_get(*, pk: int) -> Standard:
    return get_object_or_404(standard_list(), pk=pk)
