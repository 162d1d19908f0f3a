"""Every operation of the OpenAPI document shows an example of its request and its answers
(success and problem), and every example validates against its model, so none can rot."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from collections.abc import Iterator
from functools import cache
from typing import Any

from fastapi.routing import APIRoute
from pydantic import BaseModel, TypeAdapter, ValidationError

import service.schemas
from core.settings import Settings
from service.schemas.problem import PROBLEM_MEDIA_TYPE, ProblemBody

VERBS = {"get", "post", "put", "patch", "delete"}
REF = "#/components/schemas/"
# A token secret is the real prefix and a run of x; anything else shaped like one is a leak.
FAKE_SECRET = re.compile(r"^pg_x+$")
EMAIL = re.compile(r"[^\s@\"'<>]+@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)")


@cache
def _document() -> dict[str, Any]:
    """The OpenAPI document, as the app (built without a database) serves it."""
    from service.app import create_app

    return create_app(Settings(secret_key="k" * 43, neo4j_password="unused")).openapi()


def _operations() -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(VERB, path, operation) of every operation in the document."""
    for path, item in _document()["paths"].items():
        for verb, operation in item.items():
            if verb in VERBS:
                yield verb.upper(), path, operation


@cache
def _models() -> dict[str, type[BaseModel]]:
    """The pydantic models of service/schemas by class name (the components' names)."""
    found: dict[str, type[BaseModel]] = {}
    for info in pkgutil.iter_modules(service.schemas.__path__):
        module = importlib.import_module(f"service.schemas.{info.name}")
        for name, value in vars(module).items():
            if inspect.isclass(value) and issubclass(value, BaseModel) \
                    and value.__module__ == module.__name__:
                found[name] = value
    return found


def _schema_examples(schema: dict[str, Any]) -> list[Any]:
    """Examples of a schema, following a $ref to its component."""
    if ref := schema.get("$ref"):
        schema = _document()["components"]["schemas"][ref.removeprefix(REF)]
    found = list(schema.get("examples") or [])
    for branch in schema.get("anyOf", []):  # an optional body: the model or null
        found += _schema_examples(branch)
    return found


def _media_examples(media: dict[str, Any]) -> list[Any]:
    """Examples a reader sees for one media type: its own, else its schema's."""
    own = ([media["example"]] if "example" in media else []) + [
        entry["value"] for entry in (media.get("examples") or {}).values()]
    return own or _schema_examples(media.get("schema") or {})


def _round_trips(model: type[BaseModel], example: Any) -> str | None:
    """None when the example validates and says nothing the model would drop; else why."""
    try:
        parsed = model.model_validate(example)
    except ValidationError as exc:
        return str(exc)
    again = parsed.model_dump(mode="json", by_alias=True, exclude_unset=True)
    return None if again == example else f"round trip changes it: {again!r}"


@cache
def _routes() -> dict[tuple[str, str], APIRoute]:
    """The API's routes by (VERB, path as the document writes it)."""
    import service.routers
    from service.routers import health

    found = {}
    for info in pkgutil.iter_modules(service.routers.__path__):
        module = importlib.import_module(f"service.routers.{info.name}")
        prefix = "" if module is health else "/api/v1"
        for route in getattr(getattr(module, "router", None), "routes", []):
            if isinstance(route, APIRoute):
                found |= {(verb, prefix + route.path_format): route for verb in route.methods}
    return found


def test_every_operation_shows_a_request_and_a_success_example() -> None:
    missing = []
    for verb, path, operation in _operations():
        for status, response in operation["responses"].items():
            media = (response.get("content") or {}).get("application/json")
            if status.startswith("2") and media is not None and not _media_examples(media):
                missing.append(f"{verb} {path} ({status} response)")
        body = (operation.get("requestBody") or {}).get("content", {}).get("application/json")
        if body is not None and not _media_examples(body):
            missing.append(f"{verb} {path} (request body)")
    assert len(list(_operations())) > 40  # the check must not pass by finding nothing
    assert missing == [], "no example:\n" + "\n".join(missing)


def test_every_problem_answer_shows_an_example_of_its_status() -> None:
    missing, wrong = [], []
    for verb, path, operation in _operations():
        for status, response in operation["responses"].items():
            if int(status) < 400:
                continue
            media = (response.get("content") or {}).get(PROBLEM_MEDIA_TYPE)
            examples = _media_examples(media) if media is not None else []
            if not examples:
                missing.append(f"{verb} {path} ({status} {PROBLEM_MEDIA_TYPE})")
            for example in examples:
                why = _round_trips(ProblemBody, example)
                if why or example["status"] != int(status) \
                        or example["type"] != f"https://peergraph.dev/problems/{example['code']}":
                    wrong.append(f"{verb} {path} ({status}): {why or example}")
    assert missing == [], "no problem example:\n" + "\n".join(missing)
    assert wrong == [], "\n".join(wrong)


def test_every_schema_example_validates_against_its_model() -> None:
    models, wrong, seen = _models(), [], 0
    for name, schema in _document()["components"]["schemas"].items():
        for example in schema.get("examples") or []:
            seen += 1
            if name not in models:
                wrong.append(f"{name}: an example, but no model of that name in service/schemas")
            elif why := _round_trips(models[name], example):
                wrong.append(f"{name}: {why}")
    assert seen > 20
    assert wrong == [], "\n".join(wrong)


def test_every_route_level_example_validates_against_the_route_answer() -> None:
    wrong = []
    for verb, path, operation in _operations():
        for status, response in operation["responses"].items():
            media = (response.get("content") or {}).get("application/json") or {}
            if not status.startswith("2") or "example" not in media:
                continue
            ref = (media.get("schema") or {}).get("$ref", "")
            if ref:  # a model documented in `responses` (the analyst answer)
                why = _round_trips(_models()[ref.removeprefix(REF)], media["example"])
                if why:
                    wrong.append(f"{verb} {path} ({status}): {why}")
                continue
            declared = _routes()[verb, path].response_model
            assert declared is not None, f"{verb} {path}: an example of an undeclared answer"
            try:
                TypeAdapter(declared).validate_python(media["example"])
            except ValidationError as exc:
                wrong.append(f"{verb} {path} ({status}): {exc}")
    assert wrong == [], "\n".join(wrong)


def _strings(value: Any, key: str = "") -> Iterator[tuple[str, str]]:
    """(key, string) of every string in an example, however deep."""
    if isinstance(value, str):
        yield key, value
    elif isinstance(value, dict):
        for name, inner in value.items():
            yield from _strings(inner, str(name))
    elif isinstance(value, list):
        for inner in value:
            yield from _strings(inner, key)


def test_examples_hold_no_secret_and_no_real_address() -> None:
    leaks = []
    for key, text in _strings(_document()):
        if (key == "secret" or text.startswith("pg_")) and not FAKE_SECRET.match(text):
            leaks.append(f"{key}: {text}")
        for domain in EMAIL.findall(text):
            if not re.search(r"(^|\.)example\.(org|com|net|edu)$", domain):
                leaks.append(f"{key}: {text}")
    assert leaks == [], "\n".join(leaks)
