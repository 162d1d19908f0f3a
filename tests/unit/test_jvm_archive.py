"""The launcher JVMs' class-data archive (core/jvm_archive.py): recorded once, then mapped;
no JVM runs here."""

from __future__ import annotations

import os
from pathlib import Path

from core.jvm_archive import JvmArchive


def _jar(tmp_path: Path) -> Path:
    jar = tmp_path / "target" / "launcher.jar"
    jar.parent.mkdir()
    jar.write_bytes(b"jar")
    return jar


def test_the_first_run_records_and_the_next_maps_what_it_settled(tmp_path: Path) -> None:
    archive, scratch = JvmArchive(_jar(tmp_path), "server"), tmp_path / "home"
    scratch.mkdir()
    assert archive.options(scratch) == [
        f"-XX:ArchiveClassesAtExit={scratch / 'server.jsa.recording'}"]
    (scratch / "server.jsa.recording").write_bytes(b"classes")  # what the JVM writes at exit
    archive.settle(scratch)
    assert archive.options(scratch) == [f"-XX:SharedArchiveFile={archive.path}"]
    assert archive.path.read_bytes() == b"classes"
    assert not (scratch / "server.jsa.recording").exists()


def test_a_rebuilt_jar_records_a_new_archive_and_an_empty_recording_is_dropped(
        tmp_path: Path) -> None:
    jar, scratch = _jar(tmp_path), tmp_path
    archive = JvmArchive(jar, "importer")
    before = archive.path
    os.utime(jar, ns=(1, 1))
    assert archive.path != before
    archive.recording(scratch).write_bytes(b"")  # a JVM killed before it wrote anything
    archive.settle(scratch)
    assert not archive.path.exists()
