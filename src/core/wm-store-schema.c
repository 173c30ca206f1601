/* wm-store-schema.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-store-private.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "wm-error.h"
#include "wm-store-records-private.h"
#include "wm-i18n-private.h"

/*
 * What a Waymark database is, and how an older one is brought up to date.
 *
 * A Waymark database is an SQLite file whose header carries
 * WM_STORE_APPLICATION_ID and whose `user_version` is the schema version.
 * Before anything is written to an existing file, its header is read with
 * plain file I/O and then through a read-only SQLite connection. A file
 * that is not ours, or is newer than this build, must be left exactly as
 * it was, and even switching on write-ahead logging would change it.
 */

/* Every calendar date column contains ISO text, and a CHECK keeps out
 * anything else. A NULL passes, meaning "not known". */
#define DATE_CHECK(col) \
  "CHECK (" col " GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')"

/* Moments are UTC timestamps, `2026-03-13T10:00:00Z`. */
#define MOMENT_CHECK(col) \
  "CHECK (" col " GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T" \
  "[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z')"

#define FLAG_CHECK(col) "CHECK (" col " IN (0, 1))"
#define LEVEL_CHECK(col) "CHECK (" col " BETWEEN -1 AND 3)"
#define SESSION_CHECK "CHECK (session IN ('AM', 'PM'))"

/*
 * Version 1. Register marks are kept as one row per pupil, school and
 * school year (see wm-store-marks.c for the blob layout and why). Counts
 * and levels in the evaluations are stored as the evaluator computed
 * them, -1 included: -1 is WM_LEVEL_NULL or WM_PERCENT_NULL ("nothing to
 * place the pupil by"), which a NULL would confuse with "no evaluation".
 */
