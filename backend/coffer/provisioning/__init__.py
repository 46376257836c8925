"""Making an account real: the provisioning saga shared by direct creation and approved requests."""
