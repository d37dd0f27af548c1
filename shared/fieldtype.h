/* fieldtype.h — the value rule of each type a form field can have (a
 * procedure's fields in the YAML of forms/procedures/, the TUI's task forms):
 * what a value must look like and the form it is stored in. The server
 * checks with it (server/fields.c) and the TUI as the clerk types
 * (client/tui/field_form_check.c), so the TUI refuses exactly what the server does.
 * The rule gives a verdict; each side words its own message. */
#ifndef CONGVU_FIELDTYPE_H
#define CONGVU_FIELDTYPE_H

#include <stddef.h>
#include <stdint.h>

typedef enum {
	FT_TEXT,       /* free text, max bytes, optional pattern (POSIX ERE) */
	FT_NUMBER,     /* integer, min/max */
	FT_MONEY,      /* non-negative integer đồng, min/max */
	FT_DATE,       /* YYYY-MM-DD, a real date */
	FT_CHOICE,     /* one of choices[] */
	FT_CITIZEN_ID, /* 12 digits (căn cước / định danh cá nhân) */
	FT_PHONE,      /* Vietnamese phone: 0 + 9–10 digits, or +84 … */
	FT_EMAIL,
	FT_MONTH, /* YYYY-MM (client forms; procedures do not declare it) */
} field_type_t;
#define FT_COUNT (FT_MONTH + 1)

/* A text field without a max holds at most this many bytes. */
#define FIELDTYPE_TEXT_MAX 500

typedef struct {
	field_type_t type;
	int64_t min, max;           /* number, money: bounds when either is set, max 0
	                             * for none above; text: byte limit, 0 for
	                             * FIELDTYPE_TEXT_MAX */
	const char *pattern;        /* text: POSIX ERE the value must match, or NULL */
	const char *const *choices; /* choice: the values allowed */
	unsigned nchoices;
	int year;                   /* the year now (the province's), for what may not lie
	                             * ahead: a citizen id's year of birth; 0: not checked */
	int today;                  /* desk: today (the province's) as YYYYMMDD, for a date
	                             * field that may not lie ahead (not_future); 0: not checked */
} fieldtype_rule_t;

typedef enum {
	FV_OK,
	FV_BAD,      /* not a value of the type (the type's own message) */
	FV_TOO_LONG, /* text over its byte limit */
	FV_PATTERN,  /* text not matching its pattern */
	FV_RANGE,    /* number or money outside [min, max] */
	FV_CODE,     /* citizen id: its first three digits name no province */
	FV_FUTURE,   /* citizen id: the year of birth it encodes is after r->year;
	              * date: after r->today */
} fieldtype_verdict_t;

/* Check v (trimmed, not empty: being required is the caller's rule)
 * against r. On FV_OK, norm (n bytes; strlen(v) + 32 always suffices)
 * holds the value to store: money and numbers as plain digits, phone
 * numbers as 0 and digits; anything else as given. */
fieldtype_verdict_t fieldtype_check(const fieldtype_rule_t *r, const char *v, char *norm, size_t n);

/* The type's name in YAML and on the wire ("citizen_id"), and back: -1
 * for a name that is no type. */
const char *fieldtype_name(field_type_t t);
int fieldtype_by_name(const char *name);

#endif