static const char schema_v1[] =
  "CREATE TABLE schools ("
  "  id INTEGER PRIMARY KEY,"
  "  lea TEXT NOT NULL,"
  "  estab TEXT NOT NULL,"
  "  urn TEXT,"
  "  name TEXT,"
  "  UNIQUE (lea, estab)"
  ") STRICT;"

  "CREATE TABLE pupils ("
  "  id INTEGER PRIMARY KEY,"
  "  upn TEXT UNIQUE,"
  "  surname TEXT,"
  "  forename TEXT,"
  "  middle_names TEXT,"
  "  preferred_surname TEXT,"
  "  preferred_forename TEXT,"
  "  dob TEXT " DATE_CHECK ("dob") ","
  "  sex TEXT,"
  "  year_group TEXT,"
  "  school_id INTEGER REFERENCES schools (id),"
  "  admission_date TEXT " DATE_CHECK ("admission_date") ","
  "  leaving_date TEXT " DATE_CHECK ("leaving_date") ","
  "  address TEXT,"
  "  sen_provision TEXT,"
  "  looked_after INTEGER " FLAG_CHECK ("looked_after") ","
  "  free_school_meals INTEGER " FLAG_CHECK ("free_school_meals") ","
  "  name_key TEXT NOT NULL,"
  "  created_at TEXT NOT NULL " MOMENT_CHECK ("created_at") ","
  "  updated_at TEXT NOT NULL " MOMENT_CHECK ("updated_at")
  ") STRICT;"
  "CREATE INDEX pupils_name_key ON pupils (name_key);"
  "CREATE INDEX pupils_school ON pupils (school_id);"

  /* `imported` is 1 for contacts that came from a file: a re-import
   * replaces those and leaves contacts an officer entered (0). */
  "CREATE TABLE contacts ("
  "  id INTEGER PRIMARY KEY,"
  "  pupil_id INTEGER NOT NULL REFERENCES pupils (id) ON DELETE CASCADE,"
  "  ord INTEGER NOT NULL,"
  "  title TEXT,"
  "  surname TEXT,"
  "  forename TEXT,"
  "  relationship TEXT,"
  "  parental_responsibility INTEGER NOT NULL "
       FLAG_CHECK ("parental_responsibility") ","
  "  address TEXT,"
  "  phones TEXT,"
  "  email TEXT,"
  "  imported INTEGER NOT NULL DEFAULT 1 " FLAG_CHECK ("imported")
  ") STRICT;"
  "CREATE INDEX contacts_pupil ON contacts (pupil_id, ord);"

  "CREATE TABLE imports ("
  "  id INTEGER PRIMARY KEY,"
  "  kind TEXT NOT NULL,"
  "  file_name TEXT,"
  "  sha256 TEXT,"
  "  started_at TEXT NOT NULL " MOMENT_CHECK ("started_at") ","
  "  finished_at TEXT " MOMENT_CHECK ("finished_at") ","
  "  school_id INTEGER REFERENCES schools (id),"
  "  n_pupils INTEGER,"
  "  n_marks_set INTEGER,"
  "  n_marks_changed INTEGER,"
  "  warnings TEXT"
  ") STRICT;"

  "CREATE TABLE marks ("
  "  pupil_id INTEGER NOT NULL REFERENCES pupils (id) ON DELETE CASCADE,"
  "  school_id INTEGER NOT NULL REFERENCES schools (id),"
  "  year INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 9998),"
  "  codes BLOB NOT NULL CHECK (length (codes) IN (730, 732)),"
  "  sources BLOB NOT NULL CHECK (length (sources) % 12 = 0),"
  "  PRIMARY KEY (pupil_id, school_id, year)"
  ") STRICT, WITHOUT ROWID;"
  "CREATE INDEX marks_school ON marks (school_id, year);"

  "CREATE TABLE mark_changes ("
  "  id INTEGER PRIMARY KEY,"
  "  import_id INTEGER NOT NULL REFERENCES imports (id),"
  "  pupil_id INTEGER NOT NULL REFERENCES pupils (id) ON DELETE CASCADE,"
  "  school_id INTEGER NOT NULL REFERENCES schools (id),"
  "  day TEXT NOT NULL " DATE_CHECK ("day") ","
  "  session TEXT NOT NULL " SESSION_CHECK ","
  "  old_code TEXT NOT NULL,"
  "  new_code TEXT NOT NULL"
  ") STRICT;"
  "CREATE INDEX mark_changes_pupil ON mark_changes (pupil_id, day);"
  "CREATE INDEX mark_changes_import ON mark_changes (import_id);"

  "CREATE TABLE import_pupils ("
  "  import_id INTEGER NOT NULL REFERENCES imports (id),"
  "  pupil_id INTEGER NOT NULL REFERENCES pupils (id) ON DELETE CASCADE,"
  "  first_day TEXT NOT NULL " DATE_CHECK ("first_day") ","
  "  last_day TEXT NOT NULL " DATE_CHECK ("last_day") ","
  "  n_set INTEGER NOT NULL,"
  "  n_changed INTEGER NOT NULL,"
  "  PRIMARY KEY (import_id, pupil_id)"
  ") STRICT;"
  "CREATE INDEX import_pupils_pupil ON import_pupils (pupil_id);"

  "CREATE TABLE school_sessions ("
  "  school_id INTEGER NOT NULL REFERENCES schools (id),"
  "  day TEXT NOT NULL " DATE_CHECK ("day") ","
  "  session TEXT NOT NULL " SESSION_CHECK ","
  "  PRIMARY KEY (school_id, day, session)"
  ") STRICT, WITHOUT ROWID;"

  "CREATE TABLE attendance_history ("
  "  id INTEGER PRIMARY KEY,"
  "  pupil_id INTEGER NOT NULL REFERENCES pupils (id) ON DELETE CASCADE,"
  "  import_id INTEGER REFERENCES imports (id),"
  "  year INTEGER NOT NULL,"
  "  lea TEXT,"
  "  estab TEXT,"
  "  school_name TEXT,"
  "  sessions_possible INTEGER,"
  "  sessions_authorised INTEGER,"
  "  sessions_unauthorised INTEGER,"
  "  start_date TEXT " DATE_CHECK ("start_date") ","
  "  marks TEXT"
  ") STRICT;"
  "CREATE INDEX attendance_history_pupil ON attendance_history (pupil_id);"

  /* A NULL school_id marks the value for every school. The unique index
   * treats it as school 0, so there is one such row per key. */
  "CREATE TABLE rule_values ("
  "  id INTEGER PRIMARY KEY,"
  "  school_id INTEGER REFERENCES schools (id) ON DELETE CASCADE,"
  "  key TEXT NOT NULL,"
  "  value INTEGER NOT NULL"
  ") STRICT;"
  "CREATE UNIQUE INDEX rule_values_key"
  "  ON rule_values (key, ifnull (school_id, 0));"

  "CREATE TABLE evaluations ("
  "  pupil_id INTEGER PRIMARY KEY REFERENCES pupils (id) ON DELETE CASCADE,"
  "  as_of TEXT NOT NULL " DATE_CHECK ("as_of") ","
  "  window_start TEXT " DATE_CHECK ("window_start") ","
  "  window_end TEXT " DATE_CHECK ("window_end") ","
  "  window_weeks INTEGER NOT NULL,"
  "  window_present INTEGER NOT NULL,"
  "  window_approved INTEGER NOT NULL,"
  "  window_authorised INTEGER NOT NULL,"
  "  window_unauthorised INTEGER NOT NULL,"
  "  window_late_before INTEGER NOT NULL,"
  "  window_late_after INTEGER NOT NULL,"
  "  window_not_possible INTEGER NOT NULL,"
  "  window_unmarked INTEGER NOT NULL,"
  "  attended INTEGER NOT NULL,"
  "  possible INTEGER NOT NULL,"
  "  unmarked INTEGER NOT NULL,"
  "  percent_tenths INTEGER NOT NULL,"
  "  range_low_tenths INTEGER NOT NULL,"
  "  range_high_tenths INTEGER NOT NULL,"
  "  level INTEGER NOT NULL " LEVEL_CHECK ("level") ","
  "  level_high INTEGER NOT NULL " LEVEL_CHECK ("level_high") ","
  "  threshold_start TEXT " DATE_CHECK ("threshold_start") ","
  "  unauthorised_threshold_weeks INTEGER NOT NULL,"
  "  ytd_present INTEGER NOT NULL,"
  "  ytd_approved INTEGER NOT NULL,"
  "  ytd_authorised INTEGER NOT NULL,"
  "  ytd_unauthorised INTEGER NOT NULL,"
  "  ytd_late_before INTEGER NOT NULL,"
  "  ytd_late_after INTEGER NOT NULL,"
  "  ytd_not_possible INTEGER NOT NULL,"
  "  ytd_unmarked INTEGER NOT NULL,"
  "  ytd_attended INTEGER NOT NULL,"
  "  ytd_possible INTEGER NOT NULL,"
  "  persistent_absence INTEGER NOT NULL " FLAG_CHECK ("persistent_absence") ","
  "  severe_absence INTEGER NOT NULL " FLAG_CHECK ("severe_absence") ","
  "  evaluated_at TEXT NOT NULL " MOMENT_CHECK ("evaluated_at")
  ") STRICT;"

  /* old_level and old_level_high are NULL for the first evaluation that
   * placed the pupil, and -1 when the pupil was evaluated but not placed. */
  "CREATE TABLE level_history ("
  "  id INTEGER PRIMARY KEY,"
  "  pupil_id INTEGER NOT NULL REFERENCES pupils (id) ON DELETE CASCADE,"
  "  as_of TEXT NOT NULL " DATE_CHECK ("as_of") ","
  "  old_level INTEGER " LEVEL_CHECK ("old_level") ","
  "  old_level_high INTEGER " LEVEL_CHECK ("old_level_high") ","
  "  level INTEGER NOT NULL " LEVEL_CHECK ("level") ","
  "  level_high INTEGER NOT NULL " LEVEL_CHECK ("level_high") ","
  "  reason TEXT NOT NULL,"
  "  recorded_at TEXT NOT NULL " MOMENT_CHECK ("recorded_at")
  ") STRICT;"
  "CREATE INDEX level_history_pupil ON level_history (pupil_id);"

  "CREATE TABLE dirty_pupils ("
  "  pupil_id INTEGER PRIMARY KEY REFERENCES pupils (id) ON DELETE CASCADE"
  ") STRICT;"

  /* AUTOINCREMENT keeps the highest id ever used in sqlite_sequence, so
   * that deleting the newest entries is noticed by the verification. */
  "CREATE TABLE audit_log ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  at TEXT NOT NULL " MOMENT_CHECK ("at") ","
  "  action TEXT NOT NULL,"
  "  object_kind TEXT,"
  "  object_id INTEGER,"
  "  detail TEXT,"
  "  prev_hash TEXT NOT NULL,"
  "  hash TEXT NOT NULL"
  ") STRICT;";

