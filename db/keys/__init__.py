"""Secrets and signatures: the OS keyring (the only code that touches it) and Ed25519
keys and signatures over canonical JSON."""
