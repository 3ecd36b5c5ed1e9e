"""The Celery app: background jobs (large ledger imports) configured from Django's settings.

With `REDIS_URL` set, tasks go to Redis and a worker runs them
(`celery -A wuji worker`); without it `CELERY_TASK_ALWAYS_EAGER` runs each task
inline, in the process that enqueued it, so the demo and the tests need no broker.
"""

from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wuji.settings")

app = Celery("wuji")
# Every CELERY_* setting of wuji/settings.py ("Background jobs") configures the app;
# read lazily, so importing this module never loads the settings by itself.
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
