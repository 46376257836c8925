"""Embedded defaults: Redis, SeaweedFS and an SMTP sink started by Coffer itself on loopback.

Used by `coffer run` (make run) and by the test fixtures, so both run the same real parts.
"""
