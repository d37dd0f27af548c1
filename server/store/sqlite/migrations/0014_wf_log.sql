-- 0014: one log of workflow moves for every kind of work (issue 12, wf_apply).
-- Dossiers' hand-offs and tasks' history become rows of wf_log: who moved
-- which object of which kind, when, from and to which state and step, with
-- what note; what the engine itself knows of a move (the holder it went to,
-- the finished step's grade, the desk form issued) has a column, and what
-- only the kind knows (a task's percent and the deadline asked for or
-- granted) is a JSON object in `extra` (without the values it has none of).
-- Rows keep their order per object.
CREATE TABLE wf_log (
  id         INTEGER PRIMARY KEY,
  kind       TEXT NOT NULL,                 -- wf_kind_t.name: dossier, task, ...
  object_id  INTEGER NOT NULL,
  at         INTEGER NOT NULL,
  user_id    INTEGER REFERENCES users(id),
  action     TEXT NOT NULL,
  from_state TEXT,
  from_step  INTEGER,
  to_state   TEXT NOT NULL,
  to_step    INTEGER,
  to_unit    INTEGER REFERENCES units(id),  -- the holder it went to
  to_role    TEXT,
  note       TEXT NOT NULL DEFAULT '',
  grade      TEXT,                          -- the finished step's grade
  form       TEXT,                          -- desk document issued: 01..07
  extra      TEXT                           -- the kind's own fields, a JSON object
) STRICT;

INSERT INTO wf_log(kind, object_id, at, user_id, action, from_state, from_step, to_state, to_step, to_unit, to_role,
                   note, grade, form)
  SELECT 'dossier', dossier_id, at, user_id, action, from_state, from_step, to_state, to_step, to_unit, to_role,
         note, grade, form FROM handoffs ORDER BY id;
INSERT INTO wf_log(kind, object_id, at, user_id, action, from_state, to_state, note, extra)
  SELECT 'task', task_id, at, user_id, action, from_state, to_state, note,
         CASE WHEN percent IS NULL AND deadline IS NULL THEN NULL
              ELSE json_patch('{}', json_object('percent', percent, 'deadline', deadline)) END
  FROM task_log ORDER BY id;
DROP TABLE handoffs;
DROP TABLE task_log;
CREATE INDEX wf_log_object ON wf_log(kind, object_id, id);
