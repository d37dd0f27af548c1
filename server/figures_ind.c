/* figures_ind.c — reading and checking forms/indicators/: the sector files
 * (a sector and its indicators) and reporting.yaml (the reporting
 * calendar), each read with libcyaml into plain structures, checked alone
 * and then against each other (weights, versions), every problem on its
 * line. The set is immutable once loaded. */
#include "figures_ind.h"

#include <cyaml/cyaml.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "date.h"

#define OPT CYAML_FLAG_OPTIONAL
#define SEQ CYAML_FLAG_POINTER
#define REPORTING_FILE "reporting.yaml"

/* ---- the files as written ---- */

struct y_ind {
	char *code, *name, *uom, *period, *rollup, *weight, *effective, *source, *reporter;
	char **levels;
	unsigned levels_count;
	char **components;
	unsigned components_count;
	int decimals, version;
};

struct y_sector {
	char *sector, *name;
	struct y_ind *indicators;
	unsigned indicators_count;
};

struct y_reporting {
	int cutoff_day, due_working_days, remind_working_days;
	char *basis;
};

static const cyaml_schema_value_t s_word = {CYAML_VALUE_STRING(CYAML_FLAG_POINTER, char, 1, 64)};

static const cyaml_schema_field_t s_ind_fields[] = {
    CYAML_FIELD_STRING_PTR("code", 0, struct y_ind, code, 1, 64),
    CYAML_FIELD_STRING_PTR("name", 0, struct y_ind, name, 1, 300),
    CYAML_FIELD_STRING_PTR("unit", 0, struct y_ind, uom, 1, 64),
    CYAML_FIELD_SEQUENCE("levels", SEQ, struct y_ind, levels, &s_word, 1, 10),
    CYAML_FIELD_STRING_PTR("period", 0, struct y_ind, period, 1, 64),
    CYAML_FIELD_STRING_PTR("rollup", 0, struct y_ind, rollup, 1, 64),
    CYAML_FIELD_STRING_PTR("weight", OPT, struct y_ind, weight, 1, 64),
    CYAML_FIELD_STRING_PTR("reporter", OPT, struct y_ind, reporter, 1, 32),
    CYAML_FIELD_SEQUENCE("components", SEQ | OPT, struct y_ind, components, &s_word, 1, 20),
    CYAML_FIELD_INT("decimals", OPT, struct y_ind, decimals),
    CYAML_FIELD_INT("version", 0, struct y_ind, version),
    CYAML_FIELD_STRING_PTR("effective", 0, struct y_ind, effective, 1, 64),
    CYAML_FIELD_STRING_PTR("source", 0, struct y_ind, source, 1, 2000),
    CYAML_FIELD_END,
};

static const cyaml_schema_value_t s_ind_schema = {
    CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct y_ind, s_ind_fields),
};

static const cyaml_schema_field_t s_sector_fields[] = {
    CYAML_FIELD_STRING_PTR("sector", 0, struct y_sector, sector, 1, 64),
    CYAML_FIELD_STRING_PTR("name", 0, struct y_sector, name, 1, 300),
    CYAML_FIELD_SEQUENCE("indicators", SEQ, struct y_sector, indicators, &s_ind_schema, 1, 500),
    CYAML_FIELD_END,
};

static const cyaml_schema_value_t s_sector_schema = {
    CYAML_VALUE_MAPPING(CYAML_FLAG_POINTER, struct y_sector, s_sector_fields),
};

static const cyaml_schema_field_t s_reporting_fields[] = {
    CYAML_FIELD_INT("cutoff_day", 0, struct y_reporting, cutoff_day),
    CYAML_FIELD_INT("due_working_days", 0, struct y_reporting, due_working_days),
    CYAML_FIELD_INT("remind_working_days", OPT, struct y_reporting, remind_working_days),
    CYAML_FIELD_STRING_PTR("basis", 0, struct y_reporting, basis, 1, 2000),
    CYAML_FIELD_END,
};

