"""The face detector's model file: its name in the models folder and the SHA-256 of the
file the set-up writes there (resources/models/fetch_centerface.py, README beside it)."""

from __future__ import annotations

MODEL_FILE = "centerface.onnx"
MODEL_SHA256 = "5aaf17b351911ad4a27f126d2de45809710c458b95cba4a6478c4fd4e2e9d978"