/*
 * Version 2: the case record. A case is opened for a pupil and may be
 * allocated, closed and reopened; case_events keeps that history. Every
 * record of every kind is one row of `records` with its revisions in
 * `record_revisions` as JSON (the kinds and their fields are data, in
 * wm-record-kinds.c), and one view per kind shows the current revision's
 * fields as columns. A finalised record is append-only: the triggers
 * refuse to change or remove its revisions, so an amendment is a new
 * revision and a deletion a tombstone (deleted_at) that can be undone.
 * A draft has one revision, rewritten as the officer types.
 */
static const char schema_v2[] =
  "CREATE TABLE cases ("
  "  id INTEGER PRIMARY KEY,"
  "  pupil_id INTEGER NOT NULL REFERENCES pupils (id) ON DELETE CASCADE,"
  "  opened_on TEXT NOT NULL " DATE_CHECK ("opened_on") ","
  "  open_reason TEXT,"
  "  lead_officer TEXT,"
  "  closed_on TEXT " DATE_CHECK ("closed_on") ","
  "  close_reason TEXT,"
  "  created_at TEXT NOT NULL " MOMENT_CHECK ("created_at") ","
  "  created_by TEXT"
  ") STRICT;"
  "CREATE INDEX cases_pupil ON cases (pupil_id);"
  /* A pupil has at most one open case: records go to it. */
  "CREATE UNIQUE INDEX cases_one_open ON cases (pupil_id) "
  "  WHERE closed_on IS NULL;"

  "CREATE TABLE case_events ("
  "  id INTEGER PRIMARY KEY,"
  "  case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,"
  "  event TEXT NOT NULL CHECK (event IN ('open', 'edit', 'allocate', "
  "    'close', 'reopen')),"
  "  day TEXT NOT NULL " DATE_CHECK ("day") ","
  "  officer TEXT,"
  "  reason TEXT,"
  "  recorded_at TEXT NOT NULL " MOMENT_CHECK ("recorded_at") ","
  "  recorded_by TEXT"
  ") STRICT;"
  "CREATE INDEX case_events_case ON case_events (case_id);"

  "CREATE TABLE records ("
  "  id INTEGER PRIMARY KEY,"
  "  case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,"
  "  pupil_id INTEGER NOT NULL REFERENCES pupils (id) ON DELETE CASCADE,"
  "  kind TEXT NOT NULL,"
  "  status TEXT NOT NULL CHECK (status IN ('draft', 'final')),"
  "  record_date TEXT " DATE_CHECK ("record_date") ","
  "  created_at TEXT NOT NULL " MOMENT_CHECK ("created_at") ","
  "  created_by TEXT,"
  "  finalised_at TEXT " MOMENT_CHECK ("finalised_at") ","
  "  deleted_at TEXT " MOMENT_CHECK ("deleted_at") ","
  "  deleted_by TEXT,"
  "  CHECK ((status = 'final') = (finalised_at IS NOT NULL))"
  ") STRICT;"
  "CREATE INDEX records_case ON records (case_id, status);"
  "CREATE INDEX records_pupil ON records (pupil_id, record_date);"

  /* A record belongs to its case's pupil, never to a sibling's. */
  "CREATE TRIGGER records_same_pupil BEFORE INSERT ON records "
  "WHEN NEW.pupil_id IS NOT (SELECT pupil_id FROM cases "
  "  WHERE id = NEW.case_id) "
  "BEGIN SELECT RAISE (ABORT, 'a record belongs to its case''s pupil'); END;"
  "CREATE TRIGGER records_same_pupil_update BEFORE UPDATE OF case_id, "
  "  pupil_id ON records "
  "WHEN NEW.pupil_id IS NOT (SELECT pupil_id FROM cases "
  "  WHERE id = NEW.case_id) "
  "BEGIN SELECT RAISE (ABORT, 'a record belongs to its case''s pupil'); END;"
  "CREATE TRIGGER records_stay_final BEFORE UPDATE OF status ON records "
  "WHEN OLD.status = 'final' AND NEW.status != 'final' "
  "BEGIN SELECT RAISE (ABORT, 'a finalised record stays final'); END;"

  "CREATE TABLE record_revisions ("
  "  record_id INTEGER NOT NULL REFERENCES records (id) ON DELETE CASCADE,"
  "  revision INTEGER NOT NULL CHECK (revision >= 1),"
  "  body TEXT NOT NULL CHECK (json_valid (body) AND "
  "    json_type (body) = 'object'),"
  "  reason TEXT,"
  "  created_at TEXT NOT NULL " MOMENT_CHECK ("created_at") ","
  "  created_by TEXT,"
  "  PRIMARY KEY (record_id, revision)"
  ") STRICT;"
  "CREATE TRIGGER revisions_append_only_update BEFORE UPDATE "
  "  ON record_revisions "
  "WHEN (SELECT status FROM records WHERE id = OLD.record_id) = 'final' "
  "BEGIN SELECT RAISE (ABORT, 'a finalised revision cannot change'); END;"
  "CREATE TRIGGER revisions_append_only_delete BEFORE DELETE "
  "  ON record_revisions "
  "WHEN (SELECT status FROM records WHERE id = OLD.record_id) = 'final' "
  "BEGIN SELECT RAISE (ABORT, 'a finalised revision cannot be removed'); "
  "END;"

  "CREATE TABLE record_links ("
  "  from_id INTEGER NOT NULL REFERENCES records (id) ON DELETE CASCADE,"
  "  to_id INTEGER NOT NULL REFERENCES records (id) ON DELETE CASCADE,"
  "  kind TEXT NOT NULL,"
  "  created_at TEXT NOT NULL " MOMENT_CHECK ("created_at") ","
  "  PRIMARY KEY (from_id, to_id, kind),"
  "  CHECK (from_id != to_id)"
  ") STRICT, WITHOUT ROWID;"
  "CREATE INDEX record_links_to ON record_links (to_id);"

  /* The current revision's text of every finalised, undeleted record;
   * the rowid is the record's id. remove_diacritics 2 lets "Zoe" find
   * "Zoë". */
  "CREATE VIRTUAL TABLE record_search USING fts5 ("
  "  text, tokenize = 'unicode61 remove_diacritics 2');"

  /* Contacts an officer enters (imported = 0) may be alternative
   * contacts, at most three per pupil, and each contact's details carry
   * the date they were last checked with the family. */
  "ALTER TABLE contacts ADD COLUMN details_checked_on TEXT "
     DATE_CHECK ("details_checked_on") ";"
  "ALTER TABLE contacts ADD COLUMN alternative INTEGER NOT NULL DEFAULT 0 "
     FLAG_CHECK ("alternative") ";"
  "CREATE TRIGGER contacts_three_alternatives BEFORE INSERT ON contacts "
  "WHEN NEW.alternative = 1 AND (SELECT count(*) FROM contacts "
  "  WHERE pupil_id = NEW.pupil_id AND alternative = 1) >= 3 "
  "BEGIN SELECT RAISE (ABORT, 'at most three alternative contacts'); END;"
  "CREATE TRIGGER contacts_three_alternatives_update BEFORE UPDATE "
  "  OF alternative ON contacts "
  "WHEN NEW.alternative = 1 AND OLD.alternative = 0 AND (SELECT count(*) "
  "  FROM contacts WHERE pupil_id = NEW.pupil_id AND alternative = 1) >= 3 "
  "BEGIN SELECT RAISE (ABORT, 'at most three alternative contacts'); END;"

  /* Siblings, stored in both directions so that either pupil finds the
   * other with one indexed lookup. A sibling at another school is a
   * pupil row of that school. */
  "CREATE TABLE pupil_links ("
  "  pupil_id INTEGER NOT NULL REFERENCES pupils (id) ON DELETE CASCADE,"
  "  sibling_id INTEGER NOT NULL REFERENCES pupils (id) ON DELETE CASCADE,"
  "  PRIMARY KEY (pupil_id, sibling_id),"
  "  CHECK (pupil_id != sibling_id)"
  ") STRICT, WITHOUT ROWID;";

