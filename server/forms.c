/* forms.c — procedures and workflows as data. libcyaml reads each file of
 * forms/workflows/ and forms/procedures/ into plain structures
 * (forms_schema.c) and each is checked alone (forms_check.c, against the
 * kinds and words of forms_kinds.c); this file loads them, checks them
 * against each other, and builds and hands back one immutable set, which
 * it answers queries on. Every problem found is reported on its own "file:line: message"
 * line, so that a province fixes its files in one pass, not one error at a
 * time. The formats are described in forms/procedures/README.md and
 * forms/workflows/README.md. */
#include "forms.h"

#include <cyaml/cyaml.h>
#include <dirent.h>
#include <errno.h>
#include <regex.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <yaml.h>

#include "date.h"
#include "proto.h"
#include "figures_ind.h"
#include "forms_int.h"
#include "yaml_file.h"

/* Effective dates are Vietnamese calendar dates: UTC+7, no daylight saving. */
#define LOCAL_OFFSET (7 * 3600)

/* ---- the loaded set ------------------------------------------------------ */

/* A procedure with the document its strings live in and the lines the
 * checks across files point at. */
struct s_proc {
	procedure_t p;
	struct y_proc *y;
	long line_code, line_version, line_effective, line_workflow;
};

struct s_wf {
	wf_def_t w;
	struct y_wf *y;
	long line_code;
};

struct forms {
	struct s_proc *procs; /* by code, then version */
	unsigned nprocs;
	struct s_wf *wfs; /* by code */
	unsigned nwfs;
	/* While loading: codes of workflow files that could not be read, so
	 * that procedures naming them are not reported as well; unread_any
	 * when the code of one is not even known. */
	char **unread;
	unsigned nunread;
	bool unread_any;
	figind_t *indicators; /* figures: forms/indicators/ (figures_ind.c) */
};

static void s_amount_set(const struct y_amount *a, int *amount, char *unit)
{
	*amount = a->same_day ? 1 : a->days ? a->days : a->hours;
	*unit = a->same_day ? 's' : a->days ? 'd' : 'h';
}

/* Fill the public view of y; false on allocation failure. */
static bool s_build_proc(struct s_proc *sp, struct y_proc *y, const char *path)
{
	procedure_t *p = &sp->p;

	sp->y = y;
	p->code = y->code;
	p->name = y->name;
	p->version = y->version;
	p->effective = y->effective;
	p->workflow = y->workflow;
	s_amount_set(&y->processing, &p->processing, &p->processing_unit);
	p->cutoff = y->cutoff;
	p->fee = y->fee;
	p->fee_note = y->fee_note;
	p->legal_basis = y->legal_basis;
	p->nlegal = y->legal_basis_count;
	p->papers = y->papers;
	p->npapers = y->papers_count;
	p->result = y->result;
	p->nfields = y->fields_count;
	p->nsteps = y->steps_count;
	p->fields = calloc(y->fields_count ? y->fields_count : 1, sizeof *p->fields);
	p->steps = calloc(y->steps_count ? y->steps_count : 1, sizeof *p->steps);
	p->source = strdup(path);
	/* desk */
	p->apologies = y->apologies > 0 ? y->apologies : 1;
	p->fee_exempt = y->fee_exempt;
	if (y->fee_rule) {
		form_fee_rule_t *r = malloc(sizeof *r);
		if (!r)
			return false;
		*r = (form_fee_rule_t){.per_page = y->fee_rule->per_page,
						    .then = y->fee_rule->from_page ? y->fee_rule->then : y->fee_rule->per_page,
						    .cap = y->fee_rule->cap,
						    .from_page = y->fee_rule->from_page,
						    .pages = y->fee_rule->pages,
						    .copies = y->fee_rule->copies};
		p->fee_rule = r;
	}
	p->nextensions = y->extensions_count;
	p->extensions = calloc(y->extensions_count ? y->extensions_count : 1, sizeof *p->extensions);
	if (!p->fields || !p->steps || !p->source || !p->extensions)
		return false;
	for (unsigned i = 0; i < y->extensions_count; i++) {
		const struct y_ext *ye = &y->extensions[i];
		form_ext_t *x = &p->extensions[i];
		x->code = ye->code;
		x->name = ye->name;
		x->legal_basis = ye->legal_basis;
		x->total = ye->total.days || ye->total.hours;
		s_amount_set(x->total ? &ye->total : &ye->add, &x->amount, &x->unit);
	}
	for (unsigned i = 0; i < y->fields_count; i++) {
		const struct y_field *yf = &y->fields[i];
		form_field_t *f = &p->fields[i];
		int type = forms_field_type(yf->type);
		f->name = yf->name;
		f->label = yf->label;
		f->type = type < 0 ? FT_TEXT : (field_type_t)type;
		f->required = yf->required;
		f->min = yf->min;
		f->max = yf->max;
		f->pattern = yf->pattern;
		f->choices = yf->choices;
		f->nchoices = yf->choices_count;
		f->applicant = yf->applicant;
		f->not_future = yf->not_future;
	}
	for (unsigned i = 0; i < y->steps_count; i++) {
		const struct y_step *ys = &y->steps[i];
		form_step_t *s = &p->steps[i];
		s->code = ys->code;
		s->name = ys->name;
		s->role = ys->role;
		s->unit = strcmp(ys->unit, "receiving") == 0 ? UNIT_RECEIVING
		          : strcmp(ys->unit, "parent") == 0  ? UNIT_PARENT
		                                             : UNIT_NAMED;
		s->unit_code = s->unit == UNIT_NAMED ? ys->unit : NULL;
		s_amount_set(&ys->budget, &s->budget, &s->budget_unit);
	}
	return true;
}

