-- rallyscope store, schema version 2 (2 added claims.verdict_note). Field names of claims
-- and stances follow SPEC.md; db.py's MIGRATIONS bring an older file up to date.
CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);

CREATE TABLE IF NOT EXISTS articles (
    id                 VARCHAR PRIMARY KEY,   -- sha256 of normalised title + body, 16 hex
    source             VARCHAR NOT NULL,      -- path (path:line for jsonl) or URL read
    format             VARCHAR NOT NULL,      -- txt | html | json | jsonl
    url                VARCHAR,
    title              VARCHAR,
    author             VARCHAR,
    publisher          VARCHAR,
    published          TIMESTAMPTZ,           -- UTC; null when the input names no date
    published_has_time BOOLEAN NOT NULL,      -- false: only a date was given (00:00 UTC)
    text               VARCHAR NOT NULL,      -- cleaned: title, then paragraphs
    raw                BLOB NOT NULL,         -- as read (decoded), zlib-compressed UTF-8
    duplicate_of       VARCHAR,               -- first copy of a near-duplicate, else null
    junk_removed       VARCHAR[],             -- cleaning rules that fired
    minhash            BIGINT[],              -- MinHash signature, for near-duplicates
    ingested_at        TIMESTAMPTZ NOT NULL DEFAULT current_timestamp
);

CREATE TABLE IF NOT EXISTS claims (
    id              VARCHAR PRIMARY KEY,      -- hash of (article, start, end, kind)
    article         VARCHAR NOT NULL,
    source          VARCHAR,
    kind            VARCHAR NOT NULL,
    metric          VARCHAR,
    subject         VARCHAR,
    subject_text    VARCHAR,
    value           DOUBLE,
    low             DOUBLE,
    high            DOUBLE,
    unit            VARCHAR,
    approximate     BOOLEAN,
    forward_looking BOOLEAN,
    period          VARCHAR,
    period_start    DATE,
    period_end      DATE,
    speaker         VARCHAR,
    sentence        VARCHAR,
    start           INTEGER,
    "end"           INTEGER,
    verdict         VARCHAR,                  -- verified | contradicted | unverifiable | null
    actual          DOUBLE,                   -- the figure the closes give
    verdict_note    VARCHAR                   -- why unverifiable, or the neighbouring session
);

CREATE TABLE IF NOT EXISTS stances (
    article    VARCHAR PRIMARY KEY,
    source     VARCHAR,
    stance     VARCHAR NOT NULL,
    score      DOUBLE,
    confidence DOUBLE,
    evidence   VARCHAR[],
    sentiment  DOUBLE
);

CREATE TABLE IF NOT EXISTS sentences (
    article  VARCHAR NOT NULL,
    position INTEGER NOT NULL,
    start    INTEGER,
    "end"    INTEGER,
    text     VARCHAR NOT NULL,
    label    VARCHAR,                         -- sentiment: positive | negative | neutral
    score    DOUBLE,                          -- P(positive) - P(negative)
    probability DOUBLE,                       -- of the label
    PRIMARY KEY (article, position)
);

CREATE TABLE IF NOT EXISTS prices (
    subject VARCHAR NOT NULL,
    date    DATE NOT NULL,
    close   DOUBLE NOT NULL,
    origin  VARCHAR,                          -- file or service the close came from
    PRIMARY KEY (subject, date)
);

CREATE TABLE IF NOT EXISTS rejects (
    source      VARCHAR PRIMARY KEY,          -- one row per input that could not be used
    kind        VARCHAR NOT NULL,             -- short reason category, e.g. 'empty file'
    reason      VARCHAR NOT NULL,             -- the full one-line reason
    skipped     BOOLEAN NOT NULL,             -- true: not a kind of input rallyscope reads
    rejected_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp
);
