"""The Redis boundary: every key name and data layout of Coffer lives in this package."""
