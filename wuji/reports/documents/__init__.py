"""The documents a township office sends up, as GB/T 9704 .docx files.

书面总结 (`summary_docx`), 排名通报 (`ranking_docx`), 整改通知书 (`rectification_notice_docx`)
and 实施方案 (`implementation_plan_docx`): plain functions returning the file's bytes, called by
the pages, the `report` command and the campaign's filing. Scope is the caller's job.
"""

from wuji.reports.documents.notice import rectification_notice_docx
from wuji.reports.documents.plan import implementation_plan_docx
from wuji.reports.documents.ranking import ranking_docx
from wuji.reports.documents.summary import summary_docx

__all__ = ["implementation_plan_docx", "rectification_notice_docx", "ranking_docx", "summary_docx"]
