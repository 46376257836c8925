"""Sign-in: passwords, TOTP, recovery codes and brute-force regulation, each in its own module."""
