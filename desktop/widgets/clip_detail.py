"""The selected clip: preview player, its facts, and its flags. Follows the clips
table's selection model; changes go through the same clips model."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QSize, Qt, QUrl
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSlider,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from db.clips.clip_time import source_words
from db.clips.library import ClipRow
from db.words.time_notes import note_words
from db.words.timewords import local_text, same_clock
from desktop import hidpi, theme
from desktop.models.clips import (
    ClipRowRole,
    ClipsModel,
    camera_start,
    human_duration,
    human_size,
    local_start,
)

if TYPE_CHECKING:
    # Imported at run time only when Play is first pressed: the backend is slow to load.
    from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer
    from PySide6.QtMultimediaWidgets import QVideoWidget

    from db.holds.holds import HoldState


class PreviewPlayer(QWidget):
    """QtMultimedia player. Until Play is pressed it shows the clip's thumbnail as a
    poster; the player itself is created on first use (its backend is slow to load)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._player: QMediaPlayer | None = None
        self._video: QVideoWidget | None = None
        self._audio: QAudioOutput | None = None
        self._path: str | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.stage = QStackedWidget()
        self.stage.setMinimumHeight(150)
        self.placeholder = QLabel(self.tr("Select a clip to preview it."))
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)  # large text, a longer translation
        self.placeholder.setStyleSheet("background: #202020; color: #dddddd;")  # a video canvas
        self.placeholder.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.stage.addWidget(self.placeholder)
        self._layout.addWidget(self.stage, 1)
        # Words rather than the style's media icons: they say what happens, and the
        # style's icon enums alone slowed every start.
        self.play_button = QPushButton(self.tr("Play"))
        self.play_button.setAccessibleName(self.tr("Play or pause the clip"))
        self.play_button.setToolTip(self.tr("Play or pause (Space)"))
        self.play_button.setEnabled(False)
        self.play_button.clicked.connect(self.toggle)
        self.position = QSlider(Qt.Orientation.Horizontal)
        self.position.setAccessibleName(self.tr("Position in the clip"))
        self.position.setEnabled(False)
        self.position.sliderMoved.connect(self._seek)
        self.time_label = QLabel("0:00 / 0:00")
        controls = QHBoxLayout()
        controls.addWidget(self.play_button)
        controls.addWidget(self.position, 1)
        controls.addWidget(self.time_label)
        self._layout.addLayout(controls)
        self.error = QLabel()
        self.error.setWordWrap(True)
        theme.style(self.error, "color: fg(#b00020);")
        self.error.hide()
        self._layout.addWidget(self.error)

    def _ensure_player(self) -> None:
        if self._player is not None:
            return
        from PySide6.QtMultimedia import QMediaPlayer
        from PySide6.QtMultimediaWidgets import QVideoWidget

        self._video = QVideoWidget()
        self._player = QMediaPlayer(self)
        self._player.setVideoOutput(self._video)
        self._player.positionChanged.connect(self._on_position)
        self._player.durationChanged.connect(lambda d: self.position.setRange(0, d))
        self._player.playbackStateChanged.connect(self._on_state)
        self._player.errorOccurred.connect(self._on_error)
        self.stage.addWidget(self._video)

    @property
    def player(self) -> QMediaPlayer | None:
        return self._player

    def load(
        self, path: str | None, poster: QPixmap | None = None, duration_s: float = 0.0
    ) -> None:
        """Show a clip's poster and length; the file is opened when Play is pressed."""
        self.error.hide()
        self._path = path
        if self._player is not None:
            self._player.stop()
            self._player.setSource(QUrl())
        self.stage.setCurrentWidget(self.placeholder)
        self.position.setValue(0)
        self.time_label.setText(f"0:00 / {human_duration(duration_s)}")
        if path is None:
            self.placeholder.setPixmap(QPixmap())
            self.placeholder.setText(self.tr("Select a clip to preview it."))
        elif poster is not None and not poster.isNull():
            self.show_poster(poster)
        else:
            self.placeholder.setPixmap(QPixmap())
            self.placeholder.setText(self.tr("Press Play to preview this clip."))
        self.play_button.setEnabled(path is not None)
        self.position.setEnabled(path is not None)

    @property
    def has_poster(self) -> bool:
        pixmap = self.placeholder.pixmap()
        return pixmap is not None and not pixmap.isNull()

    def show_poster(self, poster: QPixmap) -> None:
        """The clip's thumbnail (also when it is made after the clip was selected)."""
        self.placeholder.setPixmap(
            hidpi.fit(poster, QSize(max(160, self.stage.width()), max(120, self.stage.height())))
        )

    def toggle(self) -> None:
        if self._path is None:
            return
        self._ensure_player()
        assert self._player is not None and self._video is not None
        from PySide6.QtMultimedia import QMediaPlayer

        self._attach_sound()
        if self._player.source().isEmpty():
            self._player.setSource(QUrl.fromLocalFile(self._path))
        self.stage.setCurrentWidget(self._video)
        if self._player.playbackState() == QMediaPlayer.PlaybackState.PlayingState:
            self._player.pause()
        else:
            self._player.play()

    def _attach_sound(self) -> None:
        """Sound goes to the system's output device, once there is one. Without a
        device the player is given no audio output at all: Qt's FFmpeg backend then
        plays the pictures alone, where an output with nowhere to play could leave
        stop() waiting forever for its audio thread."""
        from PySide6.QtMultimedia import QAudioOutput, QMediaDevices

        player = self._player
        if self._audio is None and player is not None and QMediaDevices.audioOutputs():
            self._audio = QAudioOutput(self)
            player.setAudioOutput(self._audio)

    def stop(self) -> None:
        if self._player is not None:
            self._player.stop()

    def _seek(self, ms: int) -> None:
        if self._player is not None:
            self._player.setPosition(ms)

    def _on_position(self, ms: int) -> None:
        if not self.position.isSliderDown():
            self.position.setValue(ms)
        total = self._player.duration() if self._player is not None else 0
        self.time_label.setText(f"{human_duration(ms / 1000)} / {human_duration(total / 1000)}")

    def _on_state(self, state: object) -> None:
        from PySide6.QtMultimedia import QMediaPlayer

        playing = state == QMediaPlayer.PlaybackState.PlayingState
        self.play_button.setText(self.tr("Pause") if playing else self.tr("Play"))

    def _on_error(self, _error: object, text: str) -> None:
        self.error.setText(self.tr("Cannot play this clip: {reason}").format(reason=text))
        self.error.show()


