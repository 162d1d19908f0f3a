"""Pydantic response models of the exploration API (FastAPI serialises them directly)."""
