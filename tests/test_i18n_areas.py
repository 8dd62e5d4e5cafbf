"""Which source files feed which catalogue: the command line (cli.py, cli_*.py) stays
English, and every other module of the window is in one area, clips' modules too."""

from __future__ import annotations

from desktop.i18n_build import ROOT, area_files


def _names(area: str) -> set[str]:
    return {str(p.relative_to(ROOT)) for p in area_files(area)}


def test_the_clips_modules_are_translated_and_the_command_line_is_not() -> None:
    widgets, app = _names("widgets"), _names("app")
    assert {"desktop/widgets/clip_detail.py", "desktop/widgets/clips_view.py"} <= widgets
    assert "desktop/models/clips.py" in app
    everything = widgets | app | _names("core")
    assert not {"desktop/cli.py", "desktop/cli_requests.py", "desktop/cli_output.py"} & everything
