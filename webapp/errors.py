"""Refusals of a use case, with the message in Chinese for the person who asked."""

from __future__ import annotations


class OperationError(Exception):
    """A use case refused, with a message in Chinese for the person who asked."""


class NotAllowed(OperationError):
    """The object is in a state where this is not allowed (HTTP 409)."""