/*
 * Version 3: retention. Each class of record is kept for a period and
 * then offered for review; nothing is deleted without an officer deciding
 * (wm-retention.c). The periods are rule values in the database, so an
 * authority sets its own and every change is audited.
 *
 * The defaults below are local settings, not law, except the register:
 *   register-marks  6 years from each entry. Fixed by law (the pupil
 *                   registration regulations), so it cannot be changed.
 *   case-records    6 years after the case closed.
 *   health          6 years after the case closed.
 *   letters         6 years after the case closed.
 *   safeguarding    25 years from the pupil's date of birth.
 * NOTE: each local authority sets its own periods for every class but the
 * register. These defaults are a starting point only, to be checked
 * against the authority's retention schedule.
 *
 * A pupil under legal hold (litigation, an inquiry) keeps everything:
 * the review still lists the items, but none can be deleted. Each
 * deletion is kept in retention_deletions with its reason, outside the
 * audit log because a reason is free text.
 */
static const char schema_v3[] =
  "CREATE TABLE retention_periods ("
  "  record_class TEXT PRIMARY KEY CHECK (record_class IN ("
  "    'register-marks', 'case-records', 'health', 'safeguarding', "
  "    'letters')),"
  "  years INTEGER NOT NULL CHECK (years BETWEEN 1 AND 100),"
  "  basis TEXT NOT NULL CHECK (basis IN ('entry', 'case-closed', "
  "    'date-of-birth')),"
  "  fixed_by_law INTEGER NOT NULL " FLAG_CHECK ("fixed_by_law")
  ") STRICT, WITHOUT ROWID;"
  "INSERT INTO retention_periods VALUES "
  "  ('register-marks', 6, 'entry', 1),"
  "  ('case-records', 6, 'case-closed', 0),"
  "  ('health', 6, 'case-closed', 0),"
  "  ('letters', 6, 'case-closed', 0),"
  "  ('safeguarding', 25, 'date-of-birth', 0);"

  "ALTER TABLE pupils ADD COLUMN legal_hold INTEGER NOT NULL DEFAULT 0 "
     FLAG_CHECK ("legal_hold") ";"

  "CREATE TABLE retention_deletions ("
  "  id INTEGER PRIMARY KEY,"
  "  at TEXT NOT NULL " MOMENT_CHECK ("at") ","
  "  record_class TEXT NOT NULL,"
  "  object_kind TEXT NOT NULL CHECK (object_kind IN ('marks', 'case', "
  "    'record')),"
  "  object_id INTEGER NOT NULL,"
  "  pupil_id INTEGER NOT NULL,"
  "  reason TEXT NOT NULL,"
  "  deleted_by TEXT"
  ") STRICT;";

