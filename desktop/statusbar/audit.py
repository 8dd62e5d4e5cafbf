"""Status bar part: the audit trail's state, checked in the background at start-up and
again on request. The check reads the file through a read-only connection of its own
on a worker thread (a million entries take seconds; the database thread stays free).
Between checks the count follows new entries: the database thread reports the newest
entry's number after each write, the window's or another process's
(``DbService.audit_changed``), and only the label changes here."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from db.audit import trail as audit
from desktop import theme
from desktop.tasks import FunctionTask


def verify_file(path: Path) -> audit.Verdict:
    """Verify the chain in the database file (worker thread, read-only)."""
    import sqlite3

    from sqlite_utils import Database

    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=True)
    try:
        return audit.verify(Database(conn, execute_plugins=False))
    finally:
        conn.close()


class AuditIndicator(QWidget):
    checked = Signal(object)  # audit.Verdict
    count_changed = Signal(int)  # the entries the label counts now

    def __init__(self, db_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = db_path
        self.label = QLabel(self.tr("Audit trail: not checked yet"))
        self.button = QPushButton(self.tr("Check again"))
        self.button.setAccessibleName(self.tr("Check the audit trail again"))
        self.button.setToolTip(self.tr("Check every entry of the audit trail's hash chain"))
        self.button.clicked.connect(self.check)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.button)
        self.verdict: audit.Verdict | None = None
        self.head = 0  # the newest entry's number, as the database thread last said
        self.problem = ""  # why the last check could not be made
        self._task: FunctionTask | None = None

    def follow(self, seq: int) -> None:
        """The window wrote audit entries up to ``seq`` (from the database thread)."""
        self.head = seq
        if self._task is not None and self._task.running:
            return  # the check's answer comes soon and counts them
        self._show()

    def _show(self) -> None:
        verdict = self.verdict
        entries = max(self.head, verdict.entries if verdict is not None else 0)
        count = (
            self.tr("1 entry")
            if entries == 1
            else self.tr("{count} entries", "", entries).format(count=f"{entries:,}")
        )
        if verdict is None:
            if self.problem:
                text = self.tr("Audit trail: {count}, could not be checked")
            else:
                text = self.tr("Audit trail: {count}, not checked yet")
            self.label.setText(text.format(count=count))
            self.label.setToolTip(self.problem)
        elif verdict.ok:
            self.label.setText(self.tr("Audit trail: intact ({count})").format(count=count))
            theme.style(self.label, "color: fg(#2e7d32);")
            since = entries - verdict.entries
            if since == 1:
                added = "\n" + self.tr(
                    "1 entry written since the check (by this window or another program), "
                    "chained to the one before; “Check again” checks them all."
                )
            elif since > 0:
                added = "\n" + self.tr(
                    "{count} entries written since the check (by this window or another "
                    "program), each chained to the one before; “Check again” checks them all.",
                    "",
                    since,
                ).format(count=f"{since:,}")
            else:
                added = ""
            self.label.setToolTip(verdict.text() + added)
        else:
            if verdict.first_bad:
                where = self.tr("Audit trail: BROKEN at entry {entry}").format(
                    entry=verdict.first_bad
                )
            else:
                where = self.tr("Audit trail: GONE")
            self.label.setText(where)
            theme.style(self.label, "color: fg(#c62828); font-weight: 600;")
            self.label.setToolTip(
                verdict.text() + "\n" + self.tr("{count} in the trail now.").format(count=count)
            )
        self.count_changed.emit(entries)

    def check(self) -> None:
        if self._task is not None and self._task.running:
            return
        self.label.setText(self.tr("Audit trail: checking…"))
        self.button.setEnabled(False)
        task = FunctionTask(
            self.tr("checking the audit trail"), lambda _p, _c: verify_file(self.path)
        )
        task.finished.connect(self._done)
        task.failed.connect(lambda msg: self._failed(msg))
        self._task = task
        task.start()

    def _done(self, verdict: audit.Verdict) -> None:
        self._finish()
        self.verdict = verdict
        self.problem = ""
        self._show()
        self.checked.emit(verdict)

    def _failed(self, message: str) -> None:
        self._finish()
        self.verdict = None
        self.problem = message
        self.label.setText(self.tr("Audit trail: could not be checked"))
        self.label.setToolTip(message)

    def _finish(self) -> None:
        self.button.setEnabled(True)
        if self._task is not None:
            self._task.wait()
            self._task.deleteLater()
            self._task = None

    def shutdown(self) -> None:
        if self._task is not None:
            self._task.wait()
