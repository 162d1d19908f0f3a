"""The outboxes that carry claim codes: SMTP against a local fake SMTP server (the real
smtplib path), the development file outbox, and the choice made by settings."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from identity_fakes import FakeSmtp
from identity_helpers import User

from core.errors import UpstreamUnavailable
from core.settings import Settings
from service.app import create_app
from service.outbox import FileOutbox, LogOutbox, Message, SmtpOutbox, outbox_from


@pytest.fixture
def smtp() -> Iterator[FakeSmtp]:
    fake = FakeSmtp()
    yield fake
    fake.close()


def test_smtp_outbox_delivers_through_a_server(smtp: FakeSmtp, settings: Settings) -> None:
    box = outbox_from(settings.model_copy(update={
        "outbox": "smtp", "smtp_port": smtp.port, "smtp_starttls": False,
        "smtp_from": "Peergraph <codes@peergraph.test>"}))
    assert isinstance(box, SmtpOutbox)
    box.send(Message(to="ada@uni.example.edu", subject="Your code", body="123456\n"))
    [mail] = smtp.received
    assert mail["to"] == ["<ada@uni.example.edu>"] and "codes@peergraph.test" in mail["from"]
    assert "Subject: Your code" in mail["data"] and "123456" in mail["data"]


def test_an_unreachable_smtp_server_is_a_clear_502(settings: Settings, smtp: FakeSmtp) -> None:
    port = smtp.port
    smtp.close()
    box = SmtpOutbox(settings.model_copy(update={"smtp_port": port, "smtp_starttls": False}))
    with pytest.raises(UpstreamUnavailable, match="PEERGRAPH_SMTP"):
        box.send(Message(to="a@b.example", subject="s", body="b"))


def test_claim_codes_go_out_by_smtp_when_configured(
        graph: object, id_settings: Settings, smtp: FakeSmtp, admin: User) -> None:
    smtp_settings = id_settings.model_copy(update={
        "outbox": "smtp", "smtp_port": smtp.port, "smtp_starttls": False})
    with TestClient(create_app(smtp_settings)) as client:
        response = client.post("/api/v1/authors/researcher1/claims", headers=admin.headers,
                               json={"method": "email"})
    assert response.status_code == 201, response.text
    [mail] = smtp.received
    assert mail["to"] == ["<r1@example.org>"] and "the code is" in mail["data"]


def test_file_and_log_outboxes(tmp_path: Path, settings: Settings,
                               caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "deep" / "outbox.jsonl"
    box = outbox_from(settings.model_copy(update={"outbox": "file", "outbox_path": path}))
    assert isinstance(box, FileOutbox)
    box.send(Message(to="a@b.example", subject="one", body="1"))
    box.send(Message(to="c@d.example", subject="two", body="2"))
    assert [line.count('"subject"') for line in path.read_text().splitlines()] == [1, 1]
    log_box = outbox_from(settings.model_copy(update={"outbox": "log"}))
    assert isinstance(log_box, LogOutbox)
    with caplog.at_level("INFO", logger="peergraph.outbox"):
        log_box.send(Message(to="a@b.example", subject="three", body="3"))
    assert "three" in caplog.text
