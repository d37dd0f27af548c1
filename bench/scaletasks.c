/* scaletasks.c — a province's year of tasks for congvu-scalegen: leaders
 * assign work (the province's leader to districts, with co-operating
 * districts and now and then split into sub-tasks for communes; the
 * districts' leaders to their communes); the lead units start it, report
 * progress, ask for more time and report completion; the assigners grant
 * or refuse, return or accept, now and then cancel. Every step is a request
 * through srv_dispatch at its own moment; a step that would fall after the
 * end of the period is not taken, so recent tasks stay open where they are. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "forms.h"
#include "scalegen.h"
#include "stats.h"
#include "wf.h"

#define DAY 86400
#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

static int64_t s_end;  /* the end of the period (now): no step at or after it */
static size_t s_count; /* tasks assigned so far */

static const char *const s_titles[] = {
    "Rà soát hồ sơ thủ tục hành chính tồn đọng",
    "Tổng hợp kiến nghị cử tri trước kỳ họp",
    "Báo cáo kết quả giải quyết hồ sơ một cửa",
    "Kiểm tra công tác phòng, chống thiên tai",
    "Triển khai chuyển đổi số cấp xã",
    "Giải quyết đơn thư khiếu nại, tố cáo tồn đọng",
    "Rà soát hộ nghèo, hộ cận nghèo",
    "Kiểm tra an toàn thực phẩm dịp lễ",
    "Cập nhật dữ liệu dân cư lên hệ thống",
    "Chuẩn bị báo cáo sơ kết công tác",
    "Giải phóng mặt bằng dự án đường giao thông nông thôn",
    "Tuyên truyền phòng, chống dịch sốt xuất huyết",
};

/* Where a task comes from, with the kind of paper it names. */
static const struct {
	const char *source, *ref;
	unsigned weight;
} s_sources[] = {
    {"directive", "Chỉ thị %u/CT-UBND", 40},
    {"meeting", "Kết luận %u/TB-UBND", 30},
    {"document", "Công văn %u/UBND-VP", 25},
    {"other", "Phiếu chuyển %u", 5},
};

/* The local date of t, "YYYY-MM-DD", into out (at least 11 bytes). */
static const char *s_date(int64_t t, char *out)
{
	char buf[32];
	wf_time(t, buf, sizeof buf);
	snprintf(out, 11, "%.10s", buf);
	return out;
}

/* Take one step as a at *t + after, moved into working hours: msg with
 * body (stolen). *t becomes that moment. false, and nothing sent, when the
 * moment is at or after the end of the period or a is missing; false too
 * when the request was refused. */
static bool s_step(const gen_actor_t *a, int64_t *t, int64_t after, proto_msg_t msg, json_t *body)
{
	int64_t at = gen_working(*t + (after > 0 ? after : 60));
	json_t *r;

	if (!a || at >= s_end) {
		json_decref(body);
		return false;
	}
	*t = at;
	r = gen_run(a, at, msg, body);
	json_decref(r);
	return r != NULL;
}

static json_t *s_act(const char *code, const char *action, const char *note)
{
	return note ? json_pack("{s:s, s:s, s:s}", "code", code, "action", action, "note", note)
	            : json_pack("{s:s, s:s}", "code", code, "action", action);
}

/* Assign a task as `by` at t to the unit `lead` (co-operating units coop,
 * stolen, may be NULL), due at the end of local date `date`, under
 * `parent` (NULL: none). Its code into code (32 bytes); false when
 * refused. */
static bool s_assign(const gen_actor_t *by, int64_t t, const char *lead, json_t *coop, const char *date,
                     const char *parent, char *code)
{
	unsigned w = gen_rand(100), k = 0, p = gen_rand(100);
	char title[256], ref[64], month[16];
	json_t *body, *r;

	if (!by) {
		json_decref(coop);
		return false;
	}
	while (k + 1 < N_OF(s_sources) && w >= s_sources[k].weight)
		w -= s_sources[k++].weight;
	s_date(t, month);
	snprintf(title, sizeof title, "%s tháng %.2s/%.4s", s_titles[gen_rand(N_OF(s_titles))], month + 5, month);
	snprintf(ref, sizeof ref, s_sources[k].ref, 1 + gen_rand(400));
	body =
	    json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "title", title, "lead", lead, "deadline", date, "priority",
	              p < 70   ? "normal"
	              : p < 92 ? "high"
	                       : "urgent",
	              "source", s_sources[k].source, "ref", ref, "description",
	              "Thực hiện và báo cáo kết quả về người giao nhiệm vụ trước hạn.");
	if (coop && json_array_size(coop))
		json_object_set(body, "coop", coop);
	if (parent)
		json_object_set_new(body, "parent", json_string(parent));
	json_decref(coop);
	if (!(r = gen_run(by, t, MSG_task_add, body)))
		return false;
	snprintf(code, 32, "%s", json_string_value(json_object_get(r, "code")) ?: "");
	json_decref(r);
	s_count++;
	return *code != 0;
}

