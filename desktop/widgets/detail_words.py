"""The counted words of a request's detail (desktop/widgets/request_detail.py), made
where a class's ``tr()`` can say them: PySide6's lupdate reads plural forms only from
``self.tr(text, "", n)``, not from ``QCoreApplication.translate``."""

from __future__ import annotations

from PySide6.QtCore import QObject


class DetailWords(QObject):
    def days(self, n: int) -> str:
        return self.tr("%n days", "", n)

    def cameras_in_area(self, n: int) -> str:
        return self.tr("%n of your cameras are in the area;", "", n)

    def clips_overlap(self, n: int) -> str:
        return self.tr("%n clips overlap the window.", "", n)

    def uncertain(self, n: int) -> str:
        return self.tr(
            "<p><b>⚠ %n clips with an uncertain recording time</b> (approving needs your "
            "confirmation):</p>",
            "",
            n,
        )

    def more(self, n: int) -> str:
        return self.tr("… and %n more", "", n)

    def sharing(self, value: str) -> str:
        """Whom the agency may pass the footage on to (the request's value in words)."""
        words = {
            "none": self.tr("none"),
            "prosecution": self.tr("prosecution"),
            "other_agencies": self.tr("other agencies"),
            "unrestricted": self.tr("unrestricted"),
        }
        return words.get(value, value.replace("_", " "))