/*
 * Version 4: letters as sent. A letter made from a legal step is frozen
 * the moment it is made: the PDF that went to the parent and the filled
 * text it was rendered from, which the bundle prints verbatim. A letter
 * is evidence, so the triggers reject any change, and reject removal
 * unless the audit log already contains the letter's "retention-delete"
 * entry (the end of its retention period, decided by an officer).
 * contact_id has no reference: an import replaces imported contacts with
 * new rows, and the letter must still say which contact it went to.
 * addressee keeps the parent's name as printed on the letter.
 */
static const char schema_v4[] =
  "CREATE TABLE letters ("
  "  id INTEGER PRIMARY KEY,"
  "  record_id INTEGER NOT NULL REFERENCES records (id),"
  "  contact_id INTEGER NOT NULL,"
  "  template TEXT NOT NULL,"
  "  letter_date TEXT NOT NULL " DATE_CHECK ("letter_date") ","
  "  addressee TEXT NOT NULL,"
  "  created_at TEXT NOT NULL " MOMENT_CHECK ("created_at") ","
  "  created_by TEXT,"
  "  sha256 TEXT NOT NULL CHECK (length (sha256) = 64),"
  "  text TEXT NOT NULL,"
  "  pdf BLOB NOT NULL"
  ") STRICT;"
  "CREATE INDEX letters_record ON letters (record_id);"
  "CREATE TRIGGER letters_no_update BEFORE UPDATE ON letters "
  "BEGIN SELECT RAISE (ABORT, 'a letter as sent cannot change'); END;"
  "CREATE TRIGGER letters_no_delete BEFORE DELETE ON letters "
  "WHEN NOT EXISTS (SELECT 1 FROM audit_log "
  "  WHERE action = 'retention-delete' AND object_kind = 'letter' "
  "    AND object_id = OLD.id) "
  "BEGIN SELECT RAISE (ABORT, 'a letter as sent cannot be removed'); END;";

/*
 * Version 5: what the graduated response needs beyond the register.
 *
 * school_terms and school_closures are the calendar an officer enters or
 * imports. A register export says which sessions were held up to the day
 * it was made; a Notice to Improve or a review counted in school weeks
 * often ends after that day, so the days the school will open must be
 * known in advance. A term is a run of days the school is open, weekends
 * and England's bank holidays excepted; a closure is a run of days inside
 * a term when it is not (a training day, a half term entered inside one
 * long term). A school with no terms entered falls back to a generated
 * pattern, and every date computed that way says so.
 *
 * response_summaries keeps, per pupil, the part of the full evaluation
 * that the caseload filters on: the routes, the legal steps ready, and
 * the deadlines due and overdue as of the date it was made. Bit n of
 * routes is the WmRouteKind n; bit n of ready_steps is the WmLegalStep n.
 *
 * notifications_sent remembers each desktop notification by a key that
 * names the deadline and its due date, so that one deadline is announced
 * once, not at every start of the app.
 *
 * letter_figures keeps the attendance figures a frozen letter quoted, so
 * that a re-import which corrects the marks behind them can flag the
 * letter as out of date. It is written once with the letter and, like
 * the letter, never changes.
 *
 * The school's own details (address, telephone, email, and who signs
 * its letters) are not in a register export; the officer enters them
 * once, and the letters and calling cards print them.
 *
 * import_roll lists the pupils each roll export listed, and
 * imports.export_date dates the export (see wm-store-roll.c).
 *
 * The record views are made again after the SQL, because meetings,
 * Notices to Improve, penalty notices and safeguarding concerns gained
 * fields.
 */
