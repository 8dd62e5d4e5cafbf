"""Doorstep's Qt desktop application."""
