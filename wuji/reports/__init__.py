"""Dashboards and documents.

Apache ECharts dashboards served locally, and the documents a township office sends up:
the 书面总结, 排名通报, 整改通知书, 实施方案 (.docx, GB/T 9704) and the 台账 workbook.
"""