static const cyaml_schema_value_t s_reporting_schema = {
    CYAML_VALUE_MAPPING(CYAML_FLAG_POINTER, struct y_reporting, s_reporting_fields),
};

/* ---- words ---- */

static const char *const s_rollups[] = {"sum", "average", "weighted", "last", "none", NULL};
static const char *const s_everys[] = {"month", "quarter", "6months", "9months", "year", NULL};
static const char *const s_levels[] = {"tỉnh", "sở", "thành phố", "huyện", "phường", "xã", NULL};

static int s_index(const char *const *list, const char *s)
{
	for (int i = 0; s && list[i]; i++)
		if (strcmp(list[i], s) == 0)
			return i;
	return -1;
}

static void s_join(const char *const *list, char *out, size_t n)
{
	size_t len = 0;
	out[0] = 0;
	for (int i = 0; list[i] && len < n; i++)
		len += (size_t)snprintf(out + len, n - len, "%s%s", i ? ", " : "", list[i]);
}

const char *figind_rollup_name(fig_rollup_t r) { return s_rollups[r]; }
const char *figind_every_name(fig_every_t e) { return s_everys[e]; }

/* ---- the set ---- */

struct s_ind {
	fig_indicator_t i;
	const char *path;
	long line_version, line_effective, line_weight, line_components;
};

struct figind {
	struct y_sector **sectors;
	unsigned nsectors;
	char **paths;
	struct s_ind *inds; /* in file order */
	unsigned ninds;
	struct y_reporting *y_rep;
	fig_reporting_t rep;
};

/* Whether s matches the extended regular expression re. */
static bool s_matches(const char *re_text, const char *s)
{
	regex_t re;
	bool ok;

	if (regcomp(&re, re_text, REG_EXTENDED | REG_NOSUB) != 0)
		return false;
	ok = regexec(&re, s, 0, NULL, 0) == 0;
	regfree(&re);
	return ok;
}

static bool s_code_ok(const char *s)
{
	return s_matches("^[a-z0-9]+(-[a-z0-9]+)*$", s);
}

/* A unit's national agency code: "000.00.05.H12". */
static bool s_unit_code_ok(const char *s)
{
	return s_matches("^[0-9]{3}\\.[0-9]{2}\\.[0-9]{2}\\.[A-Z][0-9]{2}$", s);
}

static bool s_has_level(const struct y_ind *y, const char *level)
{
	for (unsigned i = 0; i < y->levels_count; i++)
		if (strcmp(y->levels[i], level) == 0)
			return true;
	return false;
}