static void s_proc_clear(struct s_proc *sp)
{
	free(sp->p.fields);
	free(sp->p.steps);
	free(sp->p.extensions);
	free((void *)sp->p.fee_rule);
	free(sp->p.source);
	yf_free(&forms_proc_schema, sp->y);
	memset(sp, 0, sizeof *sp);
}

/* ---- workflows ----------------------------------------------------------- */

/* Who holds an instance in state s: as written, else by default nobody in
 * a final state, the current step's handler where steps are walked, and
 * the kind's default elsewhere. */
static wf_by_t s_holder(const wf_kind_t *kind, const struct y_state *s)
{
	const char *word = s->holder ? s->holder : s->final ? NULL : s->steps ? kind->steps_by : kind->waiting_by;
	wf_by_t by = wf_rule_find(kind, word);

	return by == WF_BY_ROLES ? WF_BY_NONE : by; /* a state is held by a rule of the kind */
}

static bool s_build_wf(struct s_wf *sw, struct y_wf *y, const char *path)
{
	wf_def_t *w = &sw->w;

	sw->y = y;
	w->code = y->code;
	w->name = y->name;
	w->kind = (char *)forms_kind_of(y->kind)->name;
	w->version = y->version;
	w->initial = y->initial;
	w->after_last = y->after_last;
	w->due_soon_hours = y->due_soon_hours;
	w->nstates = y->states_count;
	w->ntransitions = y->transitions_count;
	w->states = calloc(y->states_count ? y->states_count : 1, sizeof *w->states);
	w->transitions = calloc(y->transitions_count ? y->transitions_count : 1, sizeof *w->transitions);
	w->source = strdup(path);
	if (!w->states || !w->transitions || !w->source)
		return false;
	for (unsigned i = 0; i < y->states_count; i++) {
		int clock = forms_lookup(forms_clock_names, y->states[i].clock);
		w->states[i].code = y->states[i].code;
		w->states[i].name = y->states[i].name;
		w->states[i].clock = clock < 0 ? CLOCK_RUN : (wf_clock_t)clock;
		w->states[i].steps = y->states[i].steps;
		w->states[i].final = y->states[i].final;
		w->states[i].holder = s_holder(forms_kind_of(y->kind), &y->states[i]);
	}
	for (unsigned i = 0; i < y->transitions_count; i++) {
		const struct y_trans *yt = &y->transitions[i];
		wf_transition_t *t = &w->transitions[i];
		t->action = yt->action;
		t->label = yt->label;
		t->from = yt->from;
		t->nfrom = yt->from_count;
		t->to = yt->to;
		t->by = wf_rule_find(forms_kind_of(y->kind), yt->by); /* WF_BY_NONE: reported by forms_check_wf */
		t->roles = yt->roles;
		t->nroles = yt->roles_count;
		t->require = yt->require;
		t->nrequire = yt->require_count;
		t->form = yt->form;
		t->effect = yt->effect;
	}
	return true;
}

