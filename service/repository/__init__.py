"""The exploration API's read layer: one function per query file, returning plain data."""