static const char schema_v5[] =
  "CREATE TABLE school_terms ("
  "  id INTEGER PRIMARY KEY,"
  "  school_id INTEGER NOT NULL REFERENCES schools (id) ON DELETE CASCADE,"
  "  name TEXT NOT NULL,"
  "  first_day TEXT NOT NULL " DATE_CHECK ("first_day") ","
  "  last_day TEXT NOT NULL " DATE_CHECK ("last_day") ","
  "  CHECK (last_day >= first_day)"
  ") STRICT;"
  "CREATE INDEX school_terms_school ON school_terms (school_id, first_day);"

  "CREATE TABLE school_closures ("
  "  id INTEGER PRIMARY KEY,"
  "  school_id INTEGER NOT NULL REFERENCES schools (id) ON DELETE CASCADE,"
  "  reason TEXT NOT NULL,"
  "  first_day TEXT NOT NULL " DATE_CHECK ("first_day") ","
  "  last_day TEXT NOT NULL " DATE_CHECK ("last_day") ","
  "  CHECK (last_day >= first_day)"
  ") STRICT;"
  "CREATE INDEX school_closures_school "
  "  ON school_closures (school_id, first_day);"

  "CREATE TABLE response_summaries ("
  "  pupil_id INTEGER PRIMARY KEY REFERENCES pupils (id) ON DELETE CASCADE,"
  "  as_of TEXT NOT NULL " DATE_CHECK ("as_of") ","
  "  routes INTEGER NOT NULL,"
  "  ready_steps INTEGER NOT NULL,"
  "  due INTEGER NOT NULL,"
  "  overdue INTEGER NOT NULL,"
  "  next_due TEXT " DATE_CHECK ("next_due")
  ") STRICT;"

  "CREATE TABLE notifications_sent ("
  "  key TEXT PRIMARY KEY,"
  "  sent_at TEXT NOT NULL " MOMENT_CHECK ("sent_at")
  ") STRICT, WITHOUT ROWID;"

  "CREATE TABLE letter_figures ("
  "  letter_id INTEGER PRIMARY KEY REFERENCES letters (id),"
  "  as_of TEXT NOT NULL " DATE_CHECK ("as_of") ","
  "  window_start TEXT " DATE_CHECK ("window_start") ","
  "  window_end TEXT " DATE_CHECK ("window_end") ","
  "  percent_tenths INTEGER NOT NULL,"
  "  unauthorised INTEGER NOT NULL"
  ") STRICT;"
  "CREATE TRIGGER letter_figures_no_update BEFORE UPDATE ON letter_figures "
  "BEGIN SELECT RAISE (ABORT, 'the figures of a letter cannot change'); END;"

  "ALTER TABLE schools ADD COLUMN address TEXT;"
  "ALTER TABLE schools ADD COLUMN phone TEXT;"
  "ALTER TABLE schools ADD COLUMN email TEXT;"
  "ALTER TABLE schools ADD COLUMN signatory_name TEXT;"
  "ALTER TABLE schools ADD COLUMN signatory_role TEXT;"

  "CREATE TABLE import_roll ("
  "  import_id INTEGER NOT NULL REFERENCES imports (id),"
  "  pupil_id INTEGER NOT NULL REFERENCES pupils (id) ON DELETE CASCADE,"
  "  PRIMARY KEY (import_id, pupil_id)"
  ") STRICT, WITHOUT ROWID;"
  "CREATE INDEX import_roll_pupil ON import_roll (pupil_id);"
  "ALTER TABLE imports ADD COLUMN export_date TEXT "
    DATE_CHECK ("export_date") ";";

typedef gboolean (*MigrationFunc) (sqlite3     *db,
                                   const char  *path,
                                   GError     **error);

/*
 * One schema version: SQL, then C for what SQL cannot express (values that
 * come from the rules module). Step N takes a database at version N - 1
 * to version N. Each step runs in its own transaction with the
 * `user_version` bump, so a failure leaves the database at the previous
 * version.
 */
typedef struct
{
  const char    *sql;
  MigrationFunc  func;
} MigrationStep;

static gboolean insert_default_rules (sqlite3     *db,
                                      const char  *path,
                                      GError     **error);

static const MigrationStep migrations[] = {
  { schema_v1, insert_default_rules },
  { schema_v2, _wm_store_create_record_views },
  { schema_v3, NULL },
  { schema_v4, NULL },
  { schema_v5, _wm_store_rebuild_record_views },
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == WM_STORE_SCHEMA_VERSION);

static gboolean
exec_sql (sqlite3     *db,
          const char  *path,
          const char  *sql,
          const char  *doing,
          GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      _wm_store_set_db_error (db, path, rc, doing, error);
      return FALSE;
    }

  return TRUE;
}

/* The toolkit's defaults, written into a new database so that its rule
 * values stay as they were when it was made even if a later version of
 * Waymark changes the built-in defaults. */
static gboolean
insert_default_rules (sqlite3     *db,
                      const char  *path,
                      GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  WmRules defaults;
  int rc;

  wm_rules_init_defaults (&defaults);
  rc = sqlite3_prepare_v2 (db,
                           "INSERT INTO rule_values (school_id, key, value) "
                           "VALUES (NULL, ?1, ?2)", -1, &stmt, NULL);

  for (guint i = 0; rc == SQLITE_OK && _wm_store_rule_keys[i] != NULL; i++)
    {
      const char *key = _wm_store_rule_keys[i];

      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, _wm_store_rule_get (&defaults, key));
      rc = sqlite3_step (stmt);
      rc = rc == SQLITE_DONE ? sqlite3_reset (stmt) : rc;
    }

  if (rc != SQLITE_OK)
    _wm_store_set_db_error (db, path, rc, N_("writing the default rules"),
                            error);

  sqlite3_finalize (stmt);
  return rc == SQLITE_OK;
}

static gboolean
read_int (sqlite3    *db,
          const char *sql,
          gint64     *out_value,
          int        *out_rc)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    {
      *out_value = sqlite3_column_int64 (stmt, 0);
      rc = SQLITE_OK;
    }

  sqlite3_finalize (stmt);
  *out_rc = rc;
  return rc == SQLITE_OK;
}

/**
 * _wm_store_read_version:
 *
 * Returns: the database's `user_version`, or -1 when it cannot be read
 */
int
_wm_store_read_version (sqlite3 *db)
{
  gint64 version = -1;
  int rc;

  if (!read_int (db, "PRAGMA user_version", &version, &rc))
    return -1;

  return (int) version;
}

static void
set_newer_error (const char  *path,
                 gint64       version,
                 GError     **error)
{
  /* The number is formatted first: a translatable format cannot hold
   * G_GINT64_FORMAT, which the string extractor does not expand. */
  g_autofree char *version_text = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                   version);

  g_set_error (error, WM_ERROR, WM_ERROR_FOREIGN_DATABASE,
               E_("Database %s was written by a newer version of Waymark "
                  "(schema version %s, this version reads up to %d). Update "
                  "Waymark, or choose another database or restore a backup"),
               path, version_text, WM_STORE_SCHEMA_VERSION);
}

