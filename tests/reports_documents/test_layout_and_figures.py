"""The four documents of a small township: GB/T 9704 layout, fonts, and every figure equal to the engine's.

Given the 整改 tests' campaign (甲村, 乙村, a 机关 branch; a published baseline and final with 整改 items),
when a document is generated and opened again with python-docx, then its page, fonts and page numbers
are the 公文 layout and its figures are the published results (or the live engine's for a day without one).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Pt

from tests.rectification.conftest import FINAL_AS_OF, RectRecords
from wuji.assessment.models import Assessment, OrgResult, Rectification
from wuji.assessment.rectification import rectification_counts
from wuji.assessment.services import campaign_run, published_document
from wuji.orgs.choices import Category
from wuji.reports.documents import implementation_plan_docx, ranking_docx, rectification_notice_docx, summary_docx

from .docx_checks import body_text, open_docx, paragraph_starting, run_fonts, table_rows

pytestmark = pytest.mark.django_db

LABELS = dict(Category.choices)


def one_decimal(value: Decimal | float) -> str:
    return str(Decimal(str(value)).quantize(Decimal("0.1")))


# --- layout -------------------------------------------------------------------------------------------------------


def test_the_summary_has_the_official_document_page_fonts_and_page_numbers(both: Any, rect_campaign: Any) -> None:
    doc = open_docx(summary_docx(rect_campaign, as_of=FINAL_AS_OF))

    section = doc.sections[0]
    page = (section.page_width, section.page_height, section.top_margin, section.bottom_margin)
    margins = (section.left_margin, section.right_margin)
    assert [round(x.mm) if x is not None else None for x in (*page, *margins)] == [210, 297, 37, 35, 28, 26]
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:linePitch")) == "579"  # 225 mm / 22 lines, in twips

    normal = doc.styles["Normal"]
    assert normal.font.size == Pt(16)  # 三号
    assert normal.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert normal.paragraph_format.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert normal.paragraph_format.line_spacing == Pt(28.95)
    # 28 characters a line: 三号 narrowed by 0.25 pt (15.75 pt × 28 = 441 pt of the 442.2 pt line).
    assert normal.element.rPr.find(qn("w:spacing")).get(qn("w:val")) == "-5"

    title = doc.paragraphs[0]
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert "工作的总结" in title.text
    for run in title.runs:
        assert run_fonts(run)["eastAsia"] == "方正小标宋简体" and run.font.size == Pt(22)  # 小标宋 二号

    heading1 = paragraph_starting(doc, "一、基本情况")
    assert run_fonts(heading1.runs[0])["eastAsia"] == "黑体" and heading1.runs[0].font.size == Pt(16)
    heading2 = paragraph_starting(doc, "（一）")
    assert run_fonts(heading2.runs[0])["eastAsia"] == "楷体_GB2312"
    heading3 = paragraph_starting(doc, "1.考评结果。")
    assert run_fonts(heading3.runs[0])["eastAsia"] == "仿宋_GB2312" and heading3.runs[0].font.bold
    body = paragraph_starting(doc, "本次“五个基本”建设覆盖")
    assert run_fonts(body.runs[0]) == {
        "ascii": "Times New Roman",
        "hAnsi": "Times New Roman",
        "eastAsia": "仿宋_GB2312",
    }
    assert body.paragraph_format.first_line_indent == Pt(32)  # 首行空二字

    # Page numbers: a PAGE field in 4号 宋体 “— N —”, right on odd pages and left on even ones.
    assert doc.settings.odd_and_even_pages_header_footer
    for footer, side in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        paragraph = footer.paragraphs[0]
        assert paragraph.alignment == side
        xml = paragraph._p.xml
        assert "PAGE" in "".join(t.text for t in paragraph._p.iter(qn("w:instrText")))
        assert 'w:fldCharType="begin"' in xml and 'w:fldCharType="end"' in xml
        assert paragraph.text.startswith("— ") and paragraph.text.endswith(" —")
        for run in paragraph.runs:
            assert run_fonts(run)["eastAsia"] == "宋体" and run.font.size == Pt(14)

    # The officer's own words go in highlighted brackets.
    marked = [p for p in doc.paragraphs if p.text.startswith("【此处由组织委员补充")]
    assert len(marked) >= 6
    assert all(r.font.highlight_color == WD_COLOR_INDEX.YELLOW for p in marked for r in p.runs)
    # 成文日期 in Arabic numerals, no leading zeros.
    assert "2021年10月31日" in body_text(doc)


# --- the summary's figures -------------------------------------------------------------------------------------


def test_the_summary_quotes_the_published_final_assessment(
    both: tuple[RectRecords, RectRecords], rect_campaign: Any
) -> None:
    final = both[0].final
    doc = open_docx(summary_docx(rect_campaign, as_of=FINAL_AS_OF))
    text = body_text(doc)

    results = list(OrgResult.objects.filter(assessment=final).select_related("org").order_by("rank", "org__code"))
    expected = [
        [str(r.rank), r.org.name, str(LABELS[r.org.category]), one_decimal(r.score), r.grade, str(r.category_rank)]
        for r in results
    ]
    assert table_rows(doc)[1:] == expected
    average = sum(r.score for r in results) / len(results)
    assert f"平均得分{one_decimal(average)}分" in text
    assert "总结考评（已发布）" in text

    items = Rectification.objects.filter(assessment__campaign=rect_campaign)
    counts = rectification_counts(items, today=FINAL_AS_OF)
    assert counts.total == 5 and counts.submitted == 2
    assert f"共列出整改事项{counts.total}项" in text
    assert f"已验收销号{counts.closed}项，已提交待验收{counts.submitted}项" in text

    # 存在的问题: the unmet indicator most orgs miss comes first, with its count.
    unmet: dict[str, int] = {}
    for r in results:
        for row in r.indicators:
            if not row["met"] and Decimal(row["max_points"]) > 0:
                unmet[row["name"]] = unmet.get(row["name"], 0) + 1
    name, count = max(unmet.items(), key=lambda x: x[1])
    assert paragraph_starting(doc, "（一）" + name).text.startswith(f"（一）{name}。{count}个党组织未达到")


def test_a_day_without_a_published_assessment_is_computed_live(baseline: Assessment, rect_campaign: Any) -> None:
    day = dt.date(2021, 9, 30)
    doc = open_docx(summary_docx(rect_campaign, as_of=day))
    run = campaign_run(rect_campaign, as_of=day)
    assert [row[:2] + row[3:5] for row in table_rows(doc)[1:]] == [
        [str(c.rank), c.name, one_decimal(c.score), c.grade] for c in run.cards
    ]
    assert "实时测评" in body_text(doc) and "2021年9月30日" in body_text(doc)


# --- the ranking, the notices, the plan ---------------------------------------------------------------------------


def test_the_ranking_publishes_the_frozen_ranks_township_wide_and_by_category(
    both: tuple[RectRecords, RectRecords],
) -> None:
    final = both[0].final
    doc = open_docx(ranking_docx(final))
    published = published_document(final)["orgs"]
    assert table_rows(doc, 0)[1:] == [
        [str(o["rank"]), o["name"], str(LABELS[o["category"]]), one_decimal(o["score"]), o["grade"]] for o in published
    ]
    # One table per category, ranked within it, each with the org's township rank.
    categories = sorted({o["category"] for o in published})
    assert len(doc.tables) == 1 + len(categories)
    villages = [o for o in published if o["category"] == "village"]
    village_table = next(t for t in doc.tables[1:] if t.rows[1].cells[1].text in {o["name"] for o in villages})
    rows = [[c.text for c in row.cells] for row in village_table.rows][1:]
    assert sorted((int(r[0]), r[1], r[4]) for r in rows) == sorted(
        (o["category_rank"], o["name"], str(o["rank"])) for o in villages
    )
    assert "考评结果的通报" in doc.paragraphs[0].text


def test_a_notice_lists_the_orgs_open_items_and_no_one_elses(both: tuple[RectRecords, RectRecords]) -> None:
    side_a, side_b = both
    doc = open_docx(rectification_notice_docx(side_a.assessment, side_a.org))
    text = body_text(doc)
    assert doc.paragraphs[0].text == "整改通知书" and f"{side_a.org.name}：" in text
    rows = table_rows(doc)[1:]
    assert [r[1] for r in rows] == [side_a.item.indicator_name]
    assert rows[0][2].startswith(side_a.item.problem.rstrip("。"))
    assert rows[0][4] == f"{side_a.item.due_on.year}年{side_a.item.due_on.month}月{side_a.item.due_on.day}日"
    result = OrgResult.objects.get(assessment=side_a.assessment, org=side_a.org)
    assert f"全乡排名第{result.rank}名" in text and f"考评等次为{result.grade}" in text
    assert side_b.org.name not in text

    # The final's item awaiting verification says so; a closed item is no longer listed.
    final_rows = table_rows(open_docx(rectification_notice_docx(side_a.final, side_a.org)))[1:]
    assert len(final_rows) == 1 and "待验收" in final_rows[0][3]
    Rectification.objects.filter(pk=side_a.pending.pk).update(status=Rectification.Status.CLOSED)
    closed = body_text(open_docx(rectification_notice_docx(side_a.final, side_a.org)))
    assert "没有未销号的整改事项" in closed


def test_the_plan_is_written_from_the_campaign_its_standard_and_phases(rect_campaign: Any, township: Any) -> None:
    doc = open_docx(implementation_plan_docx(rect_campaign))
    text = body_text(doc)
    assert "实施方案" in doc.paragraphs[0].text
    for org in township.branches:
        assert org.name in text  # 活动范围
    for name in ("后备干部", "书记在岗", "档案规范"):
        assert f".{name}。" in text  # 工作目标和工作内容, one per indicator
    phases = list(rect_campaign.phases.order_by("order"))
    for phase in phases:
        assert f"{phase.name}阶段" in text
    assert "五、组织领导和有关要求" in text
    # No leading group registered: a marked place for the officer, not an invented one.
    assert "【此处由组织委员填写“五个基本”建设工作领导小组" in text
