"""The clips table's columns: key, header and the SQL sort key, and the headers'
tips. The words are English here and shown in the window's language by the model
(the catalogue's context "ClipsModel")."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

COLUMNS = [
    ("clip", str(QT_TRANSLATE_NOOP("ClipsModel", "Clip")), "path"),
    ("camera", str(QT_TRANSLATE_NOOP("ClipsModel", "Camera")), "camera"),
    ("start", str(QT_TRANSLATE_NOOP("ClipsModel", "Start")), "start"),
    ("duration", str(QT_TRANSLATE_NOOP("ClipsModel", "Duration")), "duration"),
    ("resolution", str(QT_TRANSLATE_NOOP("ClipsModel", "Resolution")), "resolution"),
    ("audio", str(QT_TRANSLATE_NOOP("ClipsModel", "Audio")), "audio"),
    ("size", str(QT_TRANSLATE_NOOP("ClipsModel", "Size")), "size"),
    # not sortable: the state is read per page, not in the id list
    ("hold", str(QT_TRANSLATE_NOOP("ClipsModel", "Hold")), ""),
    ("children", str(QT_TRANSLATE_NOOP("ClipsModel", "Children")), "children"),
    ("private", str(QT_TRANSLATE_NOOP("ClipsModel", "Private")), "private"),
]
COL = {key: i for i, (key, _, _) in enumerate(COLUMNS)}
HEADER_TIPS = {
    "start": str(
        QT_TRANSLATE_NOOP(
            "ClipsModel",
            "When the recording began, on this computer's clock (the tooltip of each "
            "start gives the camera's local time)",
        )
    ),
    "audio": str(
        QT_TRANSLATE_NOOP("ClipsModel", "Whether the file has sound (shared copies never do)")
    ),
    "children": str(
        QT_TRANSLATE_NOOP(
            "ClipsModel", "Shows children: sharing such a clip needs an extra confirmation"
        )
    ),
    "private": str(
        QT_TRANSLATE_NOOP("ClipsModel", "Private: sharing such a clip needs an extra confirmation")
    ),
    "hold": str(
        QT_TRANSLATE_NOOP(
            "ClipsModel",
            "Whether Doorstep holds a verified copy, and whether the recorder's file is "
            "still there and unchanged",
        )
    ),
}
