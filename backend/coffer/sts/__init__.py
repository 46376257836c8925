"""Temporary storage credentials of signed-in account users."""
