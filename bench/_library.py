"""A Doorstep database with many clips, built fast by direct SQL inserts (no video
files behind the rows, except the one clip the thumbnail JPEG is taken from). Used by
the start-up and clips-table benchmarks; cached in bench/out/cache and reused.

Every clip gets the same thumbnail: ``probe`` takes it from a clip made with
``db.demo.synth.make_clip`` (about 1 KB: the synthetic picture is flat), ``textured``
encodes a noisy gradient the way ``db.clips.thumbnail`` encodes thumbnails (about 8 KB, near the
size of a thumbnail of real camera footage)."""

from __future__ import annotations

import hashlib
import json
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import CACHE

LIBRARY_VERSION = 1  # bump when the rows below change, so the cache is rebuilt
CAMERAS = [
    ("Porch", 47.6062, -122.3321, 180.0, 90.0, 15.0, "America/Los_Angeles"),
    ("Driveway", 47.6063, -122.3323, 90.0, 110.0, 25.0, "America/Los_Angeles"),
    ("Back yard", 47.6060, -122.3322, 0.0, 120.0, 20.0, "America/Los_Angeles"),
    ("Garage", 47.6061, -122.3325, 270.0, 80.0, 10.0, "America/Los_Angeles"),
]
T0 = datetime(2025, 1, 1, tzinfo=UTC)


def thumbnail_jpeg() -> bytes:
    """A real thumbnail of one real clip, made the way an import makes it."""
    from db.clips.thumbnail import make_thumbnail
    from db.demo.synth import make_clip

    with tempfile.TemporaryDirectory(prefix="doorstep-bench-") as tmp:
        clip = make_clip(Path(tmp) / "thumb.mp4", seconds=3, width=640, height=360, hue=7)
        return make_thumbnail(clip)


def textured_thumbnail_jpeg() -> bytes:
    """A 160x90 JPEG of a noisy gradient, encoded as ``db.clips.thumbnail`` encodes thumbnails."""
    import random
    from fractions import Fraction

    import av

    width, height = 160, 90
    rng = random.Random(1)
    data = bytes(
        (x * 3 + y * 2 + c * 50 + rng.randint(0, 40)) % 256
        for y in range(height)
        for x in range(width)
        for c in range(3)
    )
    frame = av.VideoFrame(width, height, "rgb24")
    frame.planes[0].update(data)
    encoder = av.CodecContext.create("mjpeg", "w")
    encoder.width = width
    encoder.height = height
    encoder.pix_fmt = "yuvj420p"
    encoder.time_base = Fraction(1, 1)
    small = frame.reformat(format="yuvj420p")
    return b"".join(bytes(p) for p in encoder.encode(small) + encoder.encode(None))


THUMBNAILS = {"probe": thumbnail_jpeg, "textured": textured_thumbnail_jpeg}


def _utc(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def build(path: Path, clips: int, thumbnail: str = "probe") -> None:
    from db.store.database import open_database

    jpeg = THUMBNAILS[thumbnail]()
    db = open_database(path, kind="resident")
    conn = db.conn
    now = _utc(datetime.now(UTC))
    footage = path.parent / "footage"
    with conn:
        conn.executemany(
            "INSERT INTO cameras (name, lat, lon, heading_deg, fov_deg, range_m, tz, "
            "clock_offset_s, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?)",
            [(*cam, now) for cam in CAMERAS],
        )
        ids = [row[0] for row in conn.execute("SELECT id FROM cameras ORDER BY id")]

        def rows() -> Iterator[tuple[object, ...]]:
            for i in range(clips):
                camera = i % len(CAMERAS)
                start = T0 + timedelta(seconds=97 * i + 13 * camera)
                duration = 5.0 + (i * 7) % 55
                ext = (".mp4", ".mov", ".mkv")[i % 3]
                name = f"{start:%Y%m%d_%H%M%S}_{i:06d}{ext}"
                yield (
                    i + 1,
                    ids[camera],
                    str(footage / f"cam{camera}" / f"{start:%Y-%m-%d}" / name),
                    hashlib.sha256(f"bench clip {i}".encode()).hexdigest(),
                    200_000 + (i * 7919) % 5_000_000,
                    int(start.timestamp() * 1e9),
                    _utc(start),
                    _utc(start + timedelta(seconds=duration)),
                    ("container", "filename", "mtime")[i % 3],
                    duration,
                    (1920, 1280, 640)[i % 3],
                    (1080, 720, 360)[i % 3],
                    "h264",
                    int(i % 5 < 2),
                    int(i % 97 == 0),
                    int(i % 89 == 0),
                    now,
                )

        conn.executemany(
            "INSERT INTO clips (id, camera_id, path, sha256, size, mtime_ns, start_utc, "
            "end_utc, start_source, duration_s, width, height, codec, has_audio, "
            "shows_children, private, imported_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows(),
        )
        conn.executemany(
            "INSERT INTO clip_thumbnails (clip_id, mime, data) VALUES (?, 'image/jpeg', ?)",
            ((i + 1, jpeg) for i in range(clips)),
        )
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()


def library(clips: int, thumbnail: str = "probe") -> Path:
    """The path of a cached database holding ``clips`` clips, built now if needed."""
    folder = CACHE / (f"library-{clips}" + ("" if thumbnail == "probe" else f"-{thumbnail}"))
    path = folder / "doorstep.sqlite3"
    marker = folder / "library.json"
    want = {"version": LIBRARY_VERSION, "clips": clips, "thumbnail": thumbnail}
    if path.exists() and marker.exists():
        try:
            if json.loads(marker.read_text(encoding="utf-8")) == want:
                return path
        except ValueError:
            pass
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("doorstep.sqlite3*"):
        old.unlink()
    marker.unlink(missing_ok=True)
    print(f"building a database with {clips:,} clips ({thumbnail} thumbnails)…")
    t = time.perf_counter()
    build(path, clips, thumbnail)
    size = path.stat().st_size
    print(f"  {size / 1e6:.0f} MB in {time.perf_counter() - t:.1f} s")
    marker.write_text(json.dumps(want), encoding="utf-8")
    return path


if __name__ == "__main__":
    # Run on its own, so that a benchmark measuring its own memory never builds it.
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    print(library(count, sys.argv[2] if len(sys.argv) > 2 else "probe"))
