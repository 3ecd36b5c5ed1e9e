"""Phrases every township document shares: who issues it, to whom it goes, how the program is named."""

from __future__ import annotations

from wuji.campaigns.models import Campaign
from wuji.orgs.choices import OrgKind
from wuji.orgs.models import Organization

PROGRAM = "基层党组织“五个基本”建设"

# The seed's own headings of the five basics (实施方案 三、㈠—㈤), by the standard's dimension names.
DIMENSION_HEADINGS = {
    "基本组织": "健全科学完善的基本组织",
    "基本队伍": "建强稳定可靠的基本队伍",
    "基本活动": "开展务实有效的基本活动",
    "基本制度": "建立可行管用的基本制度",
    "基本保障": "落实规范必需的基本保障",
}

CHINESE_NUMERALS = "一二三四五六七八九十"


def numeral(index: int) -> str:
    """1 → 一, 11 → 十一, 20 → 二十 (headings rarely go further)."""
    if index <= 10:
        return CHINESE_NUMERALS[index - 1]
    tens, ones = divmod(index, 10)
    return (CHINESE_NUMERALS[tens - 1] if tens > 1 else "") + "十" + (CHINESE_NUMERALS[ones - 1] if ones else "")


def party_name(org: Organization) -> str:
    """A committee's formal name: 中共 in front when the record leaves it out."""
    name = org.name
    if org.kind == OrgKind.COMMITTEE and not name.startswith("中共"):
        return f"中共{name}"
    return name


def issuer(campaign: Campaign) -> str:
    """发文机关: the committee that runs the campaign."""
    return party_name(campaign.scope)


def superior(campaign: Campaign) -> str:
    """主送机关 of a document sent up: the organization department of the committee above, if known."""
    parent = Organization.objects.get_parent(campaign.scope)
    if parent is None:
        return "县委组织部"
    return f"{party_name(parent)}组织部"