def _copyable_field() -> QLineEdit:
    field = QLineEdit()
    field.setReadOnly(True)
    field.setFrame(False)
    theme.style(field, "background: transparent; color: fg(#555555);")
    return field


class ClipDetail(QWidget):
    def __init__(self, model: ClipsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.clip: ClipRow | None = None
        self.hold_state: HoldState | None = None
        self.player = PreviewPlayer()
        self.facts = QLabel(self.tr("No clip selected."))
        # Wrapped, so each line reads whole however narrow the panel and large the
        # text: the panel lies in a vertical scroll area (ClipsView) that gives it the
        # height its wrapped lines need at its width, and scrolls when that is more
        # than the window leaves.
        self.facts.setWordWrap(True)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # A path or a hash is one long word: in a label it would widen the panel to
        # its length. Read-only fields scroll instead, and copy whole.
        self.path_field = _copyable_field()
        self.hash_field = _copyable_field()
        # Why a start is uncertain names two times and is longer than the panel is wide:
        # a field that scrolls, like the path, rather than a line cut off.
        self.time_note_field = _copyable_field()
        self.time_note_field.setAccessibleName(self.tr("Why the start time is uncertain"))
        self.path_field.setAccessibleName(self.tr("File of the clip"))
        self.hash_field.setAccessibleName(self.tr("SHA-256 of the clip"))
        facts_form = QFormLayout()
        facts_form.setContentsMargins(0, 0, 0, 0)
        facts_form.addRow(self.tr("File"), self.path_field)
        facts_form.addRow("SHA-256", self.hash_field)
        facts_form.addRow(self.tr("Time note"), self.time_note_field)
        facts_form.setRowVisible(self.time_note_field, False)
        self.facts_form = facts_form
        self.shows_children = QCheckBox(self.tr("Shows children"))
        self.private = QCheckBox(self.tr("Private"))
        confirm = self.tr("Sharing this clip will need an extra confirmation.")
        self.shows_children.setToolTip(confirm)
        self.private.setToolTip(confirm)
        for box, flag in ((self.shows_children, "shows_children"), (self.private, "private")):
            box.setEnabled(False)
            box.clicked.connect(lambda checked, f=flag: self._set_flag(f, checked))
        flags = QHBoxLayout()
        flags.addWidget(self.shows_children)
        flags.addWidget(self.private)
        flags.addStretch(1)
        # The hold: the window connects the buttons to its registered actions.
        self.hold_label = QLabel()
        self.hold_label.setWordWrap(True)
        self.hold_label.setAccessibleName(self.tr("Hold state of the clip"))
        self.hold_button = QPushButton(self.tr("Hold this clip"))
        self.hold_button.setAccessibleName(self.tr("Hold this clip"))
        self.hold_button.setToolTip(self.tr("Keep a verified copy in Doorstep's evidence store"))
        self.release_button = QPushButton(self.tr("Release hold"))
        self.release_button.setAccessibleName(self.tr("Release the clip's hold"))
        self.release_button.setToolTip(
            self.tr("Let the held copy go (kept while a request holds it)")
        )
        hold_row = QHBoxLayout()
        hold_row.addWidget(self.hold_button)
        hold_row.addWidget(self.release_button)
        hold_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.player, 1)
        layout.addWidget(self.facts)
        layout.addLayout(facts_form)
        layout.addLayout(flags)
        layout.addWidget(self.hold_label)
        layout.addLayout(hold_row)
        model.dataChanged.connect(self._on_data_changed)
        model.modelReset.connect(self._on_reset)
        # No clip, no hold buttons: the two side by side would widen the panel (and the
        # window) for a moment, and a window does not shrink back by itself.
        self._show_hold(None)

    def show_index(self, index: QModelIndex) -> None:
        row = index.data(ClipRowRole) if index.isValid() else None
        new_path = row.path if isinstance(row, ClipRow) else None
        old_path = self.clip.path if self.clip else None
        self._show(row if isinstance(row, ClipRow) else None)
        if new_path != old_path:
            poster = self.model.poster(row.id) if isinstance(row, ClipRow) else None
            duration = row.duration_s if isinstance(row, ClipRow) else 0.0
            self.player.load(new_path, poster, duration)

    def _show(self, row: ClipRow | None) -> None:
        self.clip = row
        self._show_hold(None if row is None else self.model.hold_state(row.id))
        for box in (self.shows_children, self.private):
            box.setEnabled(row is not None)
        self.path_field.setText(row.path if row else "")
        self.hash_field.setText(row.sha256 if row else "")
        uncertain = row is not None and not row.start_certain
        self.time_note_field.setText(note_words(row.start_note) if row and uncertain else "")
        self.facts_form.setRowVisible(self.time_note_field, uncertain)
        for field in (self.path_field, self.hash_field, self.time_note_field):
            field.setCursorPosition(0)
            field.setToolTip(field.text())
        if row is None:
            self.facts.setText(self.tr("No clip selected."))
            self.shows_children.setChecked(False)
            self.private.setChecked(False)
            return
        self.shows_children.setChecked(row.shows_children)
        self.private.setChecked(row.private)
        audio = self.tr("with audio") if row.has_audio else self.tr("no audio")
        lines = [
            f"<b>{escape(row.camera)}</b>",
            f"{local_start(row)} · {human_duration(row.duration_s)}",
            f"{row.width}×{row.height} {row.codec} · {audio} · {human_size(row.size)}",
            self.tr("Start time from {source}").format(
                source=escape(source_words(row.start_source))
            ),
        ]
        if not row.start_certain:
            amber = theme.fg("#b45309").name()
            lines.append(
                f'<span style="color: {amber}">'
                + self.tr("⚠ Time uncertain (see Time note)")
                + "</span>"
            )
        if row.thumbnail_error:
            red = theme.fg("#b00020").name()
            lines.append(
                f'<span style="color: {red}">'
                + self.tr("⚠ The picture cannot be decoded: {reason}").format(
                    reason=escape(row.thumbnail_error)
                )
                + "</span>"
            )
        if not same_clock(row.start_utc, row.camera_tz):
            # Times are on this computer's clock; the camera's, where it differs, as a
            # labelled detail (what its own overlay or app shows).
            lines.insert(
                2, self.tr("Camera's local time: {time}").format(time=escape(camera_start(row)))
            )
        self.facts.setText("<br>".join(lines))

    def _show_hold(self, state: HoldState | None) -> None:
        from desktop.hold_words import hold_words

        self.hold_state = state
        # A file gone or changed cannot be held any more.
        self.hold_button.setVisible(
            state is not None and not state.held and state.source == "present"
        )
        self.release_button.setVisible(state is not None and state.held)
        if state is None:
            self.hold_label.setText("")
            return
        words = hold_words(state, self.model.request_labels)
        lines = [f"<b>{escape(words.text)}.</b> {escape(words.detail)}"]
        if state.last_seen_at and state.source != "lost":
            lines.append(
                self.tr("Source last seen {when}").format(
                    when=escape(local_text(state.last_seen_at))
                )
            )
        colour = f' style="color: {words.colour}"' if words.colour else ""
        self.hold_label.setText(f"<span{colour}>{'<br>'.join(lines)}</span>")

    def _set_flag(self, flag: str, checked: bool) -> None:
        if self.clip is not None:
            self.model.set_flag(self.clip.id, flag, checked)

    def _on_data_changed(self, *_args: object) -> None:
        if self.clip is None:
            return
        pos = self.model.row_of(self.clip.id)
        if pos is not None:
            row = self.model.index(pos, 0).data(ClipRowRole)
            if isinstance(row, ClipRow):
                self._show(row)
                if not self.player.has_poster:
                    # The thumbnail pass made it after the clip was selected.
                    poster = self.model.poster(row.id)
                    if poster is not None and not poster.isNull():
                        self.player.show_poster(poster)

    def _on_reset(self) -> None:
        # The view re-selects the same clip after a reset; keep the player going.
        pass
