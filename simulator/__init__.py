"""Parley: rehearse a tough conversation with a counterpart that has real concerns."""

__version__ = "0.1.0"
