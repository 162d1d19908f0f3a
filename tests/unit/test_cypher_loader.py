"""The Cypher loader: files by name, cached, unknown names raise, schema splits cleanly."""

import pytest

import cypher


def test_loads_a_query_by_name_and_caches_it() -> None:
    text = cypher.query("health/get_schema_version")
    assert "SchemaVersion" in text
    assert cypher.query("health/get_schema_version") is text


@pytest.mark.parametrize("name", ["nope/missing", "health", "../service/app", "health/../x"])
def test_unknown_or_escaping_names_raise(name: str) -> None:
    with pytest.raises(cypher.UnknownQuery):
        cypher.query(name)


def test_schema_files_split_into_single_statements() -> None:
    constraints = cypher.statements("schema/create_constraints")
    assert all(s.startswith("CREATE CONSTRAINT") and ";" not in s for s in constraints)
    assert len(constraints) >= 10


def test_every_query_file_states_its_contract() -> None:
    for name in cypher.names():
        assert cypher.query(name).lstrip().startswith("//"), f"{name} has no contract comment"
