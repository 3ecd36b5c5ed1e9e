"""Wuji (五基): grassroots Party-organization "Five Basics" construction."""

# The Celery app is created here so that `celery -A wuji worker` and every task
# bind to it. Creating it reads no settings (they are read lazily on first use),
# so `python -m wuji <command>` starts as before.
from wuji.celery import app as celery_app

__all__ = ["celery_app"]