static int64_t s_life(const char *code, int64_t lead, const gen_actor_t *by, int64_t t, int64_t due,
                      const gen_unit_t *split, size_t nsplit);

/* The lead district's leader splits task `code` (due at due) into two or
 * three sub-tasks for its communes at about t. Returns the moment of the
 * last step any of them took. */
static int64_t s_split(const char *code, int64_t district, int64_t t, int64_t due, const gen_unit_t *communes, size_t n)
{
	const gen_actor_t *leader = gen_actor(district, ROLE_LEADER);
	unsigned nsub = 2 + gen_rand(2), first = gen_rand((unsigned)n);
	int64_t last = t;

	for (unsigned k = 0; k < nsub && k < n; k++) {
		const gen_unit_t *c = &communes[(first + k) % n];
		int64_t at = gen_working(t + 600 + gen_rand(DAY));
		char date[16], sub[32];
		int64_t sdue;

		if (at >= s_end)
			break;
		sdue = wf_day_end(s_date(due - (int64_t)gen_rand(4) * DAY, date));
		if (sdue < at + DAY) /* too close: the parent's own date */
			sdue = wf_day_end(s_date(due, date));
		if (sdue > at && s_assign(leader, at, c->code, NULL, date, code, sub)) {
			int64_t end = s_life(sub, c->id, leader, at, sdue, NULL, 0);
			last = end > last ? end : last;
		}
	}
	return last;
}

/* Carry task `code`, led by unit `lead` and assigned by `by` at t, due at
 * due, through its life as far as the period goes: start; split among
 * `split` (n communes) when given; one to three progress reports; now and
 * then an extension asked for (granted or refused); completion, most of
 * it on time; now and then returned for more work; accepted. A few are
 * cancelled instead. Returns the moment of its last step. */
static int64_t s_life(const char *code, int64_t lead, const gen_actor_t *by, int64_t t, int64_t due,
                      const gen_unit_t *split, size_t nsplit)
{
	const gen_actor_t *a = gen_actor(lead, ROLE_SPECIALIST);
	/* completion at 45–110 % of the time given: about one in seven late */
	int64_t created = t, finish = created + (due - created) * (45 + (int64_t)gen_rand(66)) / 100;
	int nrep = 1 + (int)gen_rand(3);
	char note[160], date[16];

	if (!s_step(a, &t, 1800 + gen_rand(16 * 3600), MSG_task_act, s_act(code, "start", NULL)))
		return t;
	if (gen_rand(100) < 3) {
		s_step(by, &t, DAY + gen_rand(10 * DAY), MSG_task_act,
		       s_act(code, "cancel", "Nội dung đã được giải quyết trong nhiệm vụ khác"));
		return t;
	}
	if (nsplit) {
		int64_t last = s_split(code, lead, t, due, split, nsplit);
		finish = last + 3600 > finish ? last + 3600 : finish;
	}
	for (int k = 0; k < nrep; k++) {
		int64_t gap = (finish - t) / (nrep + 1 - k);
		int pct = (k + 1) * 90 / (nrep + 1) + (int)gen_rand(9);
		gap = gap > 3600 ? gap : 3600;
		snprintf(note, sizeof note, "Đã thực hiện được %d%% khối lượng, đang tiếp tục triển khai", pct);
		if (!s_step(a, &t, gap / 2 + gen_rand((unsigned)(gap / 2)), MSG_task_report,
		            json_pack("{s:s, s:i, s:s}", "code", code, "percent", pct, "note", note)))
			return t;
	}
	if (gen_rand(100) < 12) {
		int64_t more = (7 + (int64_t)gen_rand(15)) * DAY;
		if (!s_step(a, &t, 3600 + gen_rand(DAY), MSG_task_act,
		            json_pack("{s:s, s:s, s:s, s:s}", "code", code, "action", "request_extension", "note",
		                      "Khối lượng công việc lớn, đề nghị gia hạn", "new_deadline",
		                      s_date(due + more, date))))
			return t;
		if (gen_rand(4)) {
			if (!s_step(by, &t, 3600 + gen_rand(2 * DAY), MSG_task_act, s_act(code, "grant", NULL)))
				return t;
			finish += more;
		} else if (!s_step(by, &t, 3600 + gen_rand(2 * DAY), MSG_task_act,
		                   s_act(code, "refuse", "Đề nghị hoàn thành đúng hạn đã giao")))
			return t;
	}
	if (!s_step(a, &t, finish - t, MSG_task_act, s_act(code, "done", "Đã hoàn thành, gửi báo cáo kết quả")))
		return t;
	if (gen_rand(100) < 10 && (!s_step(by, &t, 3600 + gen_rand(2 * DAY), MSG_task_act,
	                                   s_act(code, "return", "Đề nghị bổ sung số liệu chi tiết")) ||
	                           !s_step(a, &t, DAY + gen_rand(3 * DAY), MSG_task_act,
	                                   s_act(code, "done", "Đã bổ sung số liệu theo yêu cầu"))))
		return t;
	s_step(by, &t, 1800 + gen_rand(3 * DAY), MSG_task_act, s_act(code, "accept", NULL));
	return t;
}

