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

# What a package hides: with face blurring on, the accepted plans (faces, drawn boxes,
# masks); off, the cameras' privacy masks still, which stand for every excerpt of their
# camera (db.sharing.excerpt_redaction makes and records that plan).
HIDE = frozenset({"faces", "masks"})
MASKS_ONLY = frozenset({"masks"})


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

            return review_states(db, row_id)

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
        otherwise say why not, with a button to review. Whether each approved clip is
        reviewed is read again now, on the database thread: what the bar shows may be
        a moment old."""
        row_id = self.row_id
        if not self.bar.hiding:
            then(MASKS_ONLY)
            return
        if row_id is None:
            return

        def op(db: Database) -> list[tuple[int, str]]:
            from desktop.redaction_jobs import review_states

            waiting = [cid for cid, ok in review_states(db, row_id).items() if not ok]
            sql = "SELECT path FROM clips WHERE id = ?"
            return [(c, PurePath(db.execute(sql, [c]).fetchone()[0]).name) for c in waiting]

        def checked(waiting: list[tuple[int, str]]) -> None:
            if row_id != self.row_id:
                return
            if waiting:
                self._refuse(waiting)
            else:
                then(HIDE)

        self._db.submit(op, checked)

    def _refuse(self, waiting: list[tuple[int, str]]) -> None:
        names = [name for _cid, name in waiting]
        box = QMessageBox(self._parent)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(self.tr("Review what is hidden first"))
        n = len(names)
        box.setText(
            self.tr(
                "%n approved clips have not been reviewed: {names}. Nothing is shared until "
                "you have seen each one with its faces blurred and accepted it.",
                "",
                n,
            ).format(names=", ".join(names[:5]) + (" …" if n > 5 else ""))
        )
        box.setInformativeText(
            self.tr("Or untick “Blur faces…” for this request to share faces as recorded.")
        )
        review = box.addButton(self.tr("Review redaction…"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(review)
        first = waiting[0][0]
        self.refresh()  # the bar shows the same as the message
        box.buttonClicked.connect(
            lambda button: self.open_review(first) if button is review else None
        )
        box.open()
        self.box = box

    def _confirm_off(self) -> None:
        box = QMessageBox(self._parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Share without hiding faces?"))
        box.setText(
            self.tr(
                "Faces in the approved clips of this request would be shared as recorded, "
                "without your review. Your cameras' privacy masks still apply."
            )
        )
        box.setInformativeText(
            self.tr("The package's manifest says what was hidden; no face search is listed.")
        )
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        yes = box.button(QMessageBox.StandardButton.Yes)

        def answered(button: object) -> None:
            self.bar.blur.setChecked(button is not yes)
            self.bar.set_clips(self.bar.clips)

        box.buttonClicked.connect(answered)
        box.open()
        self.box = box
