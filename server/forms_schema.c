/* forms_schema.c — the libcyaml schemas of procedure and workflow files:
 * which keys each mapping has, their types, bounds and which are optional
 * (the structures they fill are in forms_int.h). */
#include "forms_int.h"

#define OPT CYAML_FLAG_OPTIONAL
#define SEQ CYAML_FLAG_POINTER
#define TEXT_MAX 2000

static const cyaml_schema_value_t s_word = {CYAML_VALUE_STRING(CYAML_FLAG_POINTER, char, 1, 64)};
static const cyaml_schema_value_t s_text = {CYAML_VALUE_STRING(CYAML_FLAG_POINTER, char, 1, TEXT_MAX)};

static const cyaml_schema_field_t s_amount_fields[] = {
    CYAML_FIELD_INT("days", OPT, struct y_amount, days),
    CYAML_FIELD_INT("hours", OPT, struct y_amount, hours),
    CYAML_FIELD_BOOL("same_day", OPT, struct y_amount, same_day),
    CYAML_FIELD_END,
};

/* desk: a fee counted per page and per copy */
static const cyaml_schema_field_t s_fee_rule_fields[] = {
    CYAML_FIELD_INT("per_page", 0, struct y_fee_rule, per_page),
    CYAML_FIELD_INT("from_page", OPT, struct y_fee_rule, from_page),
    CYAML_FIELD_INT("then", OPT, struct y_fee_rule, then),
    CYAML_FIELD_INT("cap", OPT, struct y_fee_rule, cap),
    CYAML_FIELD_STRING_PTR("pages", 0, struct y_fee_rule, pages, 1, 64),
    CYAML_FIELD_STRING_PTR("copies", OPT, struct y_fee_rule, copies, 1, 64),
    CYAML_FIELD_END,
};

static const cyaml_schema_field_t s_field_fields[] = {
    CYAML_FIELD_STRING_PTR("name", 0, struct y_field, name, 1, 64),
    CYAML_FIELD_STRING_PTR("label", 0, struct y_field, label, 1, 200),
    CYAML_FIELD_STRING_PTR("type", 0, struct y_field, type, 1, 64),
    CYAML_FIELD_BOOL("required", OPT, struct y_field, required),
    CYAML_FIELD_INT("min", OPT, struct y_field, min),
    CYAML_FIELD_INT("max", OPT, struct y_field, max),
    CYAML_FIELD_STRING_PTR("pattern", OPT, struct y_field, pattern, 1, 500),
    CYAML_FIELD_SEQUENCE("choices", SEQ | OPT, struct y_field, choices, &s_text, 0, 200),
    CYAML_FIELD_BOOL("applicant", OPT, struct y_field, applicant),
    CYAML_FIELD_BOOL("not_future", OPT, struct y_field, not_future), /* desk */
    CYAML_FIELD_END,
};

static const cyaml_schema_value_t s_field_schema = {
    CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct y_field, s_field_fields),
};

static const cyaml_schema_field_t s_step_fields[] = {
    CYAML_FIELD_STRING_PTR("code", 0, struct y_step, code, 1, 64),
    CYAML_FIELD_STRING_PTR("name", 0, struct y_step, name, 1, 300),
    CYAML_FIELD_STRING_PTR("role", 0, struct y_step, role, 1, 64),
    CYAML_FIELD_STRING_PTR("unit", 0, struct y_step, unit, 1, 64),
    CYAML_FIELD_MAPPING("budget", 0, struct y_step, budget, s_amount_fields),
    CYAML_FIELD_END,
};

static const cyaml_schema_value_t s_step_schema = {
    CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct y_step, s_step_fields),
};

/* desk: a lawful extension chosen at reception */
static const cyaml_schema_field_t s_ext_fields[] = {
    CYAML_FIELD_STRING_PTR("code", 0, struct y_ext, code, 1, 64),
    CYAML_FIELD_STRING_PTR("name", 0, struct y_ext, name, 1, 300),
    CYAML_FIELD_STRING_PTR("legal_basis", 0, struct y_ext, legal_basis, 1, TEXT_MAX),
    CYAML_FIELD_MAPPING("add", OPT, struct y_ext, add, s_amount_fields),
    CYAML_FIELD_MAPPING("total", OPT, struct y_ext, total, s_amount_fields),
    CYAML_FIELD_END,
};

static const cyaml_schema_value_t s_ext_schema = {
    CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct y_ext, s_ext_fields),
};