/* Check one indicator of a sector file alone. */
static void s_check_ind(yf_file_t *fl, const struct y_ind *y, unsigned k)
{
	char words[256];
	int y0, m0, d0;

	if (!s_code_ok(y->code))
		yf_err(fl->errs, fl->path, yf_line(fl, "indicators.%u.code", k),
		       "mã chỉ tiêu \"%s\" chỉ gồm chữ thường, chữ số và dấu \"-\"", y->code);
	if (s_index(s_everys, y->period) < 0) {
		s_join(s_everys, words, sizeof words);
		yf_err(fl->errs, fl->path, yf_line(fl, "indicators.%u.period", k), "kỳ báo cáo \"%s\" không hợp lệ (%s)",
		       y->period, words);
	}
	if (s_index(s_rollups, y->rollup) < 0) {
		s_join(s_rollups, words, sizeof words);
		yf_err(fl->errs, fl->path, yf_line(fl, "indicators.%u.rollup", k),
		       "cách tổng hợp \"%s\" không hợp lệ (%s)", y->rollup, words);
	} else if ((strcmp(y->rollup, "weighted") == 0) != (y->weight != NULL))
		yf_err(fl->errs, fl->path, yf_line(fl, "indicators.%u.%s", k, y->weight ? "weight" : "rollup"),
		       "chỉ tiêu bình quân gia quyền (rollup: weighted) phải có weight, và chỉ nó");
	for (unsigned i = 0; i < y->levels_count; i++)
		if (s_index(s_levels, y->levels[i]) < 0) {
			s_join(s_levels, words, sizeof words);
			yf_err(fl->errs, fl->path, yf_line(fl, "indicators.%u.levels.%u", k, i),
			       "cấp đơn vị \"%s\" không hợp lệ (%s)", y->levels[i], words);
		}
	/* a department's indicator: the one department that reports it */
	if (y->reporter && !s_unit_code_ok(y->reporter))
		yf_err(fl->errs, fl->path, yf_line(fl, "indicators.%u.reporter", k),
		       "đơn vị báo cáo \"%s\" phải là mã định danh đơn vị (dạng 000.00.05.H12)", y->reporter);
	if (y->reporter && !s_has_level(y, "sở"))
		yf_err(fl->errs, fl->path, yf_line(fl, "indicators.%u.reporter", k),
		       "chỉ chỉ tiêu do sở báo cáo (levels có sở) mới nêu đơn vị báo cáo (reporter)");
	if (!y->reporter && s_has_level(y, "sở"))
		yf_err(fl->errs, fl->path, yf_line(fl, "indicators.%u.levels", k),
		       "chỉ tiêu do sở báo cáo phải nêu sở nào báo cáo (reporter: mã đơn vị của sở)");
	if (y->decimals < 0 || y->decimals > 4)
		yf_err(fl->errs, fl->path, yf_line(fl, "indicators.%u.decimals", k), "số chữ số thập phân từ 0 đến 4");
	if (y->version < 1)
		yf_err(fl->errs, fl->path, yf_line(fl, "indicators.%u.version", k), "phiên bản từ 1 trở lên");
	if (date_parse(y->effective, &y0, &m0, &d0) != 0)
		yf_err(fl->errs, fl->path, yf_line(fl, "indicators.%u.effective", k),
		       "ngày hiệu lực \"%s\" không hợp lệ (cần YYYY-MM-DD)", y->effective);
}

static bool s_add_sector(figind_t *s, yf_file_t *fl, struct y_sector *y)
{
	struct y_sector **v = realloc(s->sectors, (s->nsectors + 1) * sizeof *v);
	char **p;
	struct s_ind *inds;
	const char *path;

	if (!v)
		return false;
	s->sectors = v;
	v[s->nsectors] = y;
	if ((p = realloc(s->paths, (s->nsectors + 1) * sizeof *p)) == NULL)
		return false;
	s->paths = p;
	if ((p[s->nsectors++] = strdup(fl->path)) == NULL)
		return false;
	path = p[s->nsectors - 1];
	if (!s_code_ok(y->sector))
		yf_err(fl->errs, fl->path, yf_line(fl, "sector"), "mã lĩnh vực \"%s\" chỉ gồm chữ thường, chữ số và \"-\"",
		       y->sector);
	if ((inds = realloc(s->inds, (s->ninds + y->indicators_count) * sizeof *inds)) == NULL)
		return false;
	s->inds = inds;
	for (unsigned k = 0; k < y->indicators_count; k++) {
		const struct y_ind *yi = &y->indicators[k];
		struct s_ind *si = &s->inds[s->ninds++];
		int r = s_index(s_rollups, yi->rollup), e = s_index(s_everys, yi->period);

		s_check_ind(fl, yi, k);
		*si = (struct s_ind){
		    .i = {.code = yi->code,
		          .name = yi->name,
		          .uom = yi->uom,
		          .sector = y->sector,
		          .sector_name = y->name,
		          .levels = (const char *const *)yi->levels,
		          .nlevels = yi->levels_count,
		          .every = e < 0 ? FIG_MONTH : (fig_every_t)e,
		          .rollup = r < 0 ? FIG_NONE : (fig_rollup_t)r,
		          .weight = yi->weight,
		          .reporter = yi->reporter,
		          .components = (const char *const *)yi->components,
		          .ncomponents = yi->components_count,
		          .decimals = yi->decimals,
		          .version = yi->version,
		          .effective = yi->effective,
		          .source = yi->source},
		    .path = path,
		    .line_version = yf_line(fl, "indicators.%u.version", k),
		    .line_effective = yf_line(fl, "indicators.%u.effective", k),
		    .line_weight = yf_line(fl, "indicators.%u.weight", k),
		    .line_components = yf_line(fl, "indicators.%u.components", k),
		};
	}
	return true;
}

