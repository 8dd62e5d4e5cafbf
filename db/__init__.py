"""Doorstep's data layer and domain logic. Never imports Qt (checked by import-linter)."""
