"""Outgoing mail: templates, a Redis-backed queue, and a sender that retries with backoff."""
