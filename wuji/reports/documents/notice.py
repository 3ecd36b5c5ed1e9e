"""整改通知书: to one org, its open 整改 items of an assessment — the problems, measures, deadlines, owners."""

from __future__ import annotations

from collections import Counter

from django.db.models import QuerySet

from wuji.assessment.models import Assessment, OrgResult, Rectification
from wuji.assessment.rectification import UNCLOSED
from wuji.orgs.models import Organization
from wuji.reports.documents.common import PROGRAM, issuer
from wuji.reports.documents.figures import score_text
from wuji.reports.documents.gbt9704 import Cell, OfficialDocument, date_text
from wuji.reports.documents.ranking import issue_date
from wuji.standards.scoring import fmt


def open_items(assessment: Assessment, org: Organization) -> QuerySet[Rectification]:
    """The org's items of the assessment that are not closed, soonest due first."""
    return (
        Rectification.objects.filter(assessment=assessment, org=org, status__in=UNCLOSED)
        .select_related("owner")
        .order_by("due_on", "indicator", "pk")
    )


def _row(index: int, item: Rectification) -> list[Cell]:
    problem = item.problem.rstrip("。")
    if item.status == Rectification.Status.REOPENED and item.reopen_note:
        problem += f"（重新整改：{item.reopen_note.rstrip('。')}）"
    measures = item.measures.strip() or "由你单位对照考评细则研究提出，报乡党委审核"
    if item.status == Rectification.Status.SUBMITTED:
        measures += "（已提交整改情况，待验收）"
    return [
        Cell(str(index)),
        Cell(item.indicator_name, "left"),
        Cell(problem, "left"),
        Cell(measures, "left"),
        Cell(date_text(item.due_on)),
        Cell(item.owner_display or "党组织书记"),
    ]


def rectification_notice_docx(assessment: Assessment, org: Organization) -> bytes:
    """The 整改通知书 of an org for an assessment, as a GB/T 9704 .docx."""
    campaign = assessment.campaign
    items = list(open_items(assessment, org))
    result = OrgResult.objects.filter(assessment=assessment, org=org).first()

    doc = OfficialDocument()
    doc.doc.core_properties.title = f"{org.name}整改通知书"
    doc.doc.core_properties.author = issuer(campaign)
    doc.title("整改通知书")
    doc.addressee(f"{org.name}：")
    opening = f"根据{campaign.year}年{PROGRAM}{assessment.get_kind_display()}（截至{date_text(assessment.as_of)}）结果"
    if result is not None:
        opening += (
            f"，你单位得分{score_text(result.score)}分（满分{fmt(result.max_score)}分），"
            f"全乡排名第{result.rank}名，同类别排名第{result.category_rank}名，考评等次为{result.grade}"
        )
    if items:
        dimensions = Counter(item.dimension for item in items if item.dimension)
        spread = "、".join(f"{name}{n}项" for name, n in dimensions.items())
        doc.para(
            f"{opening}。对照考评细则，你单位尚有{len(items)}项问题需要整改"
            + (f"（{spread}）" if spread else "")
            + "，现将整改事项清单通知如下：",
            keep=True,
        )
    else:
        doc.para(f"{opening}。截至本通知印发之日，你单位在本次考评中没有未销号的整改事项。")

    if items:
        doc.table(
            ["序号", "指标", "存在问题", "整改措施", "整改时限", "责任人"],
            [_row(index, item) for index, item in enumerate(items, start=1)],
            widths_mm=[14, 24, 41, 35, 24, 18],
        )
    if items:
        doc.para(
            "请你单位坚持先易后难、缺哪一项补哪一项，逐项落实整改措施，在整改时限前将整改情况和佐证材料"
            "报乡党委，经验收合格后销号。逾期未完成整改的，在年度考评中予以通报。"
        )
    doc.signature(issuer(campaign), issue_date(assessment))
    return doc.to_bytes()
