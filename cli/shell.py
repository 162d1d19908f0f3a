"""The interactive `peergraph cypher` shell: multi-line input, history, a few `:` commands.

A statement is sent when its last line ends with `;` (or Esc then Enter); a line starting
with `:` is a shell command. Ctrl-D or `:quit` leaves.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from prompt_toolkit import PromptSession
from prompt_toolkit.history import FileHistory
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent
from rich.console import Console

from cli.output import FORMATS, PROPERTY_BUDGET, print_error
from core.errors import PeergraphError

HELP = """Type Cypher; end it with `;` to run it (Esc then Enter also runs). Commands:
  :format table|csv|json|jsonl  how results print   :limit N        row cap
  :timeout MS          server-side time limit       :param k => v   set $k (JSON or text)
  :params              show parameters              :clear          forget parameters
  :history             this session's statements    :schema         the graph model
  :help                this list                    exit, quit, Ctrl-D  leave"""

HISTORY_SHOWN = 50
LEAVE = {"exit", "quit", ":quit", ":exit", ":q"}  # as cypher-shell and psql take them
Runner = Callable[[str, "ShellState"], None]


@dataclass
class ShellState:
    """What the shell remembers between statements."""

    fmt: str = "table"
    limit: int | None = None
    timeout_ms: int | None = None
    parameters: dict[str, Any] = field(default_factory=dict)
    props: int = PROPERTY_BUDGET


def parse_param(assignment: str) -> tuple[str, Any]:
    """`name=value` (or cypher-shell's `name => value`) with a JSON value, or the text as a
    string when it is not JSON."""
    name, sep, raw = assignment.partition("=>") if "=>" in assignment else \
        assignment.partition("=")
    raw = raw.strip() if sep == "=>" else raw
    if not sep or not name.strip():
        raise ValueError(f"want name=value, got {assignment!r}")
    try:
        value = json.loads(raw)
    except json.JSONDecodeError:
        value = raw
    return name.strip(), value


class Shell:
    """Reads statements and commands; hands statements to `run`, prints failures, goes on."""

    def __init__(self, run: Runner, schema: Callable[[], None], console: Console) -> None:
        self.run, self.schema, self.console, self.state = run, schema, console, ShellState()
        self.entries: list[str] = []  # this session's statements, for :history

    def handle(self, text: str) -> bool:
        """Act on one entry; False when the user asked to leave."""
        text = text.strip()
        if not text:
            return True
        if text.startswith(":"):
            return self.command(text[1:].split(maxsplit=1))
        if text.rstrip(";").strip().lower() in LEAVE:
            return False
        self.entries.append(text)
        try:
            self.run(text, self.state)
        except PeergraphError as exc:
            print_error(self.console, exc)
        return True

    def command(self, words: list[str]) -> bool:
        """One `:` command."""
        name, arg = [*words, "", ""][:2]
        state = self.state
        try:
            if name in {"quit", "exit", "q"}:
                return False
            if name == "format" and arg in FORMATS:
                state.fmt = arg
            elif name == "limit":
                state.limit = int(arg)
            elif name == "timeout":
                state.timeout_ms = int(arg)
            elif name == "param":
                key, value = parse_param(arg)
                state.parameters[key] = value
            elif name == "clear":
                state.parameters.clear()
            elif name == "params":
                self.console.print_json(data=state.parameters)
            elif name == "history":
                for number, entry in enumerate(self.entries[-HISTORY_SHOWN:], start=1):
                    self.console.print(f"{number:>3}  {entry}", highlight=False, markup=False)
            elif name == "schema":
                self.schema()
            else:
                self.console.print(HELP, highlight=False)
        except (ValueError, PeergraphError) as exc:
            print_error(self.console, exc)
        return True

    def loop(self, read: Callable[[], str]) -> None:
        """Read until EOF (Ctrl-D) or :quit; Ctrl-C drops the current entry."""
        while True:
            try:
                text = read()
            except KeyboardInterrupt:
                continue
            except EOFError:
                return
            if not self.handle(text):
                return


def submit_bindings() -> KeyBindings:
    """Enter runs a complete entry (ends with `;`, a `:` command, or empty), else adds a line."""
    bindings = KeyBindings()

    @bindings.add("enter")
    def _enter(event: KeyPressEvent) -> None:
        buffer = event.current_buffer
        text = buffer.text.strip()
        if not text or text.endswith(";") or text.startswith(":") or text.lower() in LEAVE:
            buffer.validate_and_handle()
        else:
            buffer.insert_text("\n")

    return bindings


def prompt_session(history: Path | None, **kwargs: Any) -> PromptSession[str]:
    """A multi-line prompt with persistent history (kwargs: input/output, for tests)."""
    return PromptSession(
        "cypher> ", multiline=True, key_bindings=submit_bindings(),
        prompt_continuation=lambda width, line, soft: "...> ".rjust(width),
        history=FileHistory(str(history)) if history else None, **kwargs)
