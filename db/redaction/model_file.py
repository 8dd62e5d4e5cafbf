"""The face detector's model file: its name in the models folder and the SHA-256 of the
file the set-up writes there (resources/models/fetch_centerface.py, README beside it)."""

from __future__ import annotations

MODEL_FILE = "centerface_int8.onnx"
MODEL_SHA256 = "55ab937a716caf32e0ada81610d691bf56304d3a88d1615eb5d807d9b86a03b3"
