"""The intake's tasks on a Dask distributed cluster (``yusuan ingest --cluster ADDRESS``).

The same tasks as the local processes (``parallel``): reading a file and checking a
disclosure, run wherever the scheduler places them; this process stores the results.
Every worker must be able to import ``yusuan`` and read the input files under the same
paths (a shared or copied folder). Dask runs a task again when its worker dies and gives
up after ``distributed.scheduler.allowed-failures`` deaths (3 by default); the task is then
reported as lost, the others go on.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from yusuan.intake.parallel import Outcome, WorkerLost
from yusuan.model.errors import InputError

CONNECT_SECONDS = 30
WINDOW = 4  # tasks submitted ahead per worker thread


class DaskRunner:
    """Tasks submitted to a ``distributed.Client``, outcomes yielded as they finish."""

    def __init__(self, client: Any, *, own: bool = False) -> None:
        self.client = client
        self._own = own  # close the client with the runner
        info = client.scheduler_info()
        self.workers = max(1, sum(w.get("nthreads", 1) for w in info["workers"].values()))

    def run(self, func: Callable[..., Any], tasks: Iterable[tuple[Any, ...]]
            ) -> Iterator[tuple[int, Outcome]]:
        """At most ``WINDOW`` tasks per worker thread submitted at a time (a task's
        arguments — a whole disclosure to check — wait in the cluster's memory until it
        runs), another submitted as each finishes."""
        from distributed import as_completed
        from distributed.scheduler import KilledWorker

        source = enumerate(tasks)
        where: dict[str, int] = {}
        finished = as_completed()

        def submit(count: int) -> None:
            for i, args in itertools.islice(source, count):
                future = self.client.submit(func, *args, pure=False)
                where[future.key] = i
                finished.add(future)

        submit(WINDOW * self.workers)
        for future in finished:
            i = where.pop(future.key)
            try:
                outcome = future.result()
            except KilledWorker:
                outcome = WorkerLost(_allowed_failures())
            except Exception as exc:  # the task's own error, reported with it
                outcome = exc
            future.release()
            submit(1)
            yield i, outcome

    def close(self) -> None:
        if self._own:
            self.client.close()


def _allowed_failures() -> int:
    import dask

    return int(dask.config.get("distributed.scheduler.allowed-failures", 3)) + 1


def dask_runner(address: str, timeout: float = CONNECT_SECONDS) -> DaskRunner:
    """A runner on the cluster whose scheduler is at ``address`` (e.g. tcp://10.0.0.1:8786)."""
    try:
        from distributed import Client
    except ImportError as exc:
        raise InputError("使用 --cluster 需要安装 Dask：pip install 'yusuan[cluster]'",
                         field="--cluster") from exc
    try:
        client = Client(address, timeout=timeout)
    except (OSError, TimeoutError, ValueError) as exc:
        raise InputError(f"无法连接 Dask 调度器 {address}（{timeout:g} 秒内）：{exc}",
                         field="--cluster") from exc
    return DaskRunner(client, own=True)
