"""排名通报: the published ranking of an assessment, township-wide and by category (分类指导), with grades."""

from __future__ import annotations

from collections import Counter, defaultdict

from django.utils import timezone

from wuji.assessment.models import Assessment
from wuji.reports.documents.common import PROGRAM, issuer, numeral
from wuji.reports.documents.figures import Figures, assessment_results, names_text, score_text, summary_figures
from wuji.reports.documents.gbt9704 import Cell, OfficialDocument, date_text
from wuji.standards import loader


def issue_date(assessment: Assessment) -> str:
    """成文日期: the day the results were published; the as-of day for a draft, or for an assessment
    back-entered in a later year (a 2010 notice is not dated 2026)."""
    if assessment.published_at is not None:
        published = timezone.localdate(assessment.published_at)
        if published.year == assessment.as_of.year:
            return date_text(published)
    return date_text(assessment.as_of)


def ranking_docx(assessment: Assessment) -> bytes:
    """The 排名通报 of an assessment as a GB/T 9704 .docx (frozen results when published, else the live draft)."""
    campaign = assessment.campaign
    results = assessment_results(assessment)
    figures: Figures = summary_figures(results)
    cards = results.cards
    kind = assessment.get_kind_display()

    doc = OfficialDocument()
    doc.doc.core_properties.title = f"{campaign.year}年{PROGRAM}{kind}结果通报"
    doc.doc.core_properties.author = issuer(campaign)
    doc.title(issuer(campaign), f"关于{campaign.year}年{PROGRAM}", f"{kind}结果的通报")
    doc.addressee("各基层党支部：")
    doc.para(
        f"按照《{campaign.name}》的安排，乡党委对照《{campaign.standard.name}》，以{date_text(assessment.as_of)}"
        f"为截止日期，对全乡{len(cards)}个基层党组织“五个基本”建设情况进行了{kind}，"
        "根据考评结果全乡统一排名，并按组织类别分类排名。现将有关情况通报如下。"
    )
    if assessment.status != Assessment.Status.PUBLISHED:
        doc.placeholder("本稿依据尚未发布的考评草稿生成，结果以正式发布为准")

    doc.heading1("一、总体情况")
    grades = "、".join(f"{grade}{n}个" for grade, n in figures.grades)
    doc.para(f"全乡{len(cards)}个党组织平均得分{score_text(figures.average_score)}分，考评等次为{grades}。")
    if figures.aggregates:
        parts = [
            f"{name}{value}（目标{target}，{'已达到' if met else '未达到'}）"
            for name, value, target, met, _note in figures.aggregates
        ]
        doc.para("全乡汇总指标：" + "；".join(parts) + "。")

    doc.heading1("二、全乡排名")
    doc.para("按得分从高到低排列，得分相同的名次并列。")
    doc.table(
        ["名次", "党组织", "类别", "得分", "等次"],
        [
            [
                Cell(str(c.rank)),
                Cell(c.name, "left"),
                Cell(figures.category_label(c.category)),
                Cell(score_text(c.score)),
                Cell(c.grade),
            ]
            for c in cards
        ],
        widths_mm=[18, 70, 22, 22, 22],
    )

    doc.heading1("三、分类排名")
    groups = defaultdict(list)
    for card in cards:
        groups[card.category].append(card)
    for index, leader in enumerate(figures.leaders, start=1):
        group = sorted(groups[leader.category], key=lambda c: (c.category_rank, c.code))
        count = Counter(c.grade for c in group)
        summary = "、".join(f"{grade}{count[grade]}个" for grade, _n in figures.grades if count.get(grade))
        doc.heading2(
            f"（{numeral(index)}）{leader.label}党组织（{leader.count}个）。",
            f"其中{summary}。" if summary else "",
            keep=True,
        )
        doc.table(
            ["名次", "党组织", "得分", "等次", "全乡名次"],
            [
                [
                    Cell(str(c.category_rank)),
                    Cell(c.name, "left"),
                    Cell(score_text(c.score)),
                    Cell(c.grade),
                    Cell(str(c.rank)),
                ]
                for c in group
            ],
            widths_mm=[18, 70, 20, 22, 26],
        )

    doc.heading1("四、有关要求")
    pass_grade = campaign.standard.document.get("pass_grade", "")
    bands = [b.name for b in sorted(loader.grade_bands(campaign.standard.document), key=lambda b: b.min_score)]
    below = bands[: bands.index(pass_grade)] if pass_grade in bands else bands[:1]
    short = [c.name for c in cards if c.grade in below]
    if short:
        doc.para(
            f"考评等次为{'、'.join(below)}的{names_text(short)}党组织，要认真查找原因，"
            "按照“缺哪一项补哪一项”的要求拟定整改方案，迅速整改到位；乡党委将逐项验收销号。"
        )
    doc.para("各基层党组织要对照考评结果和考评细则，巩固已有成果，补齐短板弱项，推动“五个基本”建设常态化、长效化。")

    doc.signature(issuer(campaign), issue_date(assessment))
    return doc.to_bytes()