static void s_wf_clear(struct s_wf *sw)
{
	free(sw->w.states);
	free(sw->w.transitions);
	free(sw->w.source);
	yf_free(&forms_wf_schema, sw->y);
	memset(sw, 0, sizeof *sw);
}

/* ---- loading ------------------------------------------------------------- */

/* Load every *.yaml of dir/sub with load_one, which returns false only
 * when memory runs out. False when some file (or dir/sub itself) could not
 * be read or parsed at all. */
static bool s_load_dir(forms_t *f, const char *dir, const char *sub, yf_errs_t *errs,
                       bool (*load_one)(forms_t *, yf_file_t *))
{
	char path[4096];
	size_t count;
	char **names;
	bool all = true;

	snprintf(path, sizeof path, "%s/%s", dir, sub);
	if ((names = yf_list(path, &count, errs)) == NULL)
		return false;
	for (size_t i = 0; i < count; i++) {
		yf_file_t fl;
		snprintf(path, sizeof path, "%s/%s/%s", dir, sub, names[i]);
		if (!yf_open(&fl, path, errs))
			all = false;
		else if (!load_one(f, &fl))
			yf_err(errs, path, 0, "hết bộ nhớ");
		yf_close(&fl);
		free(names[i]);
	}
	free(names);
	return all;
}

/* Remember the code of a workflow file that could not be read, when it
 * names one. */
static bool s_unread(forms_t *f, yf_file_t *fl)
{
	yaml_node_t *code = yf_map_get(&fl->doc, yaml_document_get_root_node(&fl->doc), "code", NULL);
	char **v;

	if (!code || code->type != YAML_SCALAR_NODE) {
		f->unread_any = true;
		return true;
	}
	if ((v = realloc(f->unread, (f->nunread + 1) * sizeof *v)) == NULL)
		return false;
	f->unread = v;
	return (v[f->nunread++] = strdup((const char *)code->data.scalar.value)) != NULL;
}

static bool s_load_wf(forms_t *f, yf_file_t *fl)
{
	struct y_wf *y = yf_load(fl, &forms_wf_schema);
	struct s_wf *v;

	if (!y)
		return s_unread(f, fl);
	forms_check_wf(fl, y);
	if ((v = realloc(f->wfs, (f->nwfs + 1) * sizeof *v)) == NULL) {
		yf_free(&forms_wf_schema, y);
		return false;
	}
	f->wfs = v;
	memset(&v[f->nwfs], 0, sizeof *v);
	v[f->nwfs].line_code = yf_line(fl, "code");
	return s_build_wf(&v[f->nwfs++], y, fl->path);
}

/* FNV-1a over a file's text, as 8 hex digits: enough to tell an edited
 * file from the one a client holds, not a defence against anyone. */
static void s_tag(const char *text, size_t len, char out[9])
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)text[i]) * 16777619u;
	snprintf(out, 9, "%08x", h);
}

static bool s_load_proc(forms_t *f, yf_file_t *fl)
{
	struct y_proc *y = yf_load(fl, &forms_proc_schema);
	struct s_proc *v, *sp;

	if (!y)
		return true;
	forms_check_proc(fl, y);
	if ((v = realloc(f->procs, (f->nprocs + 1) * sizeof *v)) == NULL) {
		yf_free(&forms_proc_schema, y);
		return false;
	}
	f->procs = v;
	sp = &v[f->nprocs];
	memset(sp, 0, sizeof *sp);
	sp->line_code = yf_line(fl, "code");
	sp->line_version = yf_line(fl, "version");
	sp->line_effective = yf_line(fl, "effective");
	sp->line_workflow = yf_line(fl, "workflow");
	f->nprocs++;
	s_tag(fl->text, fl->len, sp->p.tag);
	return s_build_proc(sp, y, fl->path);
}

static int s_cmp_proc(const void *a, const void *b)
{
	const struct s_proc *x = a, *y = b;
	int c = strcmp(x->p.code, y->p.code);

	if (c)
		return c;
	if (x->p.version != y->p.version)
		return x->p.version < y->p.version ? -1 : 1;
	return strcmp(x->p.source, y->p.source);
}

static int s_cmp_wf(const void *a, const void *b)
{
	const struct s_wf *x = a, *y = b;
	int c = strcmp(x->w.code, y->w.code);

	return c ? c : strcmp(x->w.source, y->w.source);
}

