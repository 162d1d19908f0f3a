"""The interactive shell's commands and its multi-line prompt, without a database."""

from __future__ import annotations

from pathlib import Path

from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from rich.console import Console

from cli.shell import Shell, ShellState, parse_param, prompt_session
from core.errors import Forbidden


def _shell() -> tuple[Shell, list[tuple[str, ShellState]], Console]:
    ran: list[tuple[str, ShellState]] = []
    console = Console(record=True, width=200)

    def run(text: str, state: ShellState) -> None:
        if "CREATE" in text:
            raise Forbidden("Refused: the query writes to the graph (Create).")
        ran.append((text, state))

    return Shell(run, lambda: console.print("the model"), console), ran, console


def test_commands_change_the_state_and_statements_run() -> None:
    shell, ran, console = _shell()
    entries = iter([":format csv", ":limit 5", ":timeout 250", ":param who=\"a1\"",
                    ":param n=3", "RETURN $who;", "CREATE (n);", ":schema", ":nonsense"])
    shell.loop(lambda: next(entries, ":quit"))
    state = shell.state
    assert (state.fmt, state.limit, state.timeout_ms) == ("csv", 5, 250)
    assert state.parameters == {"who": "a1", "n": 3}
    assert [text for text, _ in ran] == ["RETURN $who;"]
    output = console.export_text()
    assert "writes to the graph" in output and "the model" in output and "exit, quit" in output


def test_bad_commands_print_an_error_and_carry_on() -> None:
    shell, _, console = _shell()
    assert shell.handle(":limit many") is True
    assert shell.handle(":param nothing") is True
    assert "error" in console.export_text()
    assert shell.handle(":quit") is False


def test_end_of_input_leaves_the_loop() -> None:
    shell, ran, _ = _shell()

    def read() -> str:
        raise EOFError

    shell.loop(read)
    assert ran == []


def test_parse_param_takes_json_or_text() -> None:
    assert parse_param("a=[1, 2]") == ("a", [1, 2])
    assert parse_param("name=Ada Lovelace") == ("name", "Ada Lovelace")


def test_the_prompt_reads_several_lines_until_a_semicolon(tmp_path: Path) -> None:
    history = tmp_path / "history"
    with create_pipe_input() as pipe:
        pipe.send_text("MATCH (n)\rRETURN count(n);\r")
        session = prompt_session(history, input=pipe, output=DummyOutput())
        assert session.prompt() == "MATCH (n)\nRETURN count(n);"
        pipe.send_text(":quit\r")
        assert session.prompt() == ":quit"
    assert "RETURN count(n);" in history.read_text()


def test_exit_and_quit_leave_as_in_cypher_shell_and_psql() -> None:
    for word in ("exit", "quit", "exit;", "QUIT", ":exit", ":q"):
        shell, ran, _ = _shell()
        assert shell.handle(word) is False, word
        assert ran == []


def test_param_arrow_history_and_one_error_wording() -> None:
    shell, _, console = _shell()
    shell.handle(":param who => 'a1'")
    shell.handle(':param n => 3')
    assert shell.state.parameters == {"who": "'a1'", "n": 3}
    shell.handle("RETURN $n;")
    shell.handle("CREATE (:X {tag: '[bold]'});")
    shell.handle(":history")
    output = console.export_text()
    assert "  1  RETURN $n;" in output and "  2  CREATE (:X {tag: '[bold]'});" in output
    # the same "error: …" line as one-shot, the statement's brackets kept as typed
    assert "error: Refused: the query writes to the graph" in output
