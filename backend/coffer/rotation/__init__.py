"""Rotation of the deployment's own keys: token signing keys and the master key that seals secrets."""
