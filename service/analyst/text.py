"""An analyst's Cypher text as the guard reads it: literals blanked, its size, its nesting.

Neo4j's parser recurses once per nesting level and a deep enough text overflows its stack:
the server then never answers (measured on 5.26, cold: 400 nested brackets, 300 `NOT`s,
200 nested `CASE`s, 200 steps of a property chain `m.a.a…`, 15 000 operators in a row, about
1 000 UNION parts; long chains also plan for minutes). So the text is measured here, in
Python, before anything reaches Neo4j; every construct passes at a depth of 200.
"""

from __future__ import annotations

import re

from core.errors import InvalidParameter

# Strings, names in backticks and comments, as Neo4j's lexer reads them (an unclosed one runs
# to the end of the text); backslash escapes in strings, `` inside backtick names.
_LITERAL = re.compile(
    r"//[^\n]*|/\*(?:.*?\*/|.*)"
    r"|'(?:[^'\\]|\\(?:.|$))*'?"
    r'|"(?:[^"\\]|\\(?:.|$))*"?'
    r"|`(?:[^`]|``)*`?", re.DOTALL)
# What nests: brackets, and CASE … END (a property called `end`, after a dot, is no END).
_NESTING = re.compile(r"[()\[\]{}]|(?<![.\w])(?:CASE|END)(?!\w)", re.IGNORECASE)
_CASE = re.compile(r"(?<![.\w])CASE(?!\w)", re.IGNORECASE)
# Each UNION nests the query one level deeper: 1 000 parts plan for minutes or overflow.
_UNION = re.compile(r"(?<![.\w])UNION(?!\w)", re.IGNORECASE)
_PAIRS = {")": "(", "]": "[", "}": "{", "END": "CASE"}
# Two things nest without brackets: a run of prefix NOTs, and a chain of property lookups
# and indexes (`m.a.b`, `m[0][1]`), each step one level deeper for the parser.
_NOT_RUN = re.compile(r"(?:(?<!\w)NOT(?!\w)[\s(]*)+", re.IGNORECASE)
_CHAIN_STEP = re.compile(r"\.\s*[A-Za-z_$][\w$]*|\[[^\[\]]*\]")
_CHAIN = re.compile(rf"(?:(?:{_CHAIN_STEP.pattern})\s*){{2,}}")
# Parser stack per level, relative to a bracket (measured): CASE and chain steps cost twice.
CASE_WEIGHT = CHAIN_WEIGHT = 2
# A chain of binary operators (`1+1+…`, label expressions `A&B|C`) nests too, left-deep, and
# plans in time quadratic in its length: 10 000 `+` plan for 19 s, 15 000 overflow. Ten
# operators in a row count a level.
OPERATORS_PER_LEVEL = 10
_OPERATOR = (r"<>|!=|<=|>=|=~|\|\||[-+*/%^=<>|&]"
             r"|(?<![.\w])(?:AND|OR|XOR|IN|STARTS|ENDS|CONTAINS|IS)(?!\w)")
_OPERATOR_WORDS = ("and", "or", "xor", "in", "starts", "ends", "contains", "is")
_OPERATOR_CHAIN = re.compile(
    r"(?P<open>[(\[{])|(?P<close>[)\]}])"
    r"|(?P<end>[,;]|(?<![.\w])(?:MATCH|OPTIONAL|WHERE|WITH|RETURN|UNWIND|CALL|YIELD|UNION"
    rf"|ORDER|SKIP|LIMIT|WHEN|THEN|ELSE|END)(?!\w))|(?P<op>{_OPERATOR})", re.IGNORECASE)


def mask(text: str) -> tuple[str, int | None]:
    """The text with strings and comments blanked, backtick names as `_`; and the first `;`."""
    # Same length, so positions in the mask are positions in the text; a backtick name stays
    # a name, so m.`a`.`b` still reads as a chain.
    code = _LITERAL.sub(lambda m: ("_" if m[0][0] == "`" else " ") * len(m[0]), text)
    semicolon = code.find(";")
    return code, None if semicolon < 0 else semicolon


