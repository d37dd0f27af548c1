-- 0008: remembered replies are kept a week, not for ever (server/dispatch.c,
-- srv_replies_prune). A client stops resending an unanswered write after a
-- day (client/conn.c), so a retry never outlives its reply; the serve loop
-- deletes the older rows a slice at a time, walking this index.
CREATE INDEX replies_age ON replies(created);
