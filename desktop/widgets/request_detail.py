"""The detail panel of the selected request: who asks for what, every rule's reason in
words, the versions the agency sent, and the candidate clips with thumbnails."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QMessageBox,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from db.audit.words import entered_words
from db.clips import library as clipsdb
from db.requests import inbox as inboxdb
from db.requests.inbox import RequestDetail
from db.sharing import decisions as decdb
from db.store.changes import Changes
from db.words.timewords import local_text, relative
from db.words.units import area_text
from desktop import theme
from desktop.columns import FitColumns
from desktop.dbthread import DbService, while_alive
from desktop.models.candidates import CandidatesModel
from desktop.models.clips import THUMB_SIZE
from desktop.models.requests import OUTCOME_COLOURS, status_text, window_text
from desktop.sharing import ShareController
from desktop.widgets.decision_bar import DecisionBar, ShareBar
from desktop.widgets.detail_words import DetailWords
from desktop.widgets.redaction_flow import RedactionFlow

OUTCOME_WORDS = {  # in English; shown translated
    "ok": str(QT_TRANSLATE_NOOP("RequestDetailPanel", "OK")),
    "warn": str(QT_TRANSLATE_NOOP("RequestDetailPanel", "Warning")),
    "block": str(QT_TRANSLATE_NOOP("RequestDetailPanel", "Blocks")),
}
# The detail's text is made outside the panel (tests call it): in the panel's context.
translate = QCoreApplication.translate


def _when(moment: datetime | str, now: datetime) -> str:
    """A moment on the computer's clock and how far it is: "2026-12-20 08:00 (in 14 days)"."""
    return f"{local_text(moment)} ({relative(moment, now)})"


