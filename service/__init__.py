"""Peergraph service: settings, the Neo4j driver, the FastAPI app and the CLI."""
