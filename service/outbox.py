"""Where outgoing e-mail goes: a file or the log in development, SMTP in production.

PEERGRAPH_OUTBOX chooses; `outbox_from(settings)` builds the one the service uses."""

from __future__ import annotations

import json
import logging
import os
import smtplib
import threading
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Protocol

from core.errors import UpstreamUnavailable
from core.settings import Settings

log = logging.getLogger("peergraph.outbox")


@dataclass(frozen=True)
class Message:
    """One plain-text e-mail."""

    to: str
    subject: str
    body: str


class Outbox(Protocol):
    """Anything that can send a message."""

    def send(self, message: Message) -> None:
        """Deliver the message, or raise."""


class FileOutbox:
    """Appends each message as one JSON line to a file: the development mailbox."""

    _lock = threading.Lock()

    def __init__(self, path: Path) -> None:
        self.path = path

    def send(self, message: Message) -> None:
        """Append the message with the time it was sent."""
        line = json.dumps({"at": datetime.now(UTC).isoformat(), **asdict(message)})
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not self.path.exists():  # it holds codes: readable by this user only
            os.close(os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600))
        with self._lock, self.path.open("a", encoding="utf-8") as out:
            out.write(line + "\n")


class LogOutbox:
    """Writes each message to the log (development only: the log then holds the codes)."""

    def send(self, message: Message) -> None:
        """Log the message."""
        log.info("outbox: to=%s subject=%r\n%s", message.to, message.subject, message.body)


class SmtpOutbox:
    """Sends through an SMTP server, with STARTTLS and login when configured."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def send(self, message: Message) -> None:
        """Send one message; a server that fails or refuses it raises UpstreamUnavailable."""
        s = self.settings
        email = EmailMessage()
        email["From"], email["To"], email["Subject"] = s.smtp_from, message.to, message.subject
        email.set_content(message.body)
        try:
            with smtplib.SMTP(s.smtp_host, s.smtp_port, timeout=s.smtp_timeout_s) as smtp:
                if s.smtp_starttls:
                    smtp.starttls()
                if s.smtp_user and s.smtp_password is not None:
                    smtp.login(s.smtp_user, s.smtp_password.get_secret_value())
                smtp.send_message(email)
        except (OSError, smtplib.SMTPException) as exc:
            raise UpstreamUnavailable(
                f"Could not send e-mail through {s.smtp_host}:{s.smtp_port} "
                f"({type(exc).__name__}); check PEERGRAPH_SMTP_* settings.") from exc


def outbox_from(settings: Settings) -> Outbox:
    """The outbox PEERGRAPH_OUTBOX names."""
    if settings.outbox == "smtp":
        return SmtpOutbox(settings)
    if settings.outbox == "log":
        return LogOutbox()
    return FileOutbox(settings.outbox_path)
