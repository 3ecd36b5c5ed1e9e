"""书面总结: the township's written summary of a campaign (实施方案 四、㈣ “形成书面总结”).

The structure a summary sent up to the county follows: 基本情况, 主要做法 (by the five
basics), 取得的成效, 存在的问题, 整改情况, 下一步打算; every figure comes from the engine
(`figures.summary_figures`), and the places where only the officer can speak — the practices,
the experience, the plans — are highlighted brackets to be replaced before it is sent.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from wuji.campaigns.models import Campaign
from wuji.reports.documents.common import DIMENSION_HEADINGS, PROGRAM, issuer, numeral, superior
from wuji.reports.documents.figures import (
    Figures,
    IndicatorTally,
    campaign_results,
    money_text,
    names_text,
    score_text,
    summary_figures,
)
from wuji.reports.documents.gbt9704 import Cell, OfficialDocument, date_text

OFFICER_NOTE = "此处由组织委员补充"


def _tally_text(tallies: list[IndicatorTally]) -> str:
    parts = [f"{t.name}{t.met}/{t.applicable}个" for t in tallies]
    return "、".join(parts)


def _village(figures: Figures, code: str) -> IndicatorTally | None:
    return figures.village_tally.get(code)


def _aggregate_sentence(figures: Figures, code: str, label: str) -> str:
    result = figures.aggregate_by_code.get(code)
    if result is None:
        return ""
    value = figures.value(result)
    verdict = "达到" if result.met else "未达到"
    note = f"（{result.note}）" if result.note else ""
    return f"{label}{value}{note}，{verdict}“{result.target}”的目标。"


def _dimension_sentences(figures: Figures, dimension: str) -> list[str]:
    """The figures the seed names for each basic (coverage, 一肩挑, pools, income, “十有”, remote sites)."""
    sentences: list[str] = []
    villages = figures.village_count
    if dimension == "基本组织":
        sentences.append(_aggregate_sentence(figures, "T-COVERAGE", "全乡党组织覆盖率"))
    elif dimension == "基本队伍":
        sentences.append(_aggregate_sentence(figures, "T-DUAL", "村党组织书记、村委会主任“一肩挑”比例"))
        pools = [
            (code, label)
            for code, label in (
                ("V-FEMALE", "有1名以上女干部"),
                ("V-RESERVE", "储备3—5名后备干部"),
                ("V-TALENT", "培养10名以上农村实用人才"),
            )
            if _village(figures, code) is not None
        ]
        if pools:
            parts = []
            for code, label in pools:
                tally = _village(figures, code)
                assert tally is not None
                parts.append(f"{label}的{tally.met}个")
            sentences.append(f"全乡{villages}个村（社区）中，" + "，".join(parts) + "。")
    elif dimension == "基本保障":
        ten = _village(figures, "V-TEN")
        if ten is not None:
            sentences.append(f"党员活动室做到“十有”的村（社区）{ten.met}个（共{ten.applicable}个）。")
        site = _village(figures, "V-REMOTE-SITE")
        if site is not None:
            sentences.append(f"现代远程教育站点正常运行的村（社区）{site.met}个，未实现的{site.unmet}个。")
        income = _village(figures, "V-INCOME")
        if income is not None and figures.income_values:
            total = sum((v for _, v in figures.income_values), Decimal(0))
            sentences.append(
                f"村级集体经济年收入合计{money_text(total)}，达到5万元以上的村（社区）{income.met}个，"
                f"未达到的{income.unmet}个"
                + (f"（{names_text(income.unmet_orgs)}）" if income.unmet_orgs else "")
                + "。"
            )
    return [s for s in sentences if s]


def summary_docx(campaign: Campaign, *, as_of: dt.date | None = None) -> bytes:
    """The 书面总结 of a campaign as a GB/T 9704 .docx (a published assessment of the day, else a live run)."""
    results = campaign_results(campaign, as_of=as_of)
    figures = summary_figures(results)
    doc = OfficialDocument()
    doc.doc.core_properties.title = f"{campaign.year}年{PROGRAM}工作总结"
    doc.doc.core_properties.author = issuer(campaign)

    doc.title(issuer(campaign), f"关于{campaign.year}年{PROGRAM}", "工作的总结")
    doc.addressee(f"{superior(campaign)}：")
    doc.para(
        f"按照上级关于加强{PROGRAM}的部署要求，乡党委于{date_text(campaign.starts_on)}至{date_text(campaign.ends_on)}"
        f"在全乡基层党组织中开展了“五个基本”建设工作。截至{date_text(results.as_of)}，"
        f"对照《{campaign.standard.name}》，全乡各项工作进展情况总结如下。"
    )

    # 一、基本情况
    doc.heading1("一、基本情况")
    categories = "、".join(f"{label}党组织{n}个" for label, n in figures.by_category)
    doc.para(
        f"本次“五个基本”建设覆盖全乡{figures.org_count}个基层党组织，其中{categories}。"
        f"考评数据来源于{results.source_text}，考评截止日期为{date_text(results.as_of)}，"
        f"考评标准为《{campaign.standard.name}》（{campaign.standard.version}版）。"
    )
    if figures.aggregates:
        parts = []
        for name, value, target, met, _note in figures.aggregates:
            parts.append(f"{name}{value}（目标{target}，{'已达到' if met else '未达到'}）")
        doc.para("全乡汇总指标：" + "；".join(parts) + "。")
    doc.placeholder(f"{OFFICER_NOTE}全乡党员人数、工作背景和总体评价……")

    # 二、主要做法
    doc.heading1("二、主要做法")
    for index, dimension in enumerate(figures.dimensions, start=1):
        heading = DIMENSION_HEADINGS.get(dimension, f"加强{dimension}建设")
        tallies = figures.tallies.get(dimension, [])
        body = "".join(_dimension_sentences(figures, dimension))
        if tallies:
            body += f"对照考评细则，各项指标达标情况（达标党组织数/应考评数）为：{_tally_text(tallies)}。"
        doc.heading2(f"（{numeral(index)}）{heading}。", body)
        doc.placeholder(f"{OFFICER_NOTE}{dimension}方面的具体做法和典型经验……")

    # 三、取得的成效
    doc.heading1("三、取得的成效")
    grades = "、".join(f"{grade}{n}个" for grade, n in figures.grades)
    top = "、".join(f"{c.name}（{score_text(c.score)}分）" for c in figures.top)
    doc.heading3(
        "1.考评结果。",
        f"全乡{figures.org_count}个党组织平均得分{score_text(figures.average_score)}分，其中{grades}。"
        + (f"全乡排名前列的是{top}。" if top else ""),
    )
    if figures.leaders:
        leaders = "；".join(
            f"{leader.label}类{leader.count}个党组织中{'、'.join(leader.best)}得分最高（{score_text(leader.best_score)}分）"
            for leader in figures.leaders
        )
        doc.heading3("2.分类排名。", f"按照分类指导的要求分类排名：{leaders}。详见附件。")
    doc.placeholder(f"{OFFICER_NOTE}工作成效、群众评价和典型事例……")

    # 四、存在的问题
    doc.heading1("四、存在的问题")
    problems = figures.problems[:5]
    if problems:
        doc.para("对照考评细则，未达标党组织较多的指标主要有：")
        for index, problem in enumerate(problems, start=1):
            doc.heading2(
                f"（{numeral(index)}）{problem.name}。",
                f"{len(problem.orgs)}个党组织未达到“{problem.target}”的要求（{names_text(problem.orgs)}）。",
            )
    else:
        doc.para("对照考评细则，全乡各基层党组织各项指标均已达标。")
    if figures.failing:
        doc.para(f"考评等次为{figures.failing[0].grade}的党组织有{names_text([c.name for c in figures.failing])}。")
    doc.placeholder(f"{OFFICER_NOTE}问题产生的原因分析……")

    # 五、整改情况
    doc.heading1("五、整改情况")
    counts = figures.rectification
    if counts is not None:
        working = counts.unclosed - counts.submitted
        doc.para(
            f"根据考评结果，乡党委对未达标的指标逐一建立整改台账，共列出整改事项{counts.total}项。"
            f"截至{date_text(results.as_of)}，已验收销号{counts.closed}项，已提交待验收{counts.submitted}项，"
            f"正在整改{working}项，其中超过整改时限的{counts.overdue}项。"
        )
    else:
        doc.para(
            "考评结果发布后，乡党委将对未达标的指标逐一建立整改台账，明确整改措施、责任人和整改时限，整改一项、销号一项。"
        )
    doc.placeholder(f"{OFFICER_NOTE}整改工作的具体措施和进展……")

    # 六、下一步打算
    doc.heading1("六、下一步打算")
    if problems:
        names = "、".join(f"“{p.name}”" for p in problems[:3])
        doc.heading2(
            "（一）补齐短板。",
            f"针对{names}等未达标较多的指标，坚持先易后难、缺哪一项补哪一项，督促各党支部限期整改到位。",
        )
    doc.heading2(
        f"（{numeral(2 if problems else 1)}）巩固成果。",
        "把“五个基本”建设纳入党建工作责任制考核，建立健全长效机制，做到记录一次、台账自动生成，减少重复填报。",
    )
    doc.placeholder(f"{OFFICER_NOTE}下一步工作打算……")

    doc.signature(issuer(campaign), date_text(results.as_of))

    # 附件: the ranking, as the body refers to it.
    doc.page_break()
    doc.label("附件")
    doc.title(f"{campaign.year}年全乡{PROGRAM}", "考评排名表")
    rows = [
        [
            Cell(str(c.rank)),
            Cell(c.name, "left"),
            Cell(figures.category_label(c.category)),
            Cell(score_text(c.score)),
            Cell(c.grade),
            Cell(str(c.category_rank)),
        ]
        for c in results.cards
    ]
    doc.table(["名次", "党组织", "类别", "得分", "等次", "类别内名次"], rows, widths_mm=[14, 56, 18, 18, 22, 28])
    return doc.to_bytes()
