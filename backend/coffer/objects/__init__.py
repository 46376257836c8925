"""The object browser: a tenant's objects read with the signed-in person's own STS credentials."""