static void s_check_reporting(yf_file_t *fl, const struct y_reporting *y)
{
	if (y->cutoff_day < 1 || y->cutoff_day > 28)
		yf_err(fl->errs, fl->path, yf_line(fl, "cutoff_day"), "ngày chốt số liệu từ 1 đến 28");
	if (y->due_working_days < 0 || y->due_working_days > 30)
		yf_err(fl->errs, fl->path, yf_line(fl, "due_working_days"), "hạn gửi từ 0 đến 30 ngày làm việc");
	if (y->remind_working_days < 0 || y->remind_working_days > y->due_working_days)
		yf_err(fl->errs, fl->path, yf_line(fl, "remind_working_days"),
		       "nhắc trước hạn từ 0 đến số ngày của hạn gửi");
}

/* Across files: unique (code, version) with effective dates growing with
 * the version, and weights naming an indicator that exists. */
static void s_check_set(figind_t *s, yf_errs_t *errs)
{
	for (unsigned i = 0; i < s->ninds; i++) {
		const struct s_ind *a = &s->inds[i];
		bool weight_found = !a->i.weight;
		for (unsigned k = 0; k < s->ninds; k++) {
			const struct s_ind *b = &s->inds[k];
			if (a->i.weight && strcmp(b->i.code, a->i.weight) == 0 && b->i.rollup != FIG_NONE)
				weight_found = true;
			if (k >= i || strcmp(a->i.code, b->i.code) != 0)
				continue;
			if (a->i.version == b->i.version)
				yf_err(errs, a->path, a->line_version, "chỉ tiêu \"%s\" phiên bản %d đã có trong %s", a->i.code,
				       a->i.version, b->path);
			else if ((a->i.version > b->i.version) != (strcmp(a->i.effective, b->i.effective) > 0))
				yf_err(errs, a->path, a->line_effective,
				       "các phiên bản của chỉ tiêu \"%s\" phải có hiệu lực theo thứ tự phiên bản", a->i.code);
		}
		if (!weight_found)
			yf_err(errs, a->path, a->line_weight, "không có chỉ tiêu cộng được \"%s\" làm trọng số", a->i.weight);
		/* components: indicators of the same unit of measure, adding up to at most this one */
		for (unsigned c = 0; c < a->i.ncomponents; c++) {
			bool found = false;
			for (unsigned k = 0; k < s->ninds && !found; k++)
				found = strcmp(s->inds[k].i.code, a->i.components[c]) == 0 &&
				        strcmp(s->inds[k].i.uom, a->i.uom) == 0 && k != i;
			if (!found)
				yf_err(errs, a->path, a->line_components,
				       "thành phần \"%s\" không phải chỉ tiêu khác cùng đơn vị tính (%s)", a->i.components[c],
				       a->i.uom);
		}
		if (a->i.ncomponents && a->i.rollup != FIG_SUM)
			yf_err(errs, a->path, a->line_components, "chỉ tiêu có thành phần (components) phải cộng dồn (rollup: sum)");
	}
}

figind_t *figind_load(const char *dir, yf_errs_t *errs)
{
	char path[4096];
	struct stat st;
	figind_t *s = calloc(1, sizeof *s);
	size_t count = 0;
	char **names;

	if (!s)
		return NULL;
	s->rep = (fig_reporting_t){14, 3, 1, "Nghị định 09/2019/NĐ-CP, Điều 12"};
	snprintf(path, sizeof path, "%s/indicators", dir);
	if (stat(path, &st) != 0 || (names = yf_list(path, &count, errs)) == NULL)
		return s;
	for (size_t i = 0; i < count; i++) {
		yf_file_t fl;
		bool rep = strcmp(names[i], REPORTING_FILE) == 0;
		snprintf(path, sizeof path, "%s/indicators/%s", dir, names[i]);
		if (yf_open(&fl, path, errs)) {
			void *y = yf_load(&fl, rep ? &s_reporting_schema : &s_sector_schema);
			if (y && rep) {
				s_check_reporting(&fl, y);
				yf_free(&s_reporting_schema, s->y_rep);
				s->y_rep = y;
				s->rep = (fig_reporting_t){s->y_rep->cutoff_day, s->y_rep->due_working_days,
				                           s->y_rep->remind_working_days, s->y_rep->basis};
			} else if (y && !s_add_sector(s, &fl, y))
				yf_err(errs, path, 0, "hết bộ nhớ");
		}
		yf_close(&fl);
		free(names[i]);
	}
	free(names);
	s_check_set(s, errs);
	return s;
}

