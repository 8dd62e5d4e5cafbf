"""Decisions made in the review workspace, through the same path as the request panel's
(desktop/widgets/request_detail.py): db.sharing.decisions.decide on the database
thread as an operation naming the request's rows, a rule that blocks refusing it in
words, and a flagged clip or one whose time is uncertain asking for a confirmation
first."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget
from sqlite_utils import Database

from db.sharing import decisions as decdb
from db.store.changes import Changes
from desktop.dbthread import DbService


def decide(
    dbs: DbService,
    row_id: int,
    clip_ids: list[int],
    state: decdb.State,
    *,
    confirm: bool,
    done: Callable[[dict[int, str]], None],
    failed: Callable[[BaseException], None],
) -> None:
    """Record ``state`` for ``clip_ids`` of request ``row_id``; ``done`` gets every
    decision of the request as stored afterwards."""

    def op(db: Database) -> dict[int, str]:
        decdb.decide(db, row_id, clip_ids, state, now=datetime.now(UTC), confirm_sensitive=confirm)
        return {cid: d.state for cid, d in decdb.decisions_for(db, row_id).items()}

    dbs.submit_op(op, Changes.rows(row_id), done, failed)


def decided_words(state: str, n: int) -> str:
    """What was just recorded: "The clip is approved." or "3 clips approved."."""
    if n == 1:
        if state == "approved":
            return QCoreApplication.translate("ReviewDeciding", "The clip is approved.")
        if state == "declined":
            return QCoreApplication.translate(
                "ReviewDeciding", "The clip is declined: nothing of it is sent."
            )
        return QCoreApplication.translate("ReviewDeciding", "The clip is back to pending.")
    if state == "approved":
        return QCoreApplication.translate("ReviewDeciding", "%n clips approved.", "", n)
    if state == "declined":
        return QCoreApplication.translate(
            "ReviewDeciding", "%n clips declined: nothing of them is sent.", "", n
        )
    return QCoreApplication.translate("ReviewDeciding", "%n clips back to pending.", "", n)


def ask_confirmation(
    parent: QWidget, exc: decdb.NeedsConfirmation, on_yes: Callable[[], None]
) -> QMessageBox:
    """The question the request panel asks before a flagged or uncertain clip is
    approved; ``on_yes`` runs the decision again, confirmed."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    names = ", ".join(
        QCoreApplication.translate("ReviewDeciding", "clip {id} ({why})").format(id=cid, why=why)
        for cid, why in exc.clips
    )
    if all(decdb.only_time_uncertain(why) for _cid, why in exc.clips):
        box.setWindowTitle(
            QCoreApplication.translate("ReviewDeciding", "Share a clip whose time is uncertain?")
        )
        box.setText(
            QCoreApplication.translate(
                "ReviewDeciding",
                "The recording time of {names} may be wrong: the footage may not be from "
                "the request's window. Share it anyway?",
            ).format(names=names)
        )
    else:
        box.setWindowTitle(QCoreApplication.translate("ReviewDeciding", "Share a sensitive clip?"))
        box.setText(
            QCoreApplication.translate(
                "ReviewDeciding", "You flagged {names}. Share it anyway?"
            ).format(names=names)
        )
    box.setInformativeText(
        QCoreApplication.translate(
            "ReviewDeciding",
            "Only the part inside the request's window is shared, "
            "without sound unless you choose otherwise.",
        )
    )
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    yes = box.button(QMessageBox.StandardButton.Yes)
    box.buttonClicked.connect(lambda button: on_yes() if button is yes else None)
    box.open()
    return box
