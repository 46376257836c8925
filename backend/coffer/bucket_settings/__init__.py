"""A bucket's settings (versioning, CORS, tags, policy), read and changed by its account's admins as themselves."""
