"""Redaction of excerpts before they are shared (docs/redaction.md): the camera's
privacy masks, faces found by the detector, boxes the resident draws that follow an
object, and the plan that says what is hidden where, reviewed and accepted by the
resident before anything leaves the machine. No Qt, no database access in the plan
itself."""
