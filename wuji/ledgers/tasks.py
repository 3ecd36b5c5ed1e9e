"""Background jobs of the ledgers: thin tasks that take a job id and call wuji/ledgers/jobs.py.

Both are idempotent (a job moves on from the status a step starts from, so a second delivery
does nothing). Bound to the project's app explicitly, so they never fall back to a default broker.
"""

from __future__ import annotations

from wuji.celery import app
from wuji.ledgers import jobs


@app.task(name="wuji.ledgers.check_import", acks_late=True)
def check_import(job_id: int) -> None:
    """Check an uploaded ledger workbook (dry run)."""
    jobs.job_check(job_id)


@app.task(name="wuji.ledgers.apply_import", acks_late=True)
def apply_import(job_id: int) -> None:
    """Import a checked and confirmed workbook (all rows or none)."""
    jobs.job_apply(job_id)
