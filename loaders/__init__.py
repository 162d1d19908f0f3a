"""Loaders: sources to graph."""