/* Checks across files: unique workflow codes, procedures naming a loaded
 * workflow, unique (code, version) whose effective dates grow with the
 * version so that "the version in force on a date" has one answer. */
static void s_check_set(forms_t *f, yf_errs_t *errs)
{
	for (unsigned i = 1; i < f->nwfs; i++)
		if (strcmp(f->wfs[i].w.code, f->wfs[i - 1].w.code) == 0)
			yf_err(errs, f->wfs[i].w.source, f->wfs[i].line_code, "quy trình \"%s\" đã có trong %s",
			      f->wfs[i].w.code, f->wfs[i - 1].w.source);
	for (unsigned i = 0; i < f->nprocs; i++) {
		const struct s_proc *sp = &f->procs[i], *prev = i ? &f->procs[i - 1] : NULL;
		bool unread = false;
		for (unsigned k = 0; k < f->nunread && !unread; k++)
			unread = f->unread[k] && strcmp(f->unread[k], sp->p.workflow) == 0;
		if (!forms_workflow(f, sp->p.workflow) && !unread && !f->unread_any)
			yf_err(errs, sp->p.source, sp->line_workflow, "không có quy trình \"%s\" trong workflows/",
			      sp->p.workflow);
		else if (forms_workflow(f, sp->p.workflow) && !forms_kind_of(forms_workflow(f, sp->p.workflow)->kind)->steps_by)
			yf_err(errs, sp->p.source, sp->line_workflow,
			      "quy trình \"%s\" không đi theo các bước của thủ tục (kind: %s)", sp->p.workflow,
			      forms_workflow(f, sp->p.workflow)->kind);
		if (!prev || strcmp(prev->p.code, sp->p.code) != 0)
			continue;
		if (prev->p.version == sp->p.version)
			yf_err(errs, sp->p.source, sp->line_version, "thủ tục \"%s\" phiên bản %d đã có trong %s",
			      sp->p.code, sp->p.version, prev->p.source);
		else if (strcmp(sp->p.effective, prev->p.effective) <= 0)
			yf_err(errs, sp->p.source, sp->line_effective,
			      "phiên bản %d phải có hiệu lực sau phiên bản %d (%s), không phải %s", sp->p.version,
			      prev->p.version, prev->p.effective, sp->p.effective);
	}
}

forms_t *forms_load(const char *dir, char **errors)
{
	yf_errs_t errs = {0};
	forms_t *f = calloc(1, sizeof *f);

	if (errors)
		*errors = NULL;
	if (!f) {
		if (errors)
			*errors = strdup("hết bộ nhớ\n");
		return NULL;
	}
	/* Workflows first: procedures are checked against them. */
	if (!s_load_dir(f, dir, "workflows", &errs, s_load_wf))
		f->unread_any = true;
	s_load_dir(f, dir, "procedures", &errs, s_load_proc);
	if (f->nwfs)
		qsort(f->wfs, f->nwfs, sizeof *f->wfs, s_cmp_wf);
	if (f->nprocs)
		qsort(f->procs, f->nprocs, sizeof *f->procs, s_cmp_proc);
	s_check_set(f, &errs);
	/* figures: the indicators and their reporting calendar */
	if ((f->indicators = figind_load(dir, &errs)) == NULL)
		errs.oom = true;
	for (unsigned i = 0; i < f->nunread; i++)
		free(f->unread[i]);
	free(f->unread);
	f->unread = NULL;
	f->nunread = 0;
	if (errs.n == 0 && !errs.oom)
		return f;
	if (errors)
		*errors = yf_text(&errs, dir);
	else
		free(errs.buf);
	forms_free(&f);
	return NULL;
}

void forms_free(forms_t **fp)
{
	forms_t *f;

	if (!fp || !(f = *fp))
		return;
	for (unsigned i = 0; i < f->nprocs; i++)
		s_proc_clear(&f->procs[i]);
	for (unsigned i = 0; i < f->nwfs; i++)
		s_wf_clear(&f->wfs[i]);
	free(f->procs);
	free(f->wfs);
	figind_free(&f->indicators); /* figures */
	free(f);
	*fp = NULL;
}

/* ---- queries ------------------------------------------------------------- */