static gboolean
set_version (sqlite3     *db,
             const char  *path,
             int          version,
             GError     **error)
{
  g_autofree char *sql = NULL;

  sql = g_strdup_printf ("PRAGMA user_version = %d", version);
  if (!exec_sql (db, path, sql, N_("recording the schema version"), error))
    return FALSE;

  /* The application id goes in with the first version, in the same
   * transaction, so no file ever carries it without the schema. */
  if (version != 1)
    return TRUE;

  g_free (sql);
  sql = g_strdup_printf ("PRAGMA application_id = %d",
                         (int) WM_STORE_APPLICATION_ID);
  return exec_sql (db, path, sql, N_("marking the file as Waymark's"), error);
}

static gboolean
run_step (sqlite3     *db,
          const char  *path,
          int          version,
          GError     **error)
{
  const MigrationStep *step = &migrations[version - 1];

  if (!exec_sql (db, path, step->sql, N_("creating the tables"), error))
    return FALSE;

  if (step->func != NULL && !step->func (db, path, error))
    return FALSE;

  return set_version (db, path, version, error);
}

/*
 * Applies one step in its own IMMEDIATE transaction. The version is read
 * again under the write lock, because another Waymark process may have
 * migrated the file since this one looked.
 */
static gboolean
apply_step (sqlite3     *db,
            const char  *path,
            int          version,
            GError     **error)
{
  int current;
  gboolean ok;

  if (!exec_sql (db, path, "BEGIN IMMEDIATE", N_("starting a migration"),
                 error))
    return FALSE;

  current = _wm_store_read_version (db);
  if (current > WM_STORE_SCHEMA_VERSION)
    {
      set_newer_error (path, current, error);
      ok = FALSE;
    }
  else
    ok = current >= version || run_step (db, path, version, error);

  if (ok)
    ok = exec_sql (db, path, "COMMIT", N_("committing a migration"), error);

  if (!ok)
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);

  g_debug ("Schema of %s at version %d", path, ok ? version : current);
  return ok;
}

/**
 * _wm_store_migrate:
 * @db: an open connection
 * @path: the database file, for messages
 * @target_version: the version to reach, at most
 *   %WM_STORE_SCHEMA_VERSION; tests pass a lower one to build a database
 *   as an older build left it
 * @error: return location for a #GError
 *
 * Brings the schema up to @target_version, one step at a time.
 *
 * Returns: %TRUE on success
 */
gboolean
_wm_store_migrate (sqlite3     *db,
                   const char  *path,
                   int          target_version,
                   GError     **error)
{
  int version;

  g_return_val_if_fail (target_version <= WM_STORE_SCHEMA_VERSION, FALSE);

  version = _wm_store_read_version (db);
  if (version < 0)
    {
      _wm_store_set_db_error (db, path, sqlite3_errcode (db),
                              N_("reading the schema version"), error);
      return FALSE;
    }

  if (version > WM_STORE_SCHEMA_VERSION)
    {
      set_newer_error (path, version, error);
      return FALSE;
    }

  for (int v = version + 1; v <= target_version; v++)
    if (!apply_step (db, path, v, error))
      return FALSE;

  return TRUE;
}

/* The fields of the 100-byte SQLite file header that decide whether a
 * file is a Waymark database (see https://sqlite.org/fileformat.html). */
typedef struct
{
  guint32 page_size;
  guint8  write_version;
  guint32 change_counter;
  guint32 n_pages;
  guint32 user_version;
  guint32 application_id;
  guint32 version_valid_for;
} FileHeader;

static guint32
read_be32 (const guint8 *bytes)
{
  return ((guint32) bytes[0] << 24) | ((guint32) bytes[1] << 16)
         | ((guint32) bytes[2] << 8) | (guint32) bytes[3];
}

static void
set_foreign_error (const char  *path,
                   const char  *reason,
                   GError     **error)
{
  g_set_error (error, WM_ERROR, WM_ERROR_FOREIGN_DATABASE,
               /* Translators: the file, then why it is not one, such as "it is
                * not an SQLite database". */
               E_("%s is not a Waymark database: %s. Choose another database "
                  "or restore a backup"), path, reason);
}

static gboolean
read_header_bytes (const char  *path,
                   guint8       bytes[100],
                   gssize      *out_length,
                   GError     **error)
{
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  int saved_errno = errno;

  if (fd < 0)
    {
      g_set_error (error, WM_ERROR, WM_ERROR_DATABASE,
                   E_("Could not read the database %s: %s. Check that the file "
                      "can be read"), path, g_strerror (saved_errno));
      return FALSE;
    }

  *out_length = read (fd, bytes, 100);
  g_close (fd, NULL);
  return TRUE;
}

static gboolean
parse_header (const guint8  bytes[100],
              FileHeader   *header)
{
  static const char magic[16] = "SQLite format 3";

  if (memcmp (bytes, magic, sizeof magic) != 0)
    return FALSE;

  /* The page size is big-endian 16 bits, with 1 standing for 65536. */
  header->page_size = ((guint32) bytes[16] << 8) | bytes[17];
  if (header->page_size == 1)
    header->page_size = 65536;

  header->write_version = bytes[18];
  header->change_counter = read_be32 (bytes + 24);
  header->n_pages = read_be32 (bytes + 28);
  header->user_version = read_be32 (bytes + 60);
  header->application_id = read_be32 (bytes + 68);
  header->version_valid_for = read_be32 (bytes + 92);

  return header->page_size >= 512 && header->page_size <= 65536
         && (header->page_size & (header->page_size - 1)) == 0;
}

/*
 * A file cut short (a partial copy, a full disk) is not a database to
 * write into. The header's page count is trustworthy when its
 * "version valid for" matches the change counter, which every SQLite since
 * 3.7.0 writes.
 */
