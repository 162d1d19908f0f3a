"""Scoring: topics, collaborators, trust and verification."""
