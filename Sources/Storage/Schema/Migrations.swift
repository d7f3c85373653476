/// The schema, as an ordered list of steps applied on `PRAGMA user_version`.
///
/// Never edit a step that has shipped; append a new one.
package enum Migrations {
    /// Every stored session text passed through redact() (SecretRedactor, registered on each
    /// connection): a step of its own each time the redactor learns more. A redacted value that
    /// collides with one already stored is dropped (the same text, as far as secrets go).
    /// secure_delete overwrites the old values' bytes instead of leaving them in the file's free
    /// space; it stays on for the rest of the connection.
    static let redactSessionTexts = """
        PRAGMA secure_delete = ON;
        UPDATE session SET parent_key = redact(parent_key) WHERE parent_key <> redact(parent_key);
        UPDATE session SET continued_from = redact(continued_from) WHERE continued_from <> redact(continued_from);
        UPDATE session SET source = redact(source) WHERE source <> redact(source);
        UPDATE session SET working_directory = redact(working_directory)
            WHERE working_directory <> redact(working_directory);
        UPDATE session SET repository_evidence = redact(repository_evidence)
            WHERE repository_evidence <> redact(repository_evidence);
        UPDATE session SET git_branch = redact(git_branch) WHERE git_branch <> redact(git_branch);
        UPDATE session SET tool_version = redact(tool_version) WHERE tool_version <> redact(tool_version);
        UPDATE session SET owner = redact(owner) WHERE owner <> redact(owner);
        UPDATE OR IGNORE session SET key = redact(key) WHERE key <> redact(key);
        UPDATE OR IGNORE session_detail SET value = redact(value) WHERE kind <> 'word' AND value <> redact(value);
        DELETE FROM session_detail WHERE kind <> 'word' AND value <> redact(value);
        UPDATE OR IGNORE token_usage SET key = redact(key) WHERE key <> redact(key);
        DELETE FROM token_usage WHERE key <> redact(key);
        UPDATE session_workflow SET start_evidence = redact(start_evidence)
            WHERE start_evidence <> redact(start_evidence);
        UPDATE session_prompt SET text = redact(text) WHERE text <> redact(text);
        """

    package static let all: [Migration] = [
        Migration(
            name: "git history",
            sql: """
                CREATE TABLE repository (
                    id INTEGER PRIMARY KEY,
                    root TEXT NOT NULL UNIQUE,
                    origin TEXT,
                    name TEXT NOT NULL,
                    last_ingest INTEGER
                );
                -- The ref tips read by the last ingest: the next one logs only what is new since them.
                CREATE TABLE repository_tip (
                    repository_id INTEGER NOT NULL REFERENCES repository(id) ON DELETE CASCADE,
                    hash TEXT NOT NULL,
                    PRIMARY KEY (repository_id, hash)
                ) WITHOUT ROWID;
                -- "commit" is an SQL keyword, hence git_commit.
                CREATE TABLE git_commit (
                    id INTEGER PRIMARY KEY,
                    repository_id INTEGER NOT NULL REFERENCES repository(id) ON DELETE CASCADE,
                    hash TEXT NOT NULL,
                    parents TEXT NOT NULL,
                    author_name TEXT NOT NULL,
                    author_email TEXT NOT NULL,
                    author_time INTEGER NOT NULL,
                    author_offset INTEGER NOT NULL,
                    committer_name TEXT NOT NULL,
                    committer_email TEXT NOT NULL,
                    committer_time INTEGER NOT NULL,
                    subject TEXT NOT NULL,
                    body TEXT NOT NULL,
                    is_merge INTEGER NOT NULL,
                    is_bot INTEGER NOT NULL,
                    lines_added INTEGER NOT NULL,
                    lines_deleted INTEGER NOT NULL,
                    -- 0 once a history rewrite left the commit unreachable from the ingested refs.
                    reachable INTEGER NOT NULL DEFAULT 1,
                    UNIQUE (repository_id, hash)
                );
                CREATE INDEX git_commit_author_time ON git_commit(repository_id, author_time);
                CREATE TABLE file_change (
                    commit_id INTEGER NOT NULL REFERENCES git_commit(id) ON DELETE CASCADE,
                    path TEXT NOT NULL,
                    old_path TEXT,
                    lines_added INTEGER,   -- NULL for a binary file
                    lines_deleted INTEGER
                );
                CREATE INDEX file_change_commit ON file_change(commit_id);
                CREATE TABLE commit_trailer (
                    commit_id INTEGER NOT NULL REFERENCES git_commit(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    key TEXT NOT NULL,
                    value TEXT NOT NULL,
                    PRIMARY KEY (commit_id, position)
                ) WITHOUT ROWID;
                -- source: 'message' (trailer, footer, author) or 'git-ai' (a note under refs/notes/ai).
                CREATE TABLE ai_mark (
                    commit_id INTEGER NOT NULL REFERENCES git_commit(id) ON DELETE CASCADE,
                    tool TEXT NOT NULL,
                    source TEXT NOT NULL,
                    evidence TEXT NOT NULL,
                    PRIMARY KEY (commit_id, tool, source)
                ) WITHOUT ROWID;
                """),
        Migration(
            name: "sessions",
            sql: """
                -- One row per session-log file read: how far it was read, and how it looked then.
                CREATE TABLE log_file (
                    id INTEGER PRIMARY KEY,
                    path TEXT NOT NULL UNIQUE,
                    tool TEXT NOT NULL,
                    size INTEGER NOT NULL,
                    modified INTEGER NOT NULL,       -- modification time, ns since 1970
                    consumed INTEGER NOT NULL,       -- bytes read up to the last complete line
                    fingerprint TEXT NOT NULL,       -- of the first bytes: a different one means rewritten
                    malformed INTEGER NOT NULL DEFAULT 0,
                    last_read INTEGER NOT NULL
                );
                CREATE TABLE session (
                    id INTEGER PRIMARY KEY,
                    tool TEXT NOT NULL,
                    key TEXT NOT NULL,               -- the tool's own session id
                    parent_key TEXT,                 -- a sub-agent's parent session
                    continued_from TEXT,
                    source TEXT NOT NULL,            -- the log file it was first read from
                    working_directory TEXT,
                    repository_id INTEGER REFERENCES repository(id) ON DELETE SET NULL,
                    repository_evidence TEXT,
                    git_branch TEXT,
                    tool_version TEXT,
                    UNIQUE (tool, key)
                );
                -- What each log file contributed to a session; a rewritten file's rows are replaced.
                CREATE TABLE session_part (
                    session_id INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
                    log_file_id INTEGER NOT NULL REFERENCES log_file(id) ON DELETE CASCADE,
                    prompts INTEGER NOT NULL,
                    prompt_characters INTEGER NOT NULL,
                    PRIMARY KEY (session_id, log_file_id)
                ) WITHOUT ROWID;
                CREATE TABLE session_event (
                    session_id INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
                    log_file_id INTEGER NOT NULL REFERENCES log_file(id) ON DELETE CASCADE,
                    time_ms INTEGER NOT NULL
                );
                CREATE INDEX session_event_session ON session_event(session_id, time_ms);
                CREATE INDEX session_event_file ON session_event(log_file_id);
                CREATE TABLE session_detail (
                    session_id INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
                    log_file_id INTEGER NOT NULL REFERENCES log_file(id) ON DELETE CASCADE,
                    kind TEXT NOT NULL,              -- 'model', 'file', 'commit', 'word'
                    value TEXT NOT NULL,
                    count INTEGER NOT NULL DEFAULT 1,
                    PRIMARY KEY (session_id, log_file_id, kind, value)
                ) WITHOUT ROWID;
                -- Prompt text, redacted, only when the user asked for it (--keep-prompts).
                CREATE TABLE session_prompt (
                    session_id INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
                    log_file_id INTEGER NOT NULL REFERENCES log_file(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    text TEXT NOT NULL
                );
                -- Token usage de-duplicated globally on the logs' own keys (largest total wins).
                CREATE TABLE token_usage (
                    key TEXT PRIMARY KEY,
                    session_id INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
                    input INTEGER NOT NULL,
                    output INTEGER NOT NULL,
                    cache_write INTEGER NOT NULL,
                    cache_read INTEGER NOT NULL
                ) WITHOUT ROWID;
                CREATE INDEX token_usage_session ON token_usage(session_id);
                """),
        Migration(
            name: "tasks",
            sql: """
                -- Built from commits and sessions after every ingest; the whole task, with its
                -- evidence, is kept as JSON in detail, and the columns filters need beside it.
                CREATE TABLE task (
                    id TEXT PRIMARY KEY,
                    repository_id INTEGER NOT NULL REFERENCES repository(id) ON DELETE CASCADE,
                    key TEXT NOT NULL,
                    category TEXT NOT NULL,
                    ai INTEGER NOT NULL,
                    bot INTEGER NOT NULL,
                    start_time INTEGER NOT NULL,
                    end_time INTEGER NOT NULL,
                    detail TEXT NOT NULL,
                    UNIQUE (repository_id, key)
                );
                CREATE INDEX task_end ON task(end_time);
                CREATE TABLE task_commit (
                    task_id TEXT NOT NULL REFERENCES task(id) ON DELETE CASCADE,
                    hash TEXT NOT NULL,
                    PRIMARY KEY (task_id, hash)
                ) WITHOUT ROWID;
                CREATE INDEX task_commit_hash ON task_commit(hash);
                -- A person's corrections: never touched by a rebuild.
                CREATE TABLE label (
                    repository_id INTEGER NOT NULL REFERENCES repository(id) ON DELETE CASCADE,
                    key TEXT NOT NULL,
                    first_commit TEXT NOT NULL,
                    category TEXT,
                    ai INTEGER,
                    updated INTEGER NOT NULL,
                    PRIMARY KEY (repository_id, key)
                ) WITHOUT ROWID;
                """),
        Migration(
            name: "reviews and time logs",
            sql: """
                -- From pull-request exports (ingest reviews): one row per repository and number.
                CREATE TABLE pull_request (
                    repository_id INTEGER NOT NULL REFERENCES repository(id) ON DELETE CASCADE,
                    number INTEGER NOT NULL,
                    detail TEXT NOT NULL,            -- the whole PullRequest as JSON
                    PRIMARY KEY (repository_id, number)
                ) WITHOUT ROWID;
                -- From time logs (ingest timelog): a file's rows are replaced when it is read again.
                CREATE TABLE time_entry (
                    source TEXT NOT NULL,
                    position INTEGER NOT NULL,
                    date TEXT NOT NULL,
                    author TEXT NOT NULL,
                    task TEXT NOT NULL,
                    hours REAL NOT NULL,
                    activity TEXT NOT NULL,
                    estimate_hours REAL,
                    PRIMARY KEY (source, position)
                ) WITHOUT ROWID;
                CREATE INDEX time_entry_task ON time_entry(task);
                """),
        Migration(
            name: "team",
            sql: """
                -- This database's own settings (its machine id for exports).
                CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
                -- The machine a merged session came from (NULL: read from this machine's logs), and the
                -- author identity whose user folder it ran in, as the export said.
                ALTER TABLE session ADD COLUMN machine TEXT;
                ALTER TABLE session ADD COLUMN owner TEXT;
                CREATE TABLE merged_export (
                    machine TEXT PRIMARY KEY,
                    exporter TEXT NOT NULL,
                    exported INTEGER NOT NULL,
                    merged INTEGER NOT NULL,
                    sessions INTEGER NOT NULL
                ) WITHOUT ROWID;
                -- multiplier people merge: another name or email of the same person.
                CREATE TABLE person_alias (alias TEXT PRIMARY KEY, person TEXT NOT NULL) WITHOUT ROWID;
                """),
        Migration(
            name: "log-format",
            sql: """
                -- The format a log was recognised as when last read (NULL: an export's rows, or read before
                -- this column): a log unchanged since is not read again to recognise it.
                ALTER TABLE log_file ADD COLUMN format TEXT;
                """),
        Migration(
            name: "mark-basis",
            sql: """
                -- ai_mark.source now says where a mark was found: 'author', 'message', 'committer' (the
                -- committer identity alone, recorded but not counted) or 'git-ai'. Identity marks were
                -- stored as 'message' with evidence 'author …' or 'committer …'.
                UPDATE ai_mark SET source = 'author' WHERE source = 'message' AND evidence LIKE 'author %';
                UPDATE ai_mark SET source = 'committer' WHERE source = 'message' AND evidence LIKE 'committer %';
                """),
        Migration(
            name: "review diffs",
            sql: """
                -- What a commit added, as `multiplier review` read it (a CommitDiff as JSON): a commit's diff
                -- never changes, so a review reads git only for commits it has not seen. `reader` is the
                -- version of the parser that wrote it; another version reads the commit again.
                CREATE TABLE commit_diff (
                    repository TEXT NOT NULL,
                    hash TEXT NOT NULL,
                    reader INTEGER NOT NULL,
                    diff TEXT NOT NULL,
                    PRIMARY KEY (repository, hash)
                ) WITHOUT ROWID;
                """),
        Migration(
            name: "session workflow",
            sql: """
                -- How a session went about its work (SessionWorkflow), per log file that contributed to it, like
                -- session_part: a rewritten file's row cascades away with its log_file row. NULL = the log does not
                -- tell. start: 'plan-first' or 'code-first'. edited: 1 once this file showed a file edit, so that
                -- prompts read later from the same file count as corrections after the edit.
                CREATE TABLE session_workflow (
                    session_id INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
                    log_file_id INTEGER NOT NULL REFERENCES log_file(id) ON DELETE CASCADE,
                    start TEXT,
                    start_evidence TEXT,
                    corrections_before_edit INTEGER,
                    corrections_after_edit INTEGER,
                    subagents INTEGER,
                    edited INTEGER NOT NULL DEFAULT 0,
                    PRIMARY KEY (session_id, log_file_id)
                ) WITHOUT ROWID;
                -- Logs read before this step are read again, whole, by the next `ingest sessions`: a size that
                -- never matches makes them changed, a fingerprint that never matches makes them rewritten (their
                -- rows are replaced, not appended to). Merged exports' pseudo files are not logs.
                UPDATE log_file SET size = -1, fingerprint = 'read again for session workflow' WHERE tool <> 'export';
                """),
        Migration(
            name: "task figures",
            sql: """
                -- The figures reports read of each task (retro, weekly), in columns beside its JSON detail and
                -- written by the same statement, with a covering index in the order reports read them: a report
                -- scans the index and never reads or decodes the detail. weak_links_only: no AI mark, no AI
                -- label, and every linked session linked by time overlap alone (WorkTask.aiOnWeakEvidenceOnly
                -- without its `ai`). Filled here from the stored detail; a rebuild writes them with the task.
                ALTER TABLE task ADD COLUMN author TEXT NOT NULL DEFAULT '';
                ALTER TABLE task ADD COLUMN confidence REAL NOT NULL DEFAULT 0;
                ALTER TABLE task ADD COLUMN labelled INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE task ADD COLUMN weak_links_only INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE task ADD COLUMN effort_hours REAL NOT NULL DEFAULT 0;
                ALTER TABLE task ADD COLUMN effort_source TEXT NOT NULL DEFAULT 'git';
                ALTER TABLE task ADD COLUMN rework_hours REAL NOT NULL DEFAULT 0;
                ALTER TABLE task ADD COLUMN active_seconds INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE task ADD COLUMN lines_added INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE task ADD COLUMN lines_deleted INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE task ADD COLUMN files_touched INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE task ADD COLUMN ai_lines_added INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE task ADD COLUMN churned_lines INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE task ADD COLUMN pull_request INTEGER;
                ALTER TABLE task ADD COLUMN review_rounds INTEGER;
                ALTER TABLE task ADD COLUMN first_review_wait_hours REAL;
                ALTER TABLE task ADD COLUMN merge_wait_hours REAL;
                ALTER TABLE task ADD COLUMN reviewer_hours REAL;
                UPDATE task SET
                    author = json_extract(detail, '$.author'),
                    confidence = json_extract(detail, '$.confidence'),
                    labelled = json_extract(detail, '$.labelled'),
                    weak_links_only = (
                        json_type(detail, '$.aiLabel') IS NULL
                        AND NOT EXISTS (
                            SELECT 1 FROM json_each(detail, '$.commits') c
                            WHERE json_array_length(c.value, '$.aiTools') > 0)
                        AND json_array_length(detail, '$.sessions') > 0
                        AND NOT EXISTS (
                            SELECT 1 FROM json_each(detail, '$.sessions') s
                            WHERE coalesce(
                                json_extract(s.value, '$.evidence'),
                                CASE
                                    WHEN json_extract(s.value, '$.reason') LIKE 'the session names commit%' THEN 'commit'
                                    WHEN json_extract(s.value, '$.reason') LIKE 'no file edits%' THEN 'time'
                                    ELSE 'file'
                                END) <> 'time')),
                    effort_hours = json_extract(detail, '$.effortHours'),
                    effort_source = json_extract(detail, '$.effortSource'),
                    rework_hours = json_extract(detail, '$.reworkHours'),
                    active_seconds = json_extract(detail, '$.activeSeconds'),
                    lines_added = json_extract(detail, '$.linesAdded'),
                    lines_deleted = json_extract(detail, '$.linesDeleted'),
                    files_touched = json_extract(detail, '$.filesTouched'),
                    ai_lines_added = json_extract(detail, '$.aiLinesAdded'),
                    churned_lines = json_extract(detail, '$.churnedLines'),
                    pull_request = json_extract(detail, '$.pullRequest'),
                    review_rounds = json_extract(detail, '$.reviewRounds'),
                    first_review_wait_hours = json_extract(detail, '$.firstReviewWaitHours'),
                    merge_wait_hours = json_extract(detail, '$.mergeWaitHours'),
                    reviewer_hours = json_extract(detail, '$.reviewerHours');
                CREATE INDEX task_figures ON task(
                    start_time, id, repository_id, end_time, category, ai, bot, author, confidence, labelled, weak_links_only,
                    effort_hours, effort_source, rework_hours, active_seconds, lines_added, lines_deleted, files_touched,
                    ai_lines_added, churned_lines, pull_request, review_rounds, first_review_wait_hours, merge_wait_hours,
                    reviewer_hours);
                """),
        Migration(
            name: "redacted session texts",
            sql: """
                -- Every text read from a session log is stored through SecretRedactor since this step (a token in a
                -- branch name, a version, model or mode field, a path); rows stored before are cleaned here with the
                -- redact() function the connection registers, those whose logs are gone included. A redacted
                -- value that collides with one already stored is dropped (the same text, as far as secrets go).
                -- secure_delete (Debian's default, not every build's) overwrites the old values' bytes instead of
                -- leaving them in the file's free space; it stays on for the rest of this connection.
                \(redactSessionTexts)
                """),
        Migration(
            name: "session records",
            sql: """
                -- The records a session's logs held (SessionDelta.records: a 64-bit hash of a record's own id -
                -- Claude uuid, Copilot event id, Gemini message id, Cline ts - else of its line), one row per read
                -- that counted any, with the log file read: a record read again (repeated in a file, appended
                -- again, in a copy of the log) counts its time, prompt and sub-agent once, for the log that gave
                -- it first. The rows go with that file's others when it is rewritten; the session's other logs are
                -- then read again (SessionIngestor). records: 8 bytes a record, little-endian (a row per record
                -- made ingestion a third slower; a session's records are only ever read whole).
                CREATE TABLE session_record (
                    session_id INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
                    log_file_id INTEGER NOT NULL REFERENCES log_file(id) ON DELETE CASCADE,
                    records BLOB NOT NULL
                );
                CREATE INDEX session_record_session ON session_record(session_id);
                CREATE INDEX session_record_file ON session_record(log_file_id);
                -- Logs read before this step counted repeated records again: the next `ingest sessions` reads
                -- them again, whole, and replaces their rows (as for "session workflow").
                UPDATE log_file SET size = -1, fingerprint = 'read again for record identities' WHERE tool <> 'export';
                """),
        Migration(
            name: "token counts in range",
            sql: """
                -- A token count no request can have (negative, or over a trillion: a damaged or edited log) made
                -- the sums of every session overflow; such counts are read as 0 (UsageRecord.plausible).
                UPDATE token_usage SET input = 0 WHERE input < 0 OR input > 1000000000000;
                UPDATE token_usage SET output = 0 WHERE output < 0 OR output > 1000000000000;
                UPDATE token_usage SET cache_write = 0 WHERE cache_write < 0 OR cache_write > 1000000000000;
                UPDATE token_usage SET cache_read = 0 WHERE cache_read < 0 OR cache_read > 1000000000000;
                """),
        Migration(
            name: "redacted session texts, more providers",
            sql: """
                -- SecretRedactor learnt GitLab, Hugging Face, npm, SendGrid and Sentry keys and passwords in URLs and
                -- in `-u NAME:PASSWORD`: rows stored before are cleaned as in "redacted session texts".
                \(redactSessionTexts)
                """),
        Migration(
            name: "task branch",
            sql: """
                -- A task's branch beside its figures: reports that read figures only (TaskStore.figures) knew no
                -- branch, so the retro counted prototype branches' tasks it says it leaves out. Few tasks have a
                -- branch: a partial index finds them without reading the details.
                ALTER TABLE task ADD COLUMN branch TEXT;
                UPDATE task SET branch = json_extract(detail, '$.branch') WHERE json_extract(detail, '$.branch') IS NOT NULL;
                CREATE INDEX task_branch ON task(branch) WHERE branch IS NOT NULL;
                """),
        Migration(
            name: "no task_commit",
            sql: """
                -- Each task's commits were written twice: in its detail and as task_commit rows (with an index
                -- by hash) that nothing read: a seventh of the database and of a first build's save at 82,000
                -- commits. The detail holds them.
                DROP TABLE task_commit;
                """),
        Migration(
            name: "redacted session texts, Twilio",
            sql: """
                -- SecretRedactor learnt Twilio's API keys (SK and 32 hex digits): rows stored before are cleaned as in
                -- "redacted session texts".
                \(redactSessionTexts)
                """),
        Migration(
            name: "redacted session texts, more shapes",
            sql: """
                -- SecretRedactor learnt DB_PASS=-style names, basic authorization, mysql -pPASSWORD, Google OAuth client
                -- secrets, AWS secret keys beside their id or after "secret access key", and keys in a URL's query:
                -- rows stored before are cleaned as in "redacted session texts".
                \(redactSessionTexts)
                """),
        Migration(
            name: "review diffs without secrets",
            sql: """
                -- The review's cache of what commits added kept secret-like literals verbatim; its lines are now
                -- kept redacted (diff reader version 2). It is a cache: older rows go, and are read from git again.
                DELETE FROM commit_diff WHERE reader < 2;
                """),
    ]
}
