"""The review workspace for one request (README, "Reviewing a request"): the request's
terms and rule results at the top, a timeline of its window with every candidate clip
as a bar per camera, a large preview of the selected clip, and the decision buttons
and keys. One candidates model (desktop/models/candidates.py) and one selection model
are shared by the timeline, the list and the preview. Small modules, one per part:
``terms`` (what the request asks, in words), ``timeline`` (the bars), ``preview`` (the
player and the redacted preview), ``deciding`` (decisions on the database thread, as
the request panel makes them), ``window`` (the window that composes them) and ``hook``
(how the main window opens it)."""