static const cyaml_schema_field_t s_proc_fields[] = {
    CYAML_FIELD_STRING_PTR("code", 0, struct y_proc, code, 1, 64),
    CYAML_FIELD_STRING_PTR("name", 0, struct y_proc, name, 1, 300),
    CYAML_FIELD_INT("version", 0, struct y_proc, version),
    CYAML_FIELD_STRING_PTR("effective", 0, struct y_proc, effective, 1, 64),
    CYAML_FIELD_STRING_PTR("workflow", 0, struct y_proc, workflow, 1, 64),
    CYAML_FIELD_MAPPING("processing", 0, struct y_proc, processing, s_amount_fields),
    CYAML_FIELD_STRING_PTR("cutoff", OPT, struct y_proc, cutoff, 1, 64),
    CYAML_FIELD_INT("fee", 0, struct y_proc, fee),
    CYAML_FIELD_STRING_PTR("fee_note", OPT, struct y_proc, fee_note, 1, TEXT_MAX),
    CYAML_FIELD_SEQUENCE("legal_basis", SEQ, struct y_proc, legal_basis, &s_text, 1, 100),
    CYAML_FIELD_SEQUENCE("papers", SEQ, struct y_proc, papers, &s_text, 1, 100),
    CYAML_FIELD_STRING_PTR("result", 0, struct y_proc, result, 1, TEXT_MAX),
    CYAML_FIELD_SEQUENCE("fields", SEQ, struct y_proc, fields, &s_field_schema, 1, 200),
    CYAML_FIELD_SEQUENCE("steps", SEQ, struct y_proc, steps, &s_step_schema, 2, 50),
    /* desk */
    CYAML_FIELD_SEQUENCE("extensions", SEQ | OPT, struct y_proc, extensions, &s_ext_schema, 0, 20),
    CYAML_FIELD_INT("apologies", OPT, struct y_proc, apologies),
    /* desk: fees */
    CYAML_FIELD_MAPPING_PTR("fee_rule", OPT, struct y_proc, fee_rule, s_fee_rule_fields),
    CYAML_FIELD_STRING_PTR("fee_exempt", OPT, struct y_proc, fee_exempt, 1, TEXT_MAX),
    CYAML_FIELD_END,
};

const cyaml_schema_value_t forms_proc_schema = {
    CYAML_VALUE_MAPPING(CYAML_FLAG_POINTER, struct y_proc, s_proc_fields),
};

static const cyaml_schema_field_t s_state_fields[] = {
    CYAML_FIELD_STRING_PTR("code", 0, struct y_state, code, 1, 31),
    CYAML_FIELD_STRING_PTR("name", 0, struct y_state, name, 1, 200),
    CYAML_FIELD_STRING_PTR("clock", 0, struct y_state, clock, 1, 64),
    CYAML_FIELD_BOOL("steps", OPT, struct y_state, steps),
    CYAML_FIELD_BOOL("final", OPT, struct y_state, final),
    CYAML_FIELD_STRING_PTR("holder", OPT, struct y_state, holder, 1, 64),
    CYAML_FIELD_END,
};

static const cyaml_schema_value_t s_state_schema = {
    CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct y_state, s_state_fields),
};

static const cyaml_schema_field_t s_trans_fields[] = {
    CYAML_FIELD_STRING_PTR("action", 0, struct y_trans, action, 1, 64),
    CYAML_FIELD_STRING_PTR("label", 0, struct y_trans, label, 1, 200),
    CYAML_FIELD_SEQUENCE("from", SEQ, struct y_trans, from, &s_word, 1, 50),
    CYAML_FIELD_STRING_PTR("to", 0, struct y_trans, to, 1, 31),
    CYAML_FIELD_STRING_PTR("by", 0, struct y_trans, by, 1, 64),
    CYAML_FIELD_SEQUENCE("roles", SEQ | OPT, struct y_trans, roles, &s_word, 1, 20),
    CYAML_FIELD_SEQUENCE("require", SEQ | OPT, struct y_trans, require, &s_word, 0, 20),
    CYAML_FIELD_STRING_PTR("form", OPT, struct y_trans, form, 1, 64),
    CYAML_FIELD_STRING_PTR("effect", OPT, struct y_trans, effect, 1, 64),
    CYAML_FIELD_END,
};

static const cyaml_schema_value_t s_trans_schema = {
    CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct y_trans, s_trans_fields),
};

static const cyaml_schema_field_t s_wf_fields[] = {
    CYAML_FIELD_STRING_PTR("code", 0, struct y_wf, code, 1, 64),
    CYAML_FIELD_STRING_PTR("name", 0, struct y_wf, name, 1, 300),
    CYAML_FIELD_STRING_PTR("kind", OPT, struct y_wf, kind, 1, 64),
    CYAML_FIELD_INT("version", 0, struct y_wf, version),
    CYAML_FIELD_STRING_PTR("initial", 0, struct y_wf, initial, 1, 31),
    CYAML_FIELD_STRING_PTR("after_last", OPT, struct y_wf, after_last, 1, 31),
    CYAML_FIELD_INT("due_soon_hours", 0, struct y_wf, due_soon_hours),
    CYAML_FIELD_SEQUENCE("states", SEQ, struct y_wf, states, &s_state_schema, 1, 50),
    CYAML_FIELD_SEQUENCE("transitions", SEQ, struct y_wf, transitions, &s_trans_schema, 1, 200),
    CYAML_FIELD_END,
};

const cyaml_schema_value_t forms_wf_schema = {
    CYAML_VALUE_MAPPING(CYAML_FLAG_POINTER, struct y_wf, s_wf_fields),
};
