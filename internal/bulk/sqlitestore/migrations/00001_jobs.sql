-- +goose Up
CREATE TABLE job (
    id       TEXT PRIMARY KEY,
    created  TEXT NOT NULL,
    source   TEXT NOT NULL, -- JSON
    profile  TEXT NOT NULL, -- JSON, no secrets
    -- one job per store
    singleton INTEGER NOT NULL DEFAULT 1 UNIQUE CHECK (singleton = 1)
);

CREATE TABLE task (
    id          INTEGER PRIMARY KEY,
    user_key    TEXT NOT NULL UNIQUE, -- lower-cased roster identifier
    user        TEXT NOT NULL,
    state       TEXT NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 0,
    station     TEXT NOT NULL DEFAULT '',
    lease_until INTEGER NOT NULL DEFAULT 0, -- unix milliseconds
    fence       INTEGER NOT NULL DEFAULT 0,
    doc         TEXT NOT NULL, -- the Task as JSON (facts included)
    updated     INTEGER NOT NULL
);
CREATE INDEX task_state ON task (state, id);
CREATE INDEX task_station ON task (station, state);

CREATE TABLE event (
    seq     INTEGER PRIMARY KEY AUTOINCREMENT,
    time    INTEGER NOT NULL,
    task_id INTEGER,
    doc     TEXT NOT NULL -- the Event as JSON
);

-- +goose Down
DROP TABLE event;
DROP TABLE task;
DROP TABLE job;
