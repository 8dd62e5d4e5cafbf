"""The start-up benchmark's reference: an empty PySide6 QMainWindow, started like the
app (``python SCRIPT``), shown, and quit as soon as the event loop runs."""

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

if __name__ == "__main__":
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1280, 800)
    window.show()
    QTimer.singleShot(0, app.quit)
    sys.exit(app.exec())
