"""The resident's rules: every number and switch (docs/rules.md), in one dialog."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from db.requests import rules
from db.requests.request_types import RuleSettings
from desktop import fitting, theme


class RulesDialog(QDialog):
    """Edits a copy of the settings; ``settings()`` gives the result once accepted."""

    def __init__(self, settings: RuleSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Your rules for requests"))
        self._original = settings

        def days(value: float, maximum: int = 3650) -> QSpinBox:
            box = QSpinBox()
            box.setRange(0, maximum)
            box.setValue(int(value))
            box.setSuffix(self.tr(" days"))
            return box

        def number(
            value: float, lo: float, hi: float, suffix: str, decimals: int
        ) -> QDoubleSpinBox:
            box = QDoubleSpinBox()
            box.setDecimals(decimals)
            box.setRange(lo, hi)
            box.setValue(value)
            box.setSuffix(suffix)
            return box

        self.require_case = QCheckBox(self.tr("A case number is required (otherwise: warning)"))
        self.require_case.setChecked(settings.require_case_number)
        self.require_contact = QCheckBox(
            self.tr("An investigator contact is required (otherwise: warning)")
        )
        self.require_contact.setChecked(settings.require_contact)
        self.max_age = days(settings.max_footage_age_days)
        sq_mi = self.tr(" sq mi")
        self.min_area = number(settings.min_area_sq_mi, 0.0, 100.0, sq_mi, 3)
        self.max_area = number(settings.max_area_sq_mi, 0.0, 100.0, sq_mi, 3)
        minutes, hours = self.tr(" minutes"), self.tr(" hours")
        self.min_window = number(settings.min_window_minutes, 0.0, 10_000.0, minutes, 0)
        self.max_window = number(settings.max_window_hours, 0.0, 10_000.0, hours, 1)
        self.max_retention = days(settings.max_retention_days, 36500)
        self.auto_decline = QCheckBox(
            self.tr("Decline requests that a rule blocks automatically (locally: nothing is sent)")
        )
        self.auto_decline.setChecked(settings.auto_decline_blocked)
        self.cones = QCheckBox(
            self.tr("Also match cameras outside the area whose view reaches into it")
        )
        self.cones.setChecked(settings.match_view_cones)

        blocks = QGroupBox(self.tr("Blocks (nothing can be shared)"))
        bf = QFormLayout(blocks)
        bf.addRow(self.require_case)
        bf.addRow(self.require_contact)
        bf.addRow(self.tr("Oldest footage, counted from the request's issue date"), self.max_age)
        bf.addRow(self.tr("Smallest area"), self.min_area)
        bf.addRow(self.tr("Largest area"), self.max_area)
        always = QLabel(self.tr("Expired requests and bad signatures always block."))
        always.setWordWrap(True)
        bf.addRow(always)
        warns = QGroupBox(self.tr("Warnings"))
        wf = QFormLayout(warns)
        wf.addRow(self.tr("Shortest time window"), self.min_window)
        wf.addRow(self.tr("Longest time window"), self.max_window)
        wf.addRow(self.tr("Longest retention you accept"), self.max_retention)
        rules_note = QLabel(
            self.tr(
                "Unsigned requests, unknown keys, retention or third-party "
                "sharing not stated, and unrestricted sharing always warn."
            )
        )
        rules_note.setWordWrap(True)
        wf.addRow(rules_note)
        self.margin = number(settings.share_margin_s, 0.0, 3600.0, self.tr(" s"), 0)
        self.margin.setToolTip(self.tr("Seconds kept before and after the window in each excerpt"))
        self.max_files = QSpinBox()
        self.max_files.setRange(1, 10_000)
        self.max_files.setValue(settings.receiver_max_files)
        gb = self.tr(" GB")
        self.max_file_gb = number(settings.receiver_max_file_bytes / 1e9, 0.001, 10_000.0, gb, 3)
        self.max_total_gb = number(settings.receiver_max_total_bytes / 1e9, 0.001, 100_000.0, gb, 3)
        sharing = QGroupBox(self.tr("Sharing"))
        sf = QFormLayout(sharing)
        sf.addRow(self.tr("Margin around the window"), self.margin)
        sf.addRow(self.tr("Receiver accepts at most"), self.max_files)
        sf.addRow(self.tr("files, each at most"), self.max_file_gb)
        sf.addRow(self.tr("and in all at most"), self.max_total_gb)
        other = QGroupBox(self.tr("Handling"))
        of = QVBoxLayout(other)
        of.addWidget(self.auto_decline)
        of.addWidget(self.cones)

        self.error = QLabel()
        theme.style(self.error, "color: fg(#c62828);")
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.RestoreDefaults
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).clicked.connect(
            lambda: self._load(RuleSettings())
        )
        for form in (bf, wf, sf):  # large text: a long label goes above its field
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        groups = QWidget()
        column = QVBoxLayout(groups)
        column.setContentsMargins(0, 0, 0, 0)
        for group in (blocks, warns, sharing, other):
            column.addWidget(group)
        layout = QVBoxLayout(self)
        scroll = fitting.scrolled(groups)  # large text: it scrolls
        scroll.setAccessibleName(self.tr("Your rules"))
        layout.addWidget(scroll, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._result = settings

    def _load(self, s: RuleSettings) -> None:
        self.require_case.setChecked(s.require_case_number)
        self.require_contact.setChecked(s.require_contact)
        self.max_age.setValue(int(s.max_footage_age_days))
        self.min_area.setValue(s.min_area_sq_mi)
        self.max_area.setValue(s.max_area_sq_mi)
        self.min_window.setValue(s.min_window_minutes)
        self.max_window.setValue(s.max_window_hours)
        self.max_retention.setValue(int(s.max_retention_days))
        self.auto_decline.setChecked(s.auto_decline_blocked)
        self.cones.setChecked(s.match_view_cones)
        self.margin.setValue(s.share_margin_s)
        self.max_files.setValue(s.receiver_max_files)
        self.max_file_gb.setValue(s.receiver_max_file_bytes / 1e9)
        self.max_total_gb.setValue(s.receiver_max_total_bytes / 1e9)

    def current(self) -> RuleSettings:
        return replace(
            self._original,
            require_case_number=self.require_case.isChecked(),
            require_contact=self.require_contact.isChecked(),
            max_footage_age_days=float(self.max_age.value()),
            min_area_sq_mi=self.min_area.value(),
            max_area_sq_mi=self.max_area.value(),
            min_window_minutes=self.min_window.value(),
            max_window_hours=self.max_window.value(),
            max_retention_days=int(self.max_retention.value()),
            auto_decline_blocked=self.auto_decline.isChecked(),
            match_view_cones=self.cones.isChecked(),
            share_margin_s=self.margin.value(),
            receiver_max_files=int(self.max_files.value()),
            receiver_max_file_bytes=round(self.max_file_gb.value() * 1e9),
            receiver_max_total_bytes=round(self.max_total_gb.value() * 1e9),
        )

    def _accept(self) -> None:
        try:
            self._result = rules.settings_from_json(rules.settings_to_json(self.current()))
        except ValueError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.accept()

    def settings(self) -> RuleSettings:
        return self._result
