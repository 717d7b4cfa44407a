"""Benchmarks: public datasets read at run time from a folder the user points at (never shipped)."""
