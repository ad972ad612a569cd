-- A version-1 timeline database as the hand-written sqlite3 store (before SQLAlchemy)
-- made it: one article, two events, one correction. Made with that code and
-- sqlite3's iterdump(); tests/store/test_connection.py opens it with today's store.
PRAGMA user_version = 1;
BEGIN TRANSACTION;
CREATE TABLE articles (
    article_id  TEXT PRIMARY KEY,          -- timeline.model.text_key(text)
    text        TEXT NOT NULL,
    title       TEXT NOT NULL DEFAULT '',
    url         TEXT NOT NULL DEFAULT '',
    source      TEXT NOT NULL DEFAULT '',
    published   TEXT NOT NULL,
    path        TEXT NOT NULL DEFAULT '',
    ingested_at TEXT NOT NULL
);
INSERT INTO "articles" VALUES('fd746603817c94b0','Leaders met in London on Saturday. The summit is planned for next month.','London talks','https://example.org/a1','Daily Example','2025-03-17','','2026-12-03T16:47:28+00:00');
CREATE TABLE corrections (
    event_id       TEXT PRIMARY KEY,
    value          TEXT,                   -- NULL when the person deleted the event
    start_date     TEXT,
    end_date       TEXT,
    granularity    TEXT,
    status         TEXT,
    original_value TEXT NOT NULL DEFAULT '',
    deleted        INTEGER NOT NULL DEFAULT 0,
    corrected_at   TEXT NOT NULL
);
INSERT INTO "corrections" VALUES('be0ed32888622351','2025-05','2025-05-01','2025-06-01','month','scheduled','2025-04',0,'2026-12-03T16:47:28+00:00');
CREATE TABLE event_actors (
    event_id TEXT NOT NULL REFERENCES events (event_id) ON DELETE CASCADE,
    actor    TEXT NOT NULL,
    PRIMARY KEY (event_id, actor)
) WITHOUT ROWID;
INSERT INTO "event_actors" VALUES('9e2f173384db9fbd','Keir Starmer');
CREATE TABLE events (
    event_id       TEXT PRIMARY KEY,
    article_id     TEXT NOT NULL REFERENCES articles (article_id) ON DELETE CASCADE,
    value          TEXT NOT NULL,
    start_date     TEXT NOT NULL,
    end_date       TEXT NOT NULL,
    granularity    TEXT NOT NULL,
    expression     TEXT NOT NULL,
    status         TEXT NOT NULL,
    summary        TEXT NOT NULL,
    sentence       TEXT NOT NULL,
    expr_start     INTEGER NOT NULL,
    expr_end       INTEGER NOT NULL,
    sentence_start INTEGER NOT NULL,
    position       INTEGER NOT NULL,       -- offset of the expression in the article
    actors         TEXT NOT NULL,          -- JSON list, in the extractor's order
    anchor         TEXT NOT NULL DEFAULT '',
    direction      TEXT NOT NULL DEFAULT '',
    corrected      INTEGER NOT NULL DEFAULT 0,
    search         TEXT NOT NULL           -- casefolded sentence, summary, expression
);
INSERT INTO "events" VALUES('9e2f173384db9fbd','fd746603817c94b0','2025-03-15','2025-03-15','2025-03-16','day','on Saturday','happened','Leaders met in London on Saturday.','Leaders met in London on Saturday.',22,33,0,22,'["Keir Starmer"]','','',0,'leaders met in london on saturday.
leaders met in london on saturday.
on saturday');
INSERT INTO "events" VALUES('be0ed32888622351','fd746603817c94b0','2025-05','2025-05-01','2025-06-01','month','next month','scheduled','The summit is planned for next month.','The summit is planned for next month.',26,36,35,61,'[]','','',1,'the summit is planned for next month.
the summit is planned for next month.
next month');
CREATE TABLE mentions (
    article_id  TEXT NOT NULL REFERENCES articles (article_id) ON DELETE CASCADE,
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    text        TEXT NOT NULL,
    type        TEXT NOT NULL,
    value       TEXT NOT NULL,
    granularity TEXT,
    start_date  TEXT,
    end_date    TEXT,
    anchor      TEXT NOT NULL DEFAULT '',
    direction   TEXT NOT NULL DEFAULT '',
    mod         TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (article_id, start, "end")
) WITHOUT ROWID;
INSERT INTO "mentions" VALUES('fd746603817c94b0',22,33,'on Saturday','DATE','2025-03-15','day','2025-03-15','2025-03-16','','','');
INSERT INTO "mentions" VALUES('fd746603817c94b0',61,71,'next month','DATE','2025-04','month','2025-04-01','2025-05-01','','','');
CREATE INDEX articles_source ON articles (source);
CREATE INDEX events_dates ON events (start_date, end_date);
CREATE INDEX events_article ON events (article_id, position);
CREATE INDEX events_status ON events (status);
CREATE INDEX events_granularity ON events (granularity);
CREATE INDEX event_actors_actor ON event_actors (actor, event_id);
COMMIT;
