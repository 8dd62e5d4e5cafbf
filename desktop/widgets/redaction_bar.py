"""Beside a request's share options: whether faces are blurred in what is shared,
which approved clips have had what is hidden reviewed, and the button that opens the
review. Sharing waits until every approved clip is reviewed, unless the resident turns
face blurring off for this request (which asks first). The cameras' privacy masks are
hidden either way."""

from __future__ import annotations

import html

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop import theme


class RedactionBar(QWidget):
    review = Signal(int)  # the clip to review
    blur_off = Signal()  # the resident unticked hiding faces: the panel asks to confirm

    def __init__(self, blur_default: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.blur_default = blur_default
        self.blur = QCheckBox(self.tr("Blur faces in what is shared"))
        self.blur.setToolTip(
            self.tr(
                "Faces are found and pixelated, with the cameras' privacy masks; each "
                "approved excerpt is re-encoded"
            )
        )
        self.blur.setChecked(blur_default)
        self.blur.clicked.connect(lambda on: None if on else self.blur_off.emit())
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Which approved clips are reviewed"))
        self.button = QPushButton(self.tr("&Review redaction…"))
        self.button.setToolTip(
            self.tr("See the approved clip beside its redacted copy, adjust what is hidden, accept")
        )
        self.button.clicked.connect(self._review)
        self.clips: list[tuple[int, str, bool]] = []  # approved: id, file name, reviewed
        self.selected: list[int] = []  # the clips selected in the table
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.button)
        row.addStretch(1)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 6, 0, 0)
        box.addWidget(QLabel(self.tr("<b>Before sharing: what is hidden</b>")))
        box.addWidget(self.blur)
        box.addWidget(self.status)
        box.addLayout(row)

    def reset(self) -> None:
        """Another request: hiding as the preference says."""
        self.blur.setChecked(self.blur_default)
        self.set_clips([])

    @property
    def hiding(self) -> bool:
        return self.blur.isChecked()

    def set_clips(self, clips: list[tuple[int, str, bool]]) -> None:
        self.clips = clips
        self._show()

    def set_selected(self, clip_ids: list[int]) -> None:
        self.selected = clip_ids
        self._show()

    def unreviewed(self) -> list[int]:
        return [cid for cid, _name, reviewed in self.clips if not reviewed]

    def target(self) -> int | None:
        """The clip the button reviews: the selected approved one, else the first one
        not reviewed yet, else the first approved."""
        approved = [cid for cid, _n, _r in self.clips]
        for cid in self.selected:
            if cid in approved:
                return cid
        waiting = self.unreviewed()
        return waiting[0] if waiting else (approved[0] if approved else None)

    def _show(self) -> None:
        if not self.hiding:
            self.status.setText(
                self.tr("Faces are shared as recorded; your cameras' privacy masks still apply.")
            )
        elif not self.clips:
            self.status.setText(
                self.tr("Each approved clip is reviewed, faces blurred, before it is shared.")
            )
        else:
            lines = [
                (
                    self.tr("✓ {name}: reviewed")
                    if reviewed
                    else self.tr("• {name}: <b>not reviewed yet</b>")
                ).format(name=html.escape(name))
                for _cid, name, reviewed in self.clips[:12]
            ]
            if len(self.clips) > 12:
                lines.append(self.tr("… and %n more", "", len(self.clips) - 12))
            muted = theme.fg("#555555").name()  # readable in light and dark alike
            lines.append(
                self.tr(
                    "<span style='color:#555'>Blurring re-encodes each excerpt; the review "
                    "says how long it takes.</span>"
                ).replace("color:#555", f"color:{muted}")
            )
            self.status.setText("<br>".join(lines))
        target = self.target()
        self.button.setEnabled(target is not None and self.hiding)
        name = next((n for cid, n, _r in self.clips if cid == target), "")
        if len(name) > 32:  # the panel is narrow; the status lines name it whole
            name = name[:30] + "…"
        self.button.setText(
            self.tr("&Review redaction of {name}…").format(name=name)
            if name
            else self.tr("&Review redaction…")
        )

    def _review(self) -> None:
        target = self.target()
        if target is not None:
            self.review.emit(target)
