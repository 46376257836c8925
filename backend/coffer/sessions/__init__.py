"""Stateless sessions: signed tokens, their keys, cookies and revocation."""