def detail_html(d: RequestDetail, now: datetime | None = None) -> str:
    """The panel's text, as rich text (plain words, nothing clickable). Times are on
    the computer's clock, as everywhere in the window (the status bar names the zone)."""
    now = now or datetime.now(UTC)
    s, doc = d.summary, d.doc
    e = html.escape
    ctx = "RequestDetailPanel"
    words = DetailWords()
    title = e(doc.incident or translate("RequestDetailPanel", "Request for footage"))
    case = (
        e(s.case_number)
        if s.case_number
        else "<i>" + translate("RequestDetailPanel", "no case number") + "</i>"
    )
    status = e(status_text(s.status))
    parts = [
        f"<h2 style='margin-bottom:2px'>{title}</h2>",
        f"<p style='margin-top:0'><b>{e(s.agency)}</b>"
        + (f", {e(doc.agency_jurisdiction)}" if doc.agency_jurisdiction else "")
        + translate("RequestDetailPanel", " · case {case} · <b>{status}</b>").format(
            case=case, status=status
        )
        + "</p>",
    ]
    if s.source == "resident" and s.received_via is not None:
        entered = entered_words(s.received_via)
        parts.append(
            "<p><i>"
            + translate(
                "RequestDetailPanel", "{how}: the agency did not send it through Doorstep."
            ).format(how=e(entered[:1].upper() + entered[1:]))
            + "</i></p>"
        )
    if doc.description:
        parts.append(f"<p>{e(doc.description)}</p>")
    contact = doc.contact or {}
    who = ", ".join(e(str(contact[k])) for k in ("name", "email", "phone") if contact.get(k))
    not_stated = "<i>" + translate("RequestDetailPanel", "not stated") + "</i>"
    days = doc.retention_days
    rows = [
        (translate("RequestDetailPanel", "Window"), e(window_text(s))),
        (translate("RequestDetailPanel", "Area"), e(area_text(s.area_sq_m))),
        (translate("RequestDetailPanel", "Issued"), e(_when(doc.issued_at, now))),
        (translate("RequestDetailPanel", "Expires"), e(_when(s.expires_at_utc, now))),
        (
            translate("RequestDetailPanel", "Investigator"),
            who or "<i>" + translate("RequestDetailPanel", "not given") + "</i>",
        ),
        (
            translate("RequestDetailPanel", "Keeps footage"),
            words.days(days) if days is not None else not_stated,
        ),
        (
            translate("RequestDetailPanel", "Passes it on"),
            e(words.sharing(doc.third_party_sharing)) if doc.third_party_sharing else not_stated,
        ),
        (
            translate("RequestDetailPanel", "Signature"),
            translate("RequestDetailPanel", "none to check (entered by you)")
            if s.source == "resident"
            else e(d.signature_detail),
        ),
        *(
            [(translate("RequestDetailPanel", "Agency's portal"), e(str(doc.delivery.get("url"))))]
            if doc.delivery is not None and doc.delivery.get("method") == "portal"
            else []
        ),
        (translate("RequestDetailPanel", "Request id"), e(doc.id)),
    ]
    parts.append("<table cellspacing='0' cellpadding='2'>")
    muted = theme.fg("#555555").name()
    for k, v in rows:
        parts.append(f"<tr><td style='color:{muted};padding-right:10px'>{k}</td><td>{v}</td></tr>")
    parts.append("</table>")
    parts.append(
        "<h3>"
        + translate("RequestDetailPanel", "Your rules")
        + "</h3><table cellspacing='0' cellpadding='3'>"
    )
    for r in d.rules:
        colour = theme.fg(OUTCOME_COLOURS[r.outcome]).name()
        parts.append(
            f"<tr><td style='color:{colour};font-weight:600;padding-right:8px'>"
            f"{translate(ctx, OUTCOME_WORDS[r.outcome])}</td><td>{e(r.reason)}</td></tr>"
        )
    parts.append("</table>")
    if len(d.versions) > 1 or s.state == "withdrawn":
        parts.append(
            "<h3>" + translate("RequestDetailPanel", "History") + "</h3><ul style='margin-top:0'>"
        )
        for version, state, at in d.versions:
            word = {
                "current": translate("RequestDetailPanel", "current"),
                "edited": translate("RequestDetailPanel", "replaced by a later version"),
                "withdrawn": translate("RequestDetailPanel", "withdrawn by the agency"),
            }[state]
            line = translate("RequestDetailPanel", "Version {version}, received {when}: {state}")
            parts.append(
                "<li>" + line.format(version=version, when=e(local_text(at)), state=word) + "</li>"
            )
        parts.append("</ul>")
    n, cameras = len(d.candidates), s.cameras_in_area
    parts.append("<h3>" + translate("RequestDetailPanel", "Your footage") + "</h3><p>")
    if cameras == 0:
        parts.append(
            translate(
                "RequestDetailPanel",
                "None of your cameras is in this area: <b>nothing to do</b>.",
            )
        )
    else:
        parts.append(
            words.cameras_in_area(cameras)
            + " "
            + words.clips_overlap(n)
            + " "
            + translate(
                "RequestDetailPanel", "Nothing is shared unless you approve it, clip by clip."
            )
        )
    parts.append("</p>")
    uncertain = [c for c in d.candidates if not c.start_certain]
    if uncertain:
        count = len(uncertain)
        parts.append(words.uncertain(count) + "<ul>")
        for c in uncertain[:20]:
            name = c.path.rsplit("/", 1)[-1]
            parts.append(f"<li>{e(name)} ({e(c.camera)}): {e(c.warning)}</li>")
        if count > 20:
            more = count - 20
            parts.append("<li>" + words.more(more) + "</li>")
        parts.append("</ul>")
    return "".join(parts)


def _handover_ready(db: Database, row_id: int, detail: RequestDetail) -> bool:
    """A package is built for the request, not handed over, and the request asks for no
    upload (database thread)."""
    from db.sharing.handover import current_package

    if (detail.doc.delivery or {}).get("method") == "upload":
        return False
    found = current_package(db, row_id)
    return found is not None and found.method is None