static gboolean
header_fits_file (const FileHeader *header,
                  goffset           size)
{
  if (size % header->page_size != 0)
    return FALSE;

  if (header->version_valid_for != header->change_counter)
    return TRUE;

  return (goffset) header->n_pages * header->page_size <= size;
}

/* Whether a non-empty write-ahead log lies beside the file. SQLite
 * replays it on the next open, so a checkpoint that was cut short by a
 * crash (page 1 already written with the new page count, the file not yet
 * grown) is completed rather than lost. */
static gboolean
has_pending_wal (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  GStatBuf info;

  return g_stat (wal, &info) == 0 && info.st_size > 0;
}

static gboolean
check_identity (const char  *path,
                guint32      application_id,
                gint64       version,
                gint64       n_objects,
                gboolean    *out_is_new,
                GError     **error)
{
  g_autofree char *reason = NULL;

  if (application_id != 0 && application_id != WM_STORE_APPLICATION_ID)
    {
      reason = g_strdup_printf (_("it belongs to another application "
                                  "(application id 0x%08x)"), application_id);
      set_foreign_error (path, reason, error);
      return FALSE;
    }

  if (application_id == WM_STORE_APPLICATION_ID
      && version > WM_STORE_SCHEMA_VERSION)
    {
      set_newer_error (path, version, error);
      return FALSE;
    }

  /* An SQLite file with no tables yet (made by the sqlite3 tool, say) can
   * become a Waymark database. One that contains another program's tables
   * or schema version must not. */
  *out_is_new = version == 0 && n_objects == 0;
  if (*out_is_new || (application_id != 0 && version > 0))
    return TRUE;

  set_foreign_error (path, _("it holds another program's tables"), error);
  return FALSE;
}

static char *
read_only_uri (const char       *path,
               const FileHeader *header)
{
  g_autofree char *escaped = g_uri_escape_string (path, "/", FALSE);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);

  /* A read-only connection to a WAL database creates the -wal and -shm
   * files when they are missing. With no -wal file there is nothing in a
   * log to miss, so open it as immutable and create nothing. */
  if (header->write_version == 2 && !g_file_test (wal, G_FILE_TEST_EXISTS))
    return g_strconcat ("file:", escaped, "?mode=ro&immutable=1", NULL);

  return g_strconcat ("file:", escaped, "?mode=ro", NULL);
}

static gboolean
inspect_read_only (const char        *path,
                   const FileHeader  *header,
                   gboolean          *out_is_new,
                   GError           **error)
{
  g_autofree char *uri = read_only_uri (path, header);
  gint64 application_id = 0, version = 0, n_objects = 0;
  sqlite3 *db = NULL;
  int rc;

  rc = sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI,
                        NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_busy_timeout (db, 10000);
      if (read_int (db, "PRAGMA application_id", &application_id, &rc)
          && read_int (db, "PRAGMA user_version", &version, &rc))
        read_int (db, "SELECT count(*) FROM sqlite_schema", &n_objects, &rc);
    }

  if ((rc & 0xff) == SQLITE_NOTADB || (rc & 0xff) == SQLITE_CORRUPT)
    set_foreign_error (path, _("it is damaged or incomplete"), error);
  else if (rc != SQLITE_OK)
    _wm_store_set_db_error (db, path, rc, N_("checking the database"), error);

  sqlite3_close_v2 (db);
  if (rc != SQLITE_OK)
    return FALSE;

  return check_identity (path, (guint32) application_id, version, n_objects,
                         out_is_new, error);
}

/**
 * _wm_store_check_file:
 * @path: the database file
 * @out_is_new: (out): set to %TRUE when the file does not exist, is empty,
 *   or is an SQLite database with nothing in it yet
 * @error: return location for a #GError
 *
 * Decides, without writing anything, whether @path can be opened as a
 * Waymark database.
 *
 * Returns: %TRUE when it can; otherwise %FALSE with
 *   %WM_ERROR_FOREIGN_DATABASE (not a database, damaged, another
 *   application's, or newer) or %WM_ERROR_DATABASE (cannot be read)
 */
gboolean
_wm_store_check_file (const char  *path,
                      gboolean    *out_is_new,
                      GError     **error)
{
  GStatBuf info;
  guint8 bytes[100] = { 0 };
  gssize length = 0;
  FileHeader header = { 0 };

  *out_is_new = TRUE;
  if (g_stat (path, &info) != 0)
    {
      int saved_errno = errno;

      if (saved_errno == ENOENT)
        return TRUE;

      g_set_error (error, WM_ERROR, WM_ERROR_DATABASE,
                   E_("Could not read the database %s: %s. Check that the file "
                      "and its folder can be read"),
                   path, g_strerror (saved_errno));
      return FALSE;
    }

  if (!S_ISREG (info.st_mode))
    {
      set_foreign_error (path, _("it is not a regular file"), error);
      return FALSE;
    }

  if (info.st_size == 0)
    return TRUE;

  if (!read_header_bytes (path, bytes, &length, error))
    return FALSE;

  if (length < 100 || !parse_header (bytes, &header))
    {
      set_foreign_error (path, _("it is not an SQLite database"), error);
      return FALSE;
    }

  if (!header_fits_file (&header, info.st_size) && !has_pending_wal (path))
    {
      set_foreign_error (path, _("it is damaged or incomplete"), error);
      return FALSE;
    }

  /* The header alone rejects most foreign files before SQLite opens them.
   * SQLite then reads the values again, including any newer copy of the
   * header page still in the write-ahead log. */
  if (!check_identity (path, header.application_id, header.user_version,
                       header.user_version == 0 ? 0 : -1, out_is_new, error))
    return FALSE;

  return inspect_read_only (path, &header, out_is_new, error);
}
