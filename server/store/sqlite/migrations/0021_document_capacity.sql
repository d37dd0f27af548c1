-- Signing capacity and the form's check of outgoing documents (issue 15;
-- NĐ 30/2020/NĐ-CP Điều 12 khoản 2, Điều 13; forms/documents/README.md).
-- A delegation names who signs for an agency in which capacity (TM., KT.,
-- Q., TL., TUQ.), for whom, from one day to another inclusive; capacity
-- 'form' names who checks the form (thể thức) of the agency's drafts.
CREATE TABLE document_delegations (
    id INTEGER PRIMARY KEY,
    agency_id INTEGER NOT NULL REFERENCES units(id),
    user_id INTEGER NOT NULL REFERENCES users(id),
    capacity TEXT NOT NULL,           -- tm, kt, q, tl, tuq, form
    for_user_id INTEGER REFERENCES users(id),
    from_date TEXT NOT NULL,          -- YYYY-MM-DD
    to_date TEXT NOT NULL,            -- YYYY-MM-DD, inclusive
    note TEXT NOT NULL DEFAULT '',
    created_by INTEGER REFERENCES users(id),
    created INTEGER NOT NULL,
    revoked INTEGER
);
CREATE INDEX document_delegations_agency ON document_delegations(agency_id, capacity, user_id);

-- A draft's form check (of which revision, by whom, when) and the capacity
-- its approval was signed in.
CREATE TABLE document_draft_checks (
    draft_id INTEGER PRIMARY KEY REFERENCES document_drafts(id),
    form_checker_id INTEGER REFERENCES users(id),
    form_checked INTEGER,
    form_revision INTEGER NOT NULL DEFAULT 0,
    capacity TEXT NOT NULL DEFAULT ''
);

-- The units a draft is meant for (nơi nhận), chosen while it is drafted;
-- the delivery after its issue starts from them.
CREATE TABLE document_draft_recipients (
    draft_id INTEGER NOT NULL REFERENCES document_drafts(id),
    unit_id INTEGER NOT NULL REFERENCES units(id),
    PRIMARY KEY (draft_id, unit_id)
);
