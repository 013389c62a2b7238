/**
 * The collection database schema, as an ordered list of migrations. `PRAGMA user_version`
 * holds how many have run; each runs in its own transaction. Append, never edit: a user's
 * database that ran migration N must be upgraded by N+1, not rebuilt.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: albums, ordered artist credits, tracks, imports, run history, per-task schedule state.
  `
  CREATE TABLE albums (
    id          INTEGER PRIMARY KEY,
    title       TEXT NOT NULL,
    year        INTEGER,
    support     TEXT,
    source      TEXT,
    discogs_id  TEXT,
    discogs_url TEXT,
    spotify_url TEXT,
    genre       TEXT,
    image_url   TEXT,
    created_at  TEXT NOT NULL,
    -- What makes an imported album "the same" on a second import (idempotent importers):
    -- "discogs:3068785", else album:["<title>",["<artist>",...],<year>,"<support>"], normalized
    -- (collection/incoming.ts importKey). NULL for none.
    import_key  TEXT UNIQUE
  );
  CREATE TABLE artists (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
  );
  -- Ordered credits: position 0 is the first artist shown.
  CREATE TABLE album_artists (
    album_id  INTEGER NOT NULL REFERENCES albums(id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    artist_id INTEGER NOT NULL REFERENCES artists(id),
    PRIMARY KEY (album_id, position)
  ) WITHOUT ROWID;
  CREATE INDEX album_artists_by_artist ON album_artists(artist_id);
  CREATE TABLE tracks (
    id               INTEGER PRIMARY KEY,
    album_id         INTEGER NOT NULL REFERENCES albums(id) ON DELETE CASCADE,
    position         INTEGER,
    title            TEXT NOT NULL,
    duration_seconds INTEGER
  );
  CREATE INDEX tracks_by_album ON tracks(album_id);
  CREATE TABLE imports (
    id       INTEGER PRIMARY KEY,
    at       TEXT NOT NULL,
    format   TEXT NOT NULL,
    file     TEXT NOT NULL,
    added    INTEGER NOT NULL,
    updated  INTEGER NOT NULL,
    skipped  INTEGER NOT NULL
  );
  -- One row per run of a task, whatever started it. status: running|completed|failed|skipped.
  CREATE TABLE runs (
    id          INTEGER PRIMARY KEY,
    task        TEXT NOT NULL,
    trigger     TEXT NOT NULL,
    started_at  TEXT NOT NULL,
    finished_at TEXT,
    status      TEXT NOT NULL,
    file        TEXT,
    album_count INTEGER,
    warnings    TEXT NOT NULL DEFAULT '[]',
    error       TEXT,
    -- The scheduled occurrence this run serves (ISO), so one occurrence is claimed once.
    occurrence  TEXT,
    pid         INTEGER,
    -- pid + this token (drawn once per process lifetime) tell a live run from one left by a
    -- crashed process that had the same pid (schedule/process-identity.ts).
    owner       TEXT
  );
  CREATE INDEX runs_by_task ON runs(task, id);
  CREATE UNIQUE INDEX runs_one_per_occurrence ON runs(task, occurrence) WHERE occurrence IS NOT NULL;
  -- The source of truth for the scheduler: when each task runs next (epoch ms).
  CREATE TABLE task_state (
    task        TEXT PRIMARY KEY,
    next_run_at INTEGER,
    schedule_key TEXT
  );
  `,
  // 2: linked sources, re-read on each sync, and which source (and which id there) each album
  // came from. Albums of a source have import_key NULL: one-shot imports never match them, and
  // a sync never touches an album whose source_id is not its own (NULL = one-shot import).
  `
  CREATE TABLE sources (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL CHECK (kind IN ('discogs', 'aime-db', 'discogs-csv', 'json')),
    -- An absolute file path, or the Discogs username.
    location     TEXT NOT NULL,
    -- The Discogs token, sealed (core/secrets.ts); never returned by any door.
    secret       TEXT,
    created_at   TEXT NOT NULL,
    last_sync_at TEXT,
    -- JSON: {"status":"completed","added":1,"updated":0,"removed":2} or {"status":"failed","error":"..."}
    last_result  TEXT,
    UNIQUE (kind, location)
  );
  ALTER TABLE albums ADD COLUMN source_id INTEGER REFERENCES sources(id);
  -- The album's id at its source: Discogs release id, AIME album id, the CSV's release_id,
  -- the JSON export's id.
  ALTER TABLE albums ADD COLUMN external_id TEXT;
  -- Discogs' instance id (one copy in the user's collection), when the source has one.
  ALTER TABLE albums ADD COLUMN external_instance_id TEXT;
  CREATE UNIQUE INDEX albums_by_source ON albums(source_id, external_id) WHERE source_id IS NOT NULL;
  `,
  // 3: a narrow index over every album, which count(*) scans instead of the table or the wide
  // import_key index: the collection's counts (GET …/collection, after each import or sync, on
  // the engine's thread) take ~0.1 ms at 1M albums instead of ~100 ms. It also serves a sync's
  // "albums of this source" and "one-shot albums" (source_id IS NULL).
  `
  CREATE INDEX albums_by_source_id ON albums(source_id);
  `,
  // 4: what a run says to people as codes plus parameters (shared/messages), so each door shows
  // it in its reader's language: the error or skip reason, and the warnings (JSON). The plain
  // English `error` and `warnings` stay for the log and the API's existing fields.
  `
  ALTER TABLE runs ADD COLUMN text TEXT;
  ALTER TABLE runs ADD COLUMN warning_texts TEXT;
  `,
  // 5: a Discogs token is bound to the origin of the API it was entered for (scheme, host, port)
  // and never sent anywhere else. Tokens linked before were entered for Discogs itself.
  `
  ALTER TABLE sources ADD COLUMN secret_origin TEXT;
  UPDATE sources SET secret_origin = 'https://api.discogs.com' WHERE secret IS NOT NULL;
  `,
];