void figind_free(figind_t **sp)
{
	figind_t *s;

	if (!sp || !(s = *sp))
		return;
	for (unsigned i = 0; i < s->nsectors; i++) {
		yf_free(&s_sector_schema, s->sectors[i]);
		free(s->paths[i]);
	}
	yf_free(&s_reporting_schema, s->y_rep);
	free(s->sectors);
	free(s->paths);
	free(s->inds);
	free(s);
	*sp = NULL;
}

/* The version of inds[i]'s code in force on date, if inds[i] is it. */
static bool s_in_force(const figind_t *s, unsigned i, const char *date)
{
	const fig_indicator_t *a = &s->inds[i].i;

	if (strcmp(a->effective, date) > 0)
		return false;
	for (unsigned k = 0; k < s->ninds; k++) {
		const fig_indicator_t *b = &s->inds[k].i;
		if (k != i && strcmp(a->code, b->code) == 0 && strcmp(b->effective, date) <= 0 &&
		    strcmp(b->effective, a->effective) > 0)
			return false;
	}
	return true;
}

const fig_indicator_t *figind_get(const figind_t *s, const char *code, const char *date)
{
	for (unsigned i = 0; s && code && i < s->ninds; i++)
		if (strcmp(s->inds[i].i.code, code) == 0 && s_in_force(s, i, date))
			return &s->inds[i].i;
	return NULL;
}

unsigned figind_list(const figind_t *s, const char *date, const char *sector, const fig_indicator_t **out,
                     unsigned max)
{
	unsigned n = 0;

	for (unsigned i = 0; s && i < s->ninds && n < max; i++)
		if ((!sector || strcmp(s->inds[i].i.sector, sector) == 0) && s_in_force(s, i, date))
			out[n++] = &s->inds[i].i;
	return n;
}

const fig_reporting_t *figind_reporting(const figind_t *s)
{
	return &s->rep;
}

bool figind_reports(const fig_indicator_t *ind, const char *level)
{
	for (unsigned i = 0; level && i < ind->nlevels; i++)
		if (strcmp(ind->levels[i], level) == 0)
			return true;
	return false;
}

bool figind_reports_unit(const fig_indicator_t *ind, const char *level, const char *code)
{
	if (!figind_reports(ind, level))
		return false;
	return !ind->reporter || strcmp(level, "sở") != 0 || (code && strcmp(code, ind->reporter) == 0);
}

/* FNV-1a over s, continuing from h. */
static uint64_t s_fnv(uint64_t h, const char *s)
{
	for (; s && *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return (h ^ 0xff) * 1099511628211ULL; /* a separator: "ab","c" is not "a","bc" */
}

void figind_fingerprint(const figind_t *s, char *out, size_t n)
{
	uint64_t h = 1469598103934665603ULL;
	char num[64];

	snprintf(num, sizeof num, "%d", s->rep.cutoff_day);
	h = s_fnv(h, num);
	for (unsigned i = 0; i < s->ninds; i++) {
		const fig_indicator_t *x = &s->inds[i].i;
		snprintf(num, sizeof num, "%d %d %d", x->version, (int)x->rollup, (int)x->every);
		h = s_fnv(s_fnv(s_fnv(s_fnv(h, x->code), num), x->effective), x->weight ? x->weight : "");
	}
	snprintf(out, n, "%016llx", (unsigned long long)h);
}
