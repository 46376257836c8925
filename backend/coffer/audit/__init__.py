"""The audit trail of every state-changing action."""