/* Codes of up to n units of list (of len), other than skip, chosen at
 * random, as a JSON array. */
static json_t *s_coop(const gen_unit_t *list, size_t len, unsigned n, const gen_unit_t *skip)
{
	json_t *a = json_array();
	for (unsigned k = 0; k < n && len > 1; k++) {
		const gen_unit_t *u = &list[gen_rand((unsigned)len)];
		if (u != skip)
			json_array_append_new(a, json_string(u->code));
	}
	return a;
}

size_t gen_tasks(long n, int64_t start, int64_t end, const gen_units_t *districts, const gen_units_t *communes)
{
	size_t nd = districts->n, *lo = calloc(nd, sizeof *lo), *cnt = calloc(nd, sizeof *cnt), split = 0;
	const gen_actor_t *province = gen_actor(districts->u[0].parent, ROLE_LEADER);
	int64_t t0 = stats_now_us();

	if (!forms_workflow(catalog_forms(), "task")) { /* a forms/ from before tasks */
		fprintf(stderr, "scalegen: the data directory's forms have no task workflow (workflows/task.yaml): "
		                "point config.json's \"forms\" at a forms/ that has one\n");
		free(lo);
		free(cnt);
		return 0;
	}
	s_end = end;
	s_count = 0;
	/* each district's communes: added right after it, so one run of ids */
	for (size_t d = 0; d < nd; d++)
		for (size_t i = 0; i < communes->n; i++)
			if (communes->u[i].parent == districts->u[d].id && !cnt[d]++)
				lo[d] = i;
	for (long i = 0; s_count < (size_t)n && i < 2 * n; i++) {
		int64_t t = gen_working(start + (int64_t)((double)s_count / (double)n * (double)(end - start - DAY)));
		size_t d = gen_rand((unsigned)nd), before = s_count;
		const gen_unit_t *dist = &districts->u[d], *comm = communes->u + lo[d];
		char date[16], code[32];
		int64_t due = wf_day_end(s_date(t + (7 + (int64_t)gen_rand(39)) * DAY, date));

		if (t >= end)
			break;
		if (!cnt[d])
			continue;
		if (gen_rand(100) < 12 && province) { /* the province to a district */
			bool halves = gen_rand(2) == 0;
			if (s_assign(province, t, dist->code, s_coop(districts->u, nd, gen_rand(3), dist), date, NULL,
			             code))
				s_life(code, dist->id, province, t, due, halves ? comm : NULL, halves ? cnt[d] : 0);
			split += s_count - before > 1 ? s_count - before - 1 : 0;
		} else { /* a district to one of its communes */
			const gen_unit_t *c = &comm[gen_rand((unsigned)cnt[d])];
			const gen_actor_t *leader = gen_actor(dist->id, ROLE_LEADER);
			if (s_assign(leader, t, c->code, s_coop(comm, cnt[d], gen_rand(5) == 0, c), date, NULL, code))
				s_life(code, c->id, leader, t, due, NULL, 0);
		}
		if (s_count / 5000 != before / 5000)
			fprintf(stderr, "scalegen: %zu tasks, %zu of them sub-tasks (%.0f s)\n", s_count, split,
			        (stats_now_us() - t0) / 1e6);
	}
	free(lo);
	free(cnt);
	return s_count;
}
