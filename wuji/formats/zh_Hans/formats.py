"""Date formats that differ from Django's for this locale (FORMAT_MODULE_PATH; the rest are Django's).

Django writes a month and day as "m月j日" (09月5日); people write 9月5日.
"""

MONTH_DAY_FORMAT = "n月j日"
