"""Accounts (tenants) and what they hold in the storage system."""