def check_size(text: str, max_bytes: int) -> None:
    """Refuse a text longer than max_bytes in UTF-8 (422, naming the limit)."""
    size = len(text) if text.isascii() else len(text.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        raise _too_much("query_bytes", size, max_bytes,
                        f"The query is {size:,} bytes long (UTF-8); at most {max_bytes:,} are "
                        "accepted (PEERGRAPH_ANALYST_MAX_QUERY_BYTES).")


def nesting_depth(code: str, stop_above: int | None = None) -> int:
    """How deep a masked text nests: open brackets and CASEs at the deepest point, plus its
    longest run of NOTs, chain of lookups and chain of operators, and its UNIONs; counting
    may stop once past stop_above."""
    lowered = code.lower()  # the regexes below only run on a text that can match them
    extra = 0
    if "." in code or "[" in code:
        extra += CHAIN_WEIGHT * max((len(_CHAIN_STEP.findall(run))
                                     for run in _CHAIN.findall(code)), default=0)
    if "not" in lowered:
        extra += max((run.upper().count("NOT") for run in _NOT_RUN.findall(code)), default=0)
    extra += _longest_operator_chain(code, lowered, stop_above) // OPERATORS_PER_LEVEL
    if "union" in lowered:
        extra += len(_UNION.findall(code))
    cases = len(_CASE.findall(code)) if "case" in lowered else 0
    limit = None if stop_above is None else stop_above - extra
    return extra + _open_depth(code, cases, limit)


def _open_depth(code: str, cases: int, stop_above: int | None) -> int:
    """The most brackets and CASEs open at once; a closer only closes its own kind, so stray
    ones cannot hide depth from the count."""
    if stop_above is not None and (sum(map(code.count, "([{")) + CASE_WEIGHT * cases
                                   <= stop_above):
        return 0  # even all of them open at once would pass: no need to walk them
    stack: list[str] = []
    depth = deepest = 0
    for match in _NESTING.finditer(code):
        word = match[0] if len(match[0]) == 1 else match[0].upper()
        if word in _PAIRS:
            if stack and stack[-1] == _PAIRS[word]:
                depth -= CASE_WEIGHT if stack.pop() == "CASE" else 1
            continue
        stack.append(word)
        depth += CASE_WEIGHT if word == "CASE" else 1
        if depth > deepest:
            deepest = depth
            if stop_above is not None and deepest > stop_above:
                break
    return deepest


def _longest_operator_chain(code: str, lowered: str, stop_above: int | None) -> int:
    """The most binary operators in a row in one expression (between commas, clause
    keywords and brackets of its own level); may stop once past stop_above levels."""
    # At most this many operators (words counted wherever they occur): counted in C.
    most = sum(map(code.count, "-+*/%^=<>|&~")) + sum(map(lowered.count, _OPERATOR_WORDS))
    if most < 10 * OPERATORS_PER_LEVEL:
        return most  # even all in one chain would be under ten levels
    enough = None if stop_above is None else (stop_above + 1) * OPERATORS_PER_LEVEL
    counts, longest = [0], 0
    for match in _OPERATOR_CHAIN.finditer(code):
        kind = match.lastgroup
        if kind == "open":
            counts.append(0)
        elif kind == "close":
            if len(counts) > 1:
                counts.pop()
        elif kind == "end":
            counts[-1] = 0
        else:
            counts[-1] += 1
            longest = max(longest, counts[-1])
            if enough is not None and longest >= enough:
                break
    return longest


def check_depth(code: str, max_depth: int) -> None:
    """Refuse a masked text nested deeper than max_depth (422, naming the limit)."""
    depth = nesting_depth(code, stop_above=max_depth)
    if depth > max_depth:
        raise _too_much("depth", depth, max_depth,
                        f"The query nests more than {max_depth:,} levels deep "
                        "(PEERGRAPH_ANALYST_MAX_DEPTH). Brackets (), [], {} outside strings "
                        "and comments count one level each and a CASE two; the longest run "
                        "of NOTs, the longest property or index chain (two per step), the "
                        "longest chain of operators (one per ten) and each UNION are added. "
                        "Neo4j's parser overflows on deeply nested text.")


def _too_much(limit: str, value: int, maximum: int, detail: str) -> InvalidParameter:
    """The 422 for a text past one of its limits; errors name the limit and its value."""
    return InvalidParameter(detail, errors=[{
        "parameter": "query", "in": "body", "message": f"{limit} {value} > {maximum}",
        "limit": limit, "maximum": maximum, "value": value}])
