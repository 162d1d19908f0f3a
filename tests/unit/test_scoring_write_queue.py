"""The writer thread: jobs run in order, the first error reaches the run, abandon skips."""

import threading

import pytest

from scoring.write_queue import BackgroundWriter


def test_jobs_run_in_order_and_wait_returns_when_all_are_done() -> None:
    done: list[int] = []
    writer = BackgroundWriter()
    for i in range(20):
        writer.submit(lambda i=i: done.append(i))
    writer.wait()
    assert done == list(range(20))


def test_the_first_error_is_raised_and_later_jobs_are_skipped() -> None:
    done: list[str] = []
    writer = BackgroundWriter()

    def fail() -> None:
        raise RuntimeError("write failed")

    writer.submit(fail)
    writer.submit(lambda: done.append("after"))
    with pytest.raises(RuntimeError, match="write failed"):
        writer.wait()
    assert done == []
    with pytest.raises(RuntimeError, match="write failed"):
        writer.submit(lambda: done.append("later"))


def test_abandon_skips_what_is_queued() -> None:
    release, done = threading.Event(), []
    writer = BackgroundWriter()
    writer.submit(release.wait)  # holds the thread until released
    writer.submit(lambda: done.append("queued"))
    threading.Timer(0.05, release.set).start()
    writer.abandon()
    assert done == []
    writer.check()  # abandoning forgets errors: the run's own error is the one raised
