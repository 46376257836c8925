"""Self-service account requests: a visitor asks, confirms their mail, a storage administrator decides."""
