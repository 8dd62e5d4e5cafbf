"""The request panel's part in redaction: which approved clips have an accepted plan
(read on the database thread), the review window for one of them, and the check before
anything is exported or delivered: with hiding on, sharing is refused (with a button to
review) while an approved excerpt has no accepted plan; turning hiding off for a request
asks first. The panel (request_detail.py) keeps only the calls."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePath
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget
from sqlite_utils import Database

from desktop.dbthread import DbService
from desktop.widgets.redaction_bar import RedactionBar

# What a package hides when the resident keeps hiding on: the accepted plans' faces,
# drawn boxes and the cameras' masks.
HIDE = frozenset({"faces", "masks"})


class RedactionFlow(QObject):
    reviewed = Signal(int)  # request row id: a plan was accepted

    def __init__(self, dbs: DbService, parent: QWidget, blur_default: bool) -> None:
        super().__init__(parent)
        self._db = dbs
        self._parent = parent
        self.bar = RedactionBar(blur_default, parent)
        self.bar.review.connect(self.open_review)
        self.bar.blur_off.connect(self._confirm_off)
        self.row_id: int | None = None
        self.review_window: QWidget | None = None
        self.box: QMessageBox | None = None
        self._approved: list[tuple[int, str]] = []

    def set_request(self, row_id: int | None) -> None:
        if row_id != self.row_id:
            self.bar.reset()
        self.row_id = row_id

    def set_approved(self, clips: list[tuple[int, str]]) -> None:
        """The request's approved clips (id, path): read whether each is reviewed."""
        self._approved = [(cid, PurePath(path).name) for cid, path in clips]
        self.refresh()

    def refresh(self) -> None:
        row_id, approved = self.row_id, list(self._approved)
        if row_id is None or not approved:
            self.bar.set_clips([])
            return

        def op(db: Database) -> dict[int, bool]:
            from desktop.redaction_jobs import review_states

            return review_states(db, row_id, [cid for cid, _ in approved])

        def done(states: dict[int, bool]) -> None:
            if row_id == self.row_id:
                self.bar.set_clips([(cid, name, states.get(cid, False)) for cid, name in approved])

        self._db.submit(op, done)

    # -- reviewing -------------------------------------------------------------------------
    def open_review(self, clip_id: int) -> None:
        from desktop.widgets.redaction_review import RedactionReview

        if self.row_id is None:
            return
        if self.review_window is not None:
            self.review_window.close()
        window = RedactionReview(
            self._db, self.row_id, clip_id, find_faces=self.bar.hiding, parent=self._parent
        )
        window.plan_accepted.connect(self._accepted)
        self.review_window = window
        window.show()

    def _accepted(self, row_id: int, _clip_id: int, _digest: str) -> None:
        if row_id == self.row_id:
            self.refresh()
        self.reviewed.emit(row_id)

    # -- before sharing --------------------------------------------------------------------
    def check(self, then: Callable[[frozenset[str]], Any]) -> None:
        """Call ``then(redact)`` when the request may be shared as the resident chose;
        otherwise say why not, with a button to review."""
        if not self.bar.hiding:
            then(frozenset())
            return
        waiting = self.bar.unreviewed()
        if not waiting:
            then(HIDE)
            return
        names = [name for cid, name, _r in self.bar.clips if cid in waiting]
        box = QMessageBox(self._parent)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle("Review what is hidden first")
        n = len(names)
        box.setText(
            f"{n} approved clip{'s' if n != 1 else ''} {'have' if n != 1 else 'has'} not been "
            f"reviewed: {', '.join(names[:5])}{' …' if n > 5 else ''}. Nothing is shared until "
            "you have seen each one with faces and masks hidden and accepted it."
        )
        box.setInformativeText(
            "Or untick “Hide faces…” for this request to share the footage as recorded."
        )
        review = box.addButton("Review redaction…", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(review)
        first = waiting[0]
        box.buttonClicked.connect(
            lambda button: self.open_review(first) if button is review else None
        )
        box.open()
        self.box = box

    def _confirm_off(self) -> None:
        box = QMessageBox(self._parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Share without hiding faces?")
        box.setText(
            "The approved clips of this request would be shared as recorded: faces, and "
            "what your cameras' masks cover, stay visible."
        )
        box.setInformativeText("The package's manifest records that nothing was hidden.")
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        yes = box.button(QMessageBox.StandardButton.Yes)

        def answered(button: object) -> None:
            self.bar.blur.setChecked(button is not yes)
            self.bar.set_clips(self.bar.clips)

        box.buttonClicked.connect(answered)
        box.open()
        self.box = box
