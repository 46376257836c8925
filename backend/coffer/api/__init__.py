"""What every route shares: problem JSON, operations with validation, the session guard, OpenAPI."""
