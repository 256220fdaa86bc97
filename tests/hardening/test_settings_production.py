"""Helpers that run code under the production settings in a separate interpreter."""

from tests.home.test_settings import run_python

__all__ = ["run_python"]
