"""Wall time, and CPU time of this process plus its PostgreSQL server process (shared by the benchmarks)."""

from __future__ import annotations

import os
import time
from pathlib import Path

from django.db import connection


class Clock:
    """Wall time, and CPU time of this process plus (PostgreSQL on this machine) its server process.

    The CPU figure is what the comparison should rest on when other jobs share the
    machine: wall time then measures the neighbours as much as the code.
    """

    def __init__(self) -> None:
        self.stat: Path | None = None
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # Parallel workers are other processes, whose CPU time would go uncounted.
                cursor.execute("SET max_parallel_workers_per_gather = 0")
                cursor.execute("SELECT pg_backend_pid()")
                stat = Path(f"/proc/{cursor.fetchone()[0]}/stat")
            self.stat = stat if stat.exists() else None  # a server elsewhere: client CPU only
        self.ticks = os.sysconf("SC_CLK_TCK")

    def cpu(self) -> float:
        total = time.process_time()
        if self.stat is not None:
            fields = self.stat.read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / self.ticks  # utime, stime
        return total