/* The Vietnamese date of t as "YYYY-MM-DD". */
static void s_local_date(int64_t t, char out[11])
{
	time_t local = (time_t)(t + LOCAL_OFFSET);
	struct tm tm;

	if (!gmtime_r(&local, &tm) || strftime(out, 11, "%Y-%m-%d", &tm) != 10)
		snprintf(out, 11, "%s", t < 0 ? "0000-00-00" : "9999-99-99");
}

/* Index of the first procedure with code, or nprocs. */
static unsigned s_first(const forms_t *f, const char *code)
{
	unsigned lo = 0, hi = f->nprocs;

	while (lo < hi) {
		unsigned mid = lo + (hi - lo) / 2;
		if (strcmp(f->procs[mid].p.code, code) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The version in force on date among the versions from index i on: the
 * last whose effective date is not after it (effective dates grow with
 * the version). */
static const procedure_t *s_in_force(const forms_t *f, unsigned i, const char *date)
{
	const procedure_t *best = NULL;
	const char *code = f->procs[i].p.code;

	for (; i < f->nprocs && strcmp(f->procs[i].p.code, code) == 0; i++)
		if (strcmp(f->procs[i].p.effective, date) <= 0)
			best = &f->procs[i].p;
	return best;
}

const char *forms_processing_unit(const procedure_t *p)
{
	return p->processing_unit == 's' ? "trong ngày" : p->processing_unit == 'h' ? "giờ làm việc" : "ngày làm việc";
}

const char *forms_processing_text(const procedure_t *p, char *buf, size_t n)
{
	if (p->processing_unit == 's')
		snprintf(buf, n, "Trong ngày (tiếp nhận sau 15 giờ thì trả trong ngày làm việc tiếp theo)");
	else
		snprintf(buf, n, "%d %s", p->processing, forms_processing_unit(p));
	return buf;
}

const procedure_t *forms_procedure(const forms_t *f, const char *code, int version, int64_t t)
{
	char date[11];
	unsigned i;

	if (!f || !code || (i = s_first(f, code)) == f->nprocs || strcmp(f->procs[i].p.code, code) != 0)
		return NULL;
	if (version > 0) {
		for (; i < f->nprocs && strcmp(f->procs[i].p.code, code) == 0; i++)
			if (f->procs[i].p.version == version)
				return &f->procs[i].p;
		return NULL;
	}
	s_local_date(t, date);
	return s_in_force(f, i, date);
}

unsigned forms_procedures(const forms_t *f, int64_t t, const procedure_t **out, unsigned max)
{
	char date[11];
	unsigned n = 0;

	if (!f)
		return 0;
	s_local_date(t, date);
	for (unsigned i = 0; i < f->nprocs && n < max; i++) {
		const procedure_t *p;
		if (i > 0 && strcmp(f->procs[i].p.code, f->procs[i - 1].p.code) == 0)
			continue;
		if ((p = s_in_force(f, i, date)) != NULL)
			out[n++] = p;
	}
	return n;
}

const wf_def_t *forms_workflow(const forms_t *f, const char *code)
{
	for (unsigned i = 0; f && code && i < f->nwfs; i++)
		if (strcmp(f->wfs[i].w.code, code) == 0)
			return &f->wfs[i].w;
	return NULL;
}

const wf_state_t *wf_state(const wf_def_t *w, const char *code)
{
	for (unsigned i = 0; w && code && i < w->nstates; i++)
		if (strcmp(w->states[i].code, code) == 0)
			return &w->states[i];
	return NULL;
}

const wf_transition_t *wf_transition(const wf_def_t *w, const char *state, const char *action)
{
	for (unsigned i = 0; w && state && action && i < w->ntransitions; i++) {
		const wf_transition_t *t = &w->transitions[i];
		if (strcmp(t->action, action) != 0)
			continue;
		for (unsigned k = 0; k < t->nfrom; k++)
			if (strcmp(t->from[k], state) == 0)
				return t;
	}
	return NULL;
}

/* figures */
const struct figind *forms_indicators(const forms_t *f)
{
	return f ? f->indicators : NULL;
}

/* desk */
const form_ext_t *forms_extension(const procedure_t *p, const char *code)
{
	for (unsigned i = 0; code && i < p->nextensions; i++) /* a TUI's choice sends the name */
		if (strcmp(p->extensions[i].code, code) == 0 || strcmp(p->extensions[i].name, code) == 0)
			return &p->extensions[i];
	return NULL;
}
