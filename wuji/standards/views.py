"""考评标准 pages: the loaded standards and each version's rubric as a printable table."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from wuji.core.viewkit import member_data_required
from wuji.orgs.choices import Category
from wuji.standards import rubric, selectors


@member_data_required
def standard_list(request: HttpRequest) -> HttpResponse:
    standards = list(selectors.standard_list())
    rows = [
        {
            "standard": s,
            "indicators": sum(len(i["indicators"]) for d in s.document["dimensions"] for i in d["items"]),
            "rubrics": [r["name"] for r in s.document.get("rubrics", [])],
        }
        for s in standards
    ]
    return render(request, "standards/list.html", {"rows": rows})


@member_data_required
def standard_detail(request: HttpRequest, pk: int) -> HttpResponse:
    standard = selectors.standard_get(pk=pk)
    labels = dict(Category.choices)
    built = rubric.build(standard.document)
    tables = [{"table": t, "categories": "、".join(str(labels.get(c, c)) for c in t.categories)} for t in built.tables]
    context = {
        "standard": standard,
        "document": standard.document,
        "tables": tables,
        "aggregates": built.aggregates,
        "grades": built.grades,
        "pass_grade": standard.document.get("pass_grade", ""),
    }
    return render(request, "standards/detail.html", context)
