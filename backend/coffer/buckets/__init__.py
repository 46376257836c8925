"""An account's buckets, made and deleted by its admins with their own storage credentials."""
