"""Peak resident memory of a process, as Linux keeps it for the program it runs."""

from __future__ import annotations

from pathlib import Path


def peak_rss(pid: int | str = "self") -> int:
    """Peak resident bytes of the process's program: VmHWM in /proc/PID/status, which exec
    starts afresh (getrusage's ru_maxrss keeps a spawned child's copy of its parent from
    before the exec, and reports the parent's size for a small child); 0 when unknown."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
    except OSError:
        return 0
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024  # kB
    return 0
