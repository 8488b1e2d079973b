-- ResLib Studio store, schema version 2: media facts of blobs, cached by reslib-probe.c.
-- A row whose version is below the program's RESLIB_PROBE_VERSION is stale: the blob is probed again.
-- Unknown numbers are 0; error is NULL when the file was read, else why it could not be (translated).

CREATE TABLE probes (
  sha256         TEXT PRIMARY KEY REFERENCES blobs (sha256) ON DELETE CASCADE,
  version        INTEGER NOT NULL CHECK (version >= 0),
  probed_at      TEXT NOT NULL,
  mime_type      TEXT,
  container      TEXT,
  video_codec    TEXT,
  audio_codec    TEXT,
  width          INTEGER NOT NULL DEFAULT 0,
  height         INTEGER NOT NULL DEFAULT 0,
  frame_rate     REAL NOT NULL DEFAULT 0,
  video_bitrate  INTEGER NOT NULL DEFAULT 0,
  audio_bitrate  INTEGER NOT NULL DEFAULT 0,
  duration       REAL NOT NULL DEFAULT 0,
  sample_rate    INTEGER NOT NULL DEFAULT 0,
  channels       INTEGER NOT NULL DEFAULT 0,
  error          TEXT
);
