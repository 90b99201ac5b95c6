"""Peak memory and wall time of one piece of work, each run in its own process.

Two views of the peak resident set size (RSS) of a child process:

- the child's own high-water mark, `VmHWM` from `/proc/self/status` (per address space,
  so it starts afresh at `exec` and does not inherit the parent's size, which
  `ru_maxrss` does on Linux); `resource.getrusage(RUSAGE_SELF).ru_maxrss` elsewhere;
- the parent polling the child's RSS with psutil every 20 ms (can miss short spikes).

The first is the number reported; the second is kept as a cross-check.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

__all__ = ["MB", "StageSampler", "current_mb", "peak_mb", "process_peak_mb", "run_child"]

MB = 1024 * 1024
POLL_SECONDS = 0.02
_ROOT = Path(__file__).resolve().parent.parent


def _status_kb(key: str, pid: int | str = "self") -> int | None:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def peak_mb() -> float:
    """This process's peak RSS so far, in MB (2**20 bytes)."""
    kb = _status_kb("VmHWM")
    if kb is None:
        import resource

        maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        # Linux reports kilobytes, macOS bytes.
        return maxrss / MB if sys.platform == "darwin" else maxrss / 1024
    return kb / 1024


def process_peak_mb(pid: int) -> float | None:
    """Another process's peak RSS so far (its `VmHWM`), in MB; None where /proc is not."""
    kb = _status_kb("VmHWM", pid)
    return None if kb is None else kb / 1024


def current_mb() -> float:
    """This process's RSS now, in MB."""
    kb = _status_kb("VmRSS")
    if kb is None:
        import psutil

        return psutil.Process().memory_info().rss / MB
    return kb / 1024


class StageSampler:
    """Time, processor time and peak RSS per stage of work inside the child, the RSS
    sampled every 20 ms.

    Call `stage(name)` whenever the work enters a stage (e.g. from a progress callback);
    `result()` gives `{stage: {"ms": ..., "cpu_ms": ..., "peak_mb": ...}}` in the order
    stages began.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._stages: dict[str, dict[str, float]] = {}
        self._current: str | None = None
        self._started = 0.0
        self._cpu_started = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> StageSampler:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stage(None)
        self._stop.set()
        self._thread.join()

    def stage(self, name: str | None) -> None:
        with self._lock:
            if name == self._current:
                return
            now, cpu = time.perf_counter(), time.process_time()
            if self._current is not None:
                entry = self._stages[self._current]
                entry["ms"] += (now - self._started) * 1000
                entry["cpu_ms"] += (cpu - self._cpu_started) * 1000
                entry["peak_mb"] = max(entry["peak_mb"], current_mb())
            self._current, self._started, self._cpu_started = name, now, cpu
            if name is not None:
                self._stages.setdefault(name, {"ms": 0.0, "cpu_ms": 0.0, "peak_mb": current_mb()})

    def _run(self) -> None:
        while not self._stop.wait(POLL_SECONDS):
            rss = current_mb()
            with self._lock:
                if self._current is not None:
                    entry = self._stages[self._current]
                    entry["peak_mb"] = max(entry["peak_mb"], rss)

    def result(self) -> dict[str, dict[str, float]]:
        return {
            name: {key: round(value, 1) for key, value in v.items()}
            for name, v in self._stages.items()
        }


def run_child(task: str, params: dict, *, log: Callable[[str], None] | None = None) -> dict:
    """Run `bench.child` task `task` with `params` in a fresh Python process.

    Returns the child's JSON result plus `process_ms` (wall time of the whole process,
    interpreter start included) and `polled_peak_mb` (the parent's 20 ms RSS samples).
    Raises RuntimeError with the child's error output when it fails.
    """
    import psutil

    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(_ROOT), env.get("PYTHONPATH")]))
    cmd = [sys.executable, "-m", "bench.child", task, json.dumps(params)]
    if log:
        log(f"  running {task} …")
    started = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    out: list[str] = []
    err: list[str] = []
    readers = [
        threading.Thread(target=lambda: out.append(proc.stdout.read()), daemon=True),
        threading.Thread(target=lambda: err.append(proc.stderr.read()), daemon=True),
    ]
    for reader in readers:
        reader.start()
    polled = 0
    try:
        watched = psutil.Process(proc.pid)
        while proc.poll() is None:
            try:
                polled = max(polled, watched.memory_info().rss)
            except psutil.Error:
                break
            time.sleep(POLL_SECONDS)
    finally:
        proc.wait()
        for reader in readers:
            reader.join()
    process_ms = (time.perf_counter() - started) * 1000
    stdout, stderr = "".join(out), "".join(err)
    if proc.returncode != 0:
        raise RuntimeError(f"bench task {task} failed ({proc.returncode}):\n{stderr[-4000:]}")
    lines = [line for line in stdout.splitlines() if line.strip()]
    if not lines:
        raise RuntimeError(f"bench task {task} printed no result:\n{stderr[-4000:]}")
    result = json.loads(lines[-1])
    result["process_ms"] = round(process_ms, 1)
    result["polled_peak_mb"] = round(polled / MB, 1)
    return result