class RequestDetailPanel(QWidget):
    """Shows the request selected in the shared selection model. Viewing it is
    recorded locally only: no network traffic."""

    loaded = Signal(object)  # RequestDetail
    viewed = Signal(int)  # row id, the first time a request is opened
    decided = Signal(int)  # row id: decisions changed
    holds_loaded = Signal()  # the candidates' hold states were read

    def __init__(
        self, dbs: DbService, sharing: ShareController | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._db = dbs
        self.sharing = sharing
        self._row_id: int | None = None
        self.detail: RequestDetail | None = None
        self.record_views = True  # False for snapshots: looking without recording it
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.placeholder = QLabel(
            self.tr("Select a request to see what it asks for and how it fares against your rules.")
        )
        self.placeholder.setWordWrap(True)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        theme.style(self.placeholder, "color: fg(#666666);")
        self.candidates = CandidatesModel(self)
        self.table = QTableView()
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.table.setAccessibleName(self.tr("Candidate clips"))
        self.table.setModel(self.candidates)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setDefaultSectionSize(THUMB_SIZE.height() + 4)
        self.table.verticalHeader().hide()
        self.table.setIconSize(THUMB_SIZE)
        # The columns share the panel's width, however large the text: no sideways scroll.
        self.columns = FitColumns(self.table)
        self.table.setMinimumHeight(160)

        self.decisions = DecisionBar(self)
        self.decisions.decide.connect(self.decide)
        self.share = ShareBar(self)
        self.share.export.connect(self._export)
        self.share.deliver.connect(self._deliver)
        self.share.handover.connect(self.open_handover)
        self.handover_dialog: QWidget | None = None
        self._handover_ready = False
        self._blocked = False
        self._final: str | None = None
        if sharing is not None:
            sharing.finished.connect(self._shared)
            sharing.failed.connect(self._share_failed)
        self.confirm_box: QMessageBox | None = None
        from desktop import preferences

        self.redaction = RedactionFlow(dbs, self, preferences.load().blur_faces)
        self.redaction.reviewed.connect(self.decided)
        self.table.selectionModel().selectionChanged.connect(
            lambda *_: self.redaction.bar.set_selected(self.selected_clip_ids())
        )

        inner = QWidget()
        box = QVBoxLayout(inner)
        box.addWidget(self.text)
        box.addWidget(self.table, 1)
        box.addWidget(self.decisions)
        box.addWidget(self.redaction.bar)
        box.addWidget(self.share)
        self.scroll_area = QScrollArea()
        self.scroll_area.setAccessibleName(self.tr("The request's details"))
        self.scroll_area.setWidgetResizable(True)
        # Text wraps to the panel's width; nothing should need scrolling sideways.
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.placeholder)
        layout.addWidget(self.scroll_area)
        self.show_nothing()

    def show_nothing(self) -> None:
        self._row_id = None
        self.detail = None
        self.candidates.clear()
        self.scroll_area.hide()
        self.placeholder.show()

    def show_request(self, row_id: int | None) -> None:
        if row_id is None:
            self.show_nothing()
            return
        self._row_id = row_id
        self.share.show_request(row_id)
        record = self.record_views

        def op(db: Database) -> tuple[Any, ...]:
            now = datetime.now(UTC)
            first = inboxdb.mark_viewed(db, row_id, now=now) if record else False
            detail = inboxdb.request_detail(db, row_id, now=now, local_times=True)
            ids = [c.clip_id for c in detail.candidates[:500]]
            decisions = {cid: d.state for cid, d in decdb.decisions_for(db, row_id).items()}
            flags = _flags(db, ids)
            blocked = decdb.blocking_reasons(db, row_id, now)
            final = decdb.delivered_at(db, row_id)
            ready = _handover_ready(db, row_id, detail)
            thumbs = clipsdb.thumbnails(db, ids)
            return detail, thumbs, first, decisions, flags, blocked, final, ready

        self._db.submit(op, lambda result: self._loaded(row_id, result))

    def _loaded(self, row_id: int, result: Any) -> None:
        if row_id != self._row_id:
            return  # the selection moved on
        detail, thumbs, first, decisions, flags, blocked, final, ready = result
        self._handover_ready = ready
        self.detail = detail
        self.text.setText(detail_html(detail))
        self.candidates.set_candidates(
            detail.candidates,
            thumbs,
            (detail.doc.window_start, detail.doc.window_end),
            decisions,
            flags,
        )
        self.table.setVisible(bool(detail.candidates))
        self.decisions.setVisible(bool(detail.candidates))
        self.decisions.set_blocked(blocked, final)
        self.decisions.message.clear()
        self._blocked, self._final = bool(blocked), final
        self.redaction.set_request(row_id)
        self._update_share()
        self.share.setVisible(bool(detail.candidates) and self.sharing is not None)
        self.redaction.bar.setVisible(self.share.isVisible() and not final)
        self.placeholder.hide()
        self.scroll_area.show()
        if first:
            self.viewed.emit(row_id)
        self.loaded.emit(detail)
        self.reload()

    # -- the candidates' holds, read again after every change to holds -------------------
    def shows(self, changes: Changes) -> bool:
        return changes.holds

    def reload(self) -> None:
        """Read the candidates' hold states (the detail's own rows stay)."""
        row_id, ids = self._row_id, self.candidates.clip_ids()
        if row_id is None or not ids:
            return

        def read(db: Database) -> dict[int, Any]:
            from desktop.hold_sync import read_hold_states

            return read_hold_states(db, ids)

        def arrived(holds: dict[int, Any]) -> None:
            if row_id == self._row_id:
                self.candidates.set_holds(holds)
                self.holds_loaded.emit()

        self._db.submit(read, while_alive(self, arrived), abandon_on_close=True)

    # -- deciding ----------------------------------------------------------------------
    def selected_clip_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        ids = self.candidates.clip_ids()
        return [ids[r] for r in rows]

    def decide(self, state: decdb.State, every: bool = False, confirm: bool = False) -> None:
        """Record a decision for the selected (or all) candidates on the database thread;
        local only. Flagged clips ask for a confirmation first."""
        row_id = self._row_id
        clip_ids = self.candidates.clip_ids() if every else self.selected_clip_ids()
        if row_id is None or not clip_ids:
            self.decisions.message.setText(self.tr("Select one or more clips first."))
            return

        def op(db: Database) -> dict[int, str]:
            decdb.decide(
                db,
                row_id,
                clip_ids,
                state,
                now=datetime.now(UTC),
                confirm_sensitive=confirm,
            )
            return {cid: d.state for cid, d in decdb.decisions_for(db, row_id).items()}

        def done(decisions: dict[int, str]) -> None:
            if row_id != self._row_id:
                return
            self.candidates.set_decisions(decisions)
            self._update_share()
            n = len(clip_ids)
            said = {
                "approved": self.tr("%n clips approved.", "", n),
                "declined": self.tr("%n clips declined (nothing is sent).", "", n),
                "pending": self.tr("%n clips back to pending.", "", n),
            }[state]
            self.decisions.message.setText(said)
            self.decided.emit(row_id)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, decdb.NeedsConfirmation):
                self._ask_confirmation(exc, state, every)
            else:
                self.decisions.message.setText(self.tr("Not recorded: {reason}").format(reason=exc))

        self._db.submit_op(op, Changes.rows(row_id), done, failed)

    # -- sharing -----------------------------------------------------------------------
    def _update_share(self) -> None:
        approved = sum(
            1
            for r in range(self.candidates.rowCount())
            if self.candidates.decision(r) == "approved"
        )
        delivery = (self.detail.doc.delivery or {}) if self.detail is not None else {}
        self.share.set_state(
            approved, self._blocked, self._final, delivery.get("method") == "upload"
        )
        self.share.set_handover(self._handover_ready and not self._final)
        if self.detail is not None:
            paths = {c.clip_id: c.path for c in self.detail.candidates}
            ids = self.candidates.clip_ids()
            self.redaction.set_approved(
                [
                    (ids[r], paths.get(ids[r], ""))
                    for r in range(self.candidates.rowCount())
                    if self.candidates.decision(r) == "approved"
                ]
            )

    def _export(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        row_id = self._row_id
        if row_id is None or self.sharing is None:
            return

        def choose(redact: frozenset[str]) -> None:
            dialog = QFileDialog(self, self.tr("Export the package to a folder"))
            dialog.setFileMode(QFileDialog.FileMode.Directory)
            dialog.setOption(QFileDialog.Option.ShowDirsOnly)
            dialog.fileSelected.connect(
                lambda folder: self.export_to(Path(folder), self.share.as_zip.isChecked(), redact)
            )
            dialog.open()
            self.export_dialog = dialog

        self.redaction.check(choose)  # refused, with a button to review, until reviewed

    def export_to(
        self, folder: Path, as_zip: bool = False, redact: frozenset[str] | None = None
    ) -> None:
        if redact is None:
            self.redaction.check(lambda chosen: self.export_to(folder, as_zip, chosen))
            return
        if self._row_id is not None and self.sharing is not None:
            self.share.status.setText(self.tr("Building the package…"))
            self.sharing.export(
                self._row_id,
                folder,
                as_zip=as_zip,
                keep_audio=self.share.keep_audio.isChecked(),
                subtitles=self.share.subtitles.isChecked(),
                burn_in_utc=self.share.burn_in.isChecked(),
                redact=redact,
                statement=self.share.statement,
                content_credentials=self.share.credentials.isChecked(),
            )

    def _deliver(self, redact: frozenset[str] | None = None) -> None:
        if redact is None:
            self.redaction.check(self._deliver)
            return
        if self._row_id is not None and self.sharing is not None:
            self.share.status.setText(self.tr("Building and delivering the package…"))
            self.sharing.deliver(
                self._row_id,
                keep_audio=self.share.keep_audio.isChecked(),
                subtitles=self.share.subtitles.isChecked(),
                burn_in_utc=self.share.burn_in.isChecked(),
                redact=redact,
                statement=self.share.statement,
                content_credentials=self.share.credentials.isChecked(),
            )

    def open_handover(self) -> None:
        """Hand over… the request's current package (desktop/widgets/handover_dialog.py)."""
        from desktop.widgets.handover_dialog import HandoverDialog

        if self._row_id is None:
            return
        dialog = HandoverDialog(self._db, self._row_id, self)
        dialog.recorded.connect(self._shared_by_hand)
        self.handover_dialog = dialog
        dialog.open()

    def _shared_by_hand(self, row_id: int) -> None:
        if row_id == self._row_id:
            self.show_request(row_id)  # handed over: decisions become final
        self.decided.emit(row_id)

    def _shared(self, row_id: int, text: str) -> None:
        if row_id == self._row_id:
            self.share.status.setText(text)
            self.show_request(row_id)  # delivered: decisions become final
        self.decided.emit(row_id)

    def _share_failed(self, row_id: int, text: str) -> None:
        if row_id == self._row_id:
            self.share.status.setText(self.tr("Not shared: {reason}").format(reason=text))

    def _ask_confirmation(
        self, exc: decdb.NeedsConfirmation, state: decdb.State, every: bool
    ) -> None:
        self.confirm_box = ask_share_confirmation(
            self, exc, lambda: self.decide(state, every, confirm=True)
        )


def ask_share_confirmation(
    parent: QWidget, exc: decdb.NeedsConfirmation, on_yes: Callable[[], None]
) -> QMessageBox:
    """The question asked before a flagged clip, or one whose time is uncertain, is
    approved (the request panel and the review workspace); ``on_yes`` decides again,
    confirmed."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    clip = QCoreApplication.translate("RequestDetailPanel", "clip {id} ({why})")
    names = ", ".join(clip.format(id=cid, why=why) for cid, why in exc.clips)
    if all(decdb.only_time_uncertain(why) for _cid, why in exc.clips):
        box.setWindowTitle(
            QCoreApplication.translate(
                "RequestDetailPanel", "Share a clip whose time is uncertain?"
            )
        )
        box.setText(
            QCoreApplication.translate(
                "RequestDetailPanel",
                "The recording time of {clips} may be wrong: the footage may not be from "
                "the request's window. Share it anyway?",
            ).format(clips=names)
        )
    else:
        box.setWindowTitle(
            QCoreApplication.translate("RequestDetailPanel", "Share a sensitive clip?")
        )
        box.setText(
            QCoreApplication.translate(
                "RequestDetailPanel", "You flagged {clips}. Share it anyway?"
            ).format(clips=names)
        )
    box.setInformativeText(
        QCoreApplication.translate(
            "RequestDetailPanel",
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


def _flags(db: Database, clip_ids: list[int]) -> dict[int, str]:
    if not clip_ids:
        return {}
    marks = ",".join("?" * len(clip_ids))
    out = {}
    for cid, children, private in db.execute(
        f"SELECT id, shows_children, private FROM clips WHERE id IN ({marks}) "
        "AND (shows_children = 1 OR private = 1)",
        clip_ids,
    ):
        words = (
            (translate("RequestDetailPanel", "shows children"), children),
            (translate("RequestDetailPanel", "private"), private),
        )
        out[int(cid)] = translate("RequestDetailPanel", " and ").join(w for w, on in words if on)
    return out
