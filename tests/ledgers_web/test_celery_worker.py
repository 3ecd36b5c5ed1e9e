"""A large import runs on a real Celery worker over a real Redis (db 13 of 127.0.0.1:6379).

The page polls the job's progress while the worker checks the workbook; the user confirms;
the worker imports. A duplicate delivery of a finished job changes nothing.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest
from django.urls import reverse

from tests.ledgers_web.conftest import INCOME_HEADERS, clerk_workbook, income_rows, upload
from wuji.celery import app
from wuji.ledgers import tasks
from wuji.ledgers.models import ImportJob
from wuji.support.models import CollectiveIncome

BROKER = "redis://127.0.0.1:6379/13"


def _redis_up() -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(BROKER, socket_connect_timeout=1).ping())
    except Exception:
        return False


pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(not _redis_up(), reason="no Redis at 127.0.0.1:6379"),
]


@pytest.fixture
def worker(settings: Any) -> Iterator[Any]:
    import redis
    from celery.contrib.testing.worker import start_worker

    redis.Redis.from_url(BROKER).flushdb()
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.WUJI_IMPORT_INLINE_MAX_BYTES = 0  # every upload is "large": it goes to the worker
    saved = {key: app.conf[key] for key in ("broker_url", "task_always_eager")}
    app.conf.update(broker_url=BROKER, task_always_eager=False)
    try:
        with start_worker(app, pool="solo", concurrency=1, perform_ping_check=False, shutdown_timeout=10) as w:
            yield w
    finally:
        app.conf.update(saved)
        redis.Redis.from_url(BROKER).flushdb()


def wait_for(job: ImportJob, *statuses: str, seconds: float = 30) -> ImportJob:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.status in statuses:
            return job
        time.sleep(0.1)
    raise AssertionError(f"job stayed {job.status}")


def test_a_worker_checks_and_imports_a_large_workbook(
    township: Any, secretary_a: Any, client_for: Any, worker: Any
) -> None:
    client = client_for(secretary_a)
    content = clerk_workbook(INCOME_HEADERS, income_rows("T01V1", (2006, 2007, 2008, 2009)), title="收入台账")
    response = client.post(reverse("ledgers:upload"), {"ledger": "income", "workbook": upload(content)})
    job = ImportJob.objects.get()
    assert response.status_code == 302 and job.background

    wait_for(job, ImportJob.Status.READY)
    assert job.created_count == 4 and not CollectiveIncome.objects.exists()
    progress = client.get(reverse("ledgers:job_progress", args=[job.pk]), HTTP_HX_REQUEST="true")
    assert progress["HX-Refresh"] == "true"

    client.post(reverse("ledgers:job_confirm", args=[job.pk]))
    wait_for(job, ImportJob.Status.DONE)
    assert CollectiveIncome.objects.filter(org=township.village_a).count() == 4

    tasks.apply_import.delay(job.pk)  # a duplicate delivery
    tasks.check_import.delay(job.pk)
    time.sleep(1.5)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE and job.created_count == 4
    assert CollectiveIncome.objects.count() == 4
