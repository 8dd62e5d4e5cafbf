"""Why a file is not a usable video (probed in a worker process or not) and why a
stored redaction plan cannot be used, in the resident's language; English as before,
and a thumbnail's error, kept with the clip, in English."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from db.clips.media import MediaError, probe
from db.clips.probing import Prober
from db.redaction.plan import PlanError, RedactionPlan
from db.redaction.store import load_plan, save_plan
from db.words import i18n
from tests.test_redaction_store import a_plan, stored  # noqa: F401 (a fixture)
from tests.videos import Library


@pytest.fixture(autouse=True)
def english_after() -> Iterator[None]:
    yield
    i18n.set_language("en")


def test_probe_refusals_in_spanish_also_from_a_worker_process(library: Library) -> None:
    text, _ = library.bad["text"]
    corrupt, _ = library.bad["corrupt"]
    cut, _ = library.bad["truncated_mkv"]
    with pytest.raises(MediaError) as caught:
        probe(text)
    assert str(caught.value) == "not a video file"
    i18n.set_language("es")
    assert str(caught.value) == "no es un archivo de video"
    with Prober(1) as prober:  # probes in a worker process, which speaks English
        for path, spanish in [
            (text, "no es un archivo de video"),
            (corrupt, "video dañado o incompleto: no se puede leer su encabezado"),
        ]:
            with pytest.raises(MediaError) as caught:
                prober.probe(path)
            assert str(caught.value) == spanish
        with pytest.raises(MediaError) as caught:
            prober.probe(cut)
        assert str(caught.value).startswith("truncado: ")


def test_a_damaged_stored_plan_refused_in_spanish(stored: dict[str, Any]) -> None:  # noqa: F811
    db, clip, row = stored["db"], stored["clip"], stored["row"]
    save_plan(db, row, a_plan(clip))
    with db.atomic():
        db.execute("UPDATE redaction_plans SET plan = json_set(plan, '$.style', 'fill')")
    i18n.set_language("es")
    with pytest.raises(PlanError) as caught:
        load_plan(db, row, clip)
    assert str(caught.value) == (
        f"el plan de ocultación guardado del clip {clip} no coincide con su SHA-256: se "
        "cambió fuera de Doorstep; vuelva a crearlo"
    )
    with pytest.raises(PlanError) as caught:
        RedactionPlan.from_json({"format": "something else"})
    assert str(caught.value).startswith("no es un plan de ocultación (formato ")
    data = json.loads(json.dumps(a_plan(clip).to_json()))
    data["tracks"][0]["kind"] = "car"
    with pytest.raises(PlanError) as caught:
        RedactionPlan.from_json(data)
    assert str(caught.value) == "el tipo de un seguimiento es 'face' o 'box', no 'car'"
    i18n.set_language("en")
    with pytest.raises(PlanError) as caught:
        RedactionPlan.from_json(data)
    assert str(caught.value) == "a track's kind is 'face' or 'box', not 'car'"


def test_a_thumbnail_error_is_kept_in_english(tmp_path: Path) -> None:
    from db.clips.thumbnail_pass import ThumbnailJob, _one

    junk = tmp_path / "noise.mp4"
    junk.write_bytes(b"\x00" * 4096)
    i18n.set_language("es")
    with Prober(0) as prober:
        made = _one(prober, ThumbnailJob("ab" * 32, str(junk)))
    assert made.error is not None and made.error.startswith("cannot be read as video (")
