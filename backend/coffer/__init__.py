"""Coffer: a web console for a multi-tenant S3 object store."""
