"""The build's own processes: stopped with it, and recognisable after it was killed.

A build runs for minutes and starts other processes (Pagefind, forked workers). When it is
told to stop (SIGTERM, Ctrl-C) it must stop them and remove what it wrote before exiting;
when it was killed outright, the next build must be able to tell its leftovers from
another build's that is still running.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import socket
import subprocess
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from types import FrameType

SIGNALS = (signal.SIGTERM, signal.SIGINT)


class Stopped(BaseException):
    """The build was told to stop. A BaseException, as KeyboardInterrupt is, so that no
    `except Exception` on the way (MkDocs has several) takes it for a failed page."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


@contextlib.contextmanager
def stopped_by_signals() -> Iterator[None]:
    """SIGTERM and SIGINT raise Stopped in this process, so that every `finally` on the way
    (stopping Pagefind and workers, removing the temporary folder) runs. A process forked
    meanwhile inherits the handler, which ends it as soon as its Python code runs; the pool's
    workers set the signals back to their default (parallel.py), which ends them at once. A second
    signal while the first is being handled is ignored, so that the cleaning up is not cut off."""
    owner = os.getpid()
    stopping = False

    def handle(signum: int, frame: FrameType | None) -> None:
        nonlocal stopping
        if os.getpid() != owner:
            os._exit(128 + signum)
        if not stopping:
            stopping = True
            raise Stopped(signum)

    previous = {signum: signal.signal(signum, handle) for signum in SIGNALS}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


@contextlib.contextmanager
def sigterm_as_ctrl_c() -> Iterator[None]:
    """SIGTERM (a service manager's or a test's stop) raises KeyboardInterrupt, as Ctrl-C does:
    the preview (MkDocs' serve) then cleans up as after Ctrl-C and removes the temporary folder
    of the site it served, which the signal's default would leave behind."""
    previous = signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def run(
    command: Sequence[str], *, cwd: Path | None = None, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run command to its end (in cwd and with env, if given), its output captured. In a session
    of its own, so that if this process is stopped meanwhile, the command and everything it
    started are killed with it instead of going on writing into a folder that is being removed."""
    pipe = subprocess.PIPE
    with subprocess.Popen(
        command, cwd=cwd, env=env, stdout=pipe, stderr=pipe, text=True, start_new_session=True
    ) as process:
        try:
            output, errors = process.communicate()
        except BaseException:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            raise
    return subprocess.CompletedProcess(process.args, process.returncode, output, errors)


def give_back_freed_memory() -> None:
    """Hand back to the system what this process has freed but its C allocator still holds for
    reuse (glibc keeps the freed middle of its heap), before processes of its own start beside
    it: Pagefind, or forked workers, which would share those pages and copy each one that this
    process then reuses. At M it took the build's process from 190 to 158 MB before Pagefind, in
    10 ms, and from 165 to 126 MB before the conversion's workers were forked
    (bench/HISTORY.md). Where the C library has no malloc_trim (not glibc), it does nothing."""
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):
        return
    trim(0)


def identity() -> dict[str, object]:
    """What tells this process apart from any other, even one that gets its id later: the id,
    the host, and when it started."""
    pid = os.getpid()
    return {"pid": pid, "host": socket.gethostname(), "started": _start_time(pid)}


def is_gone(owner: dict[str, object]) -> bool:
    """True only when the process that identity() described has certainly ended: on another
    host, or without a readable identity, it may still be running."""
    pid = owner.get("pid")
    if owner.get("host") != socket.gethostname() or not isinstance(pid, int) or isinstance(pid, bool):
        return False
    started = _start_time(pid)
    return started is None or started != owner.get("started")


def _start_time(pid: int) -> str | None:
    """When the process started (Linux: clock ticks after boot, field 22 of /proc/PID/stat);
    '' where the system does not say; None when there is no such process."""
    if not Path("/proc/self/stat").is_file():
        return "" if _exists(pid) else None
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return None
    return stat.rsplit(")", 1)[1].split()[19]  # after the command name in brackets, field 3 on


def _exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        pass
    return True
