/* notice_gw.c — the gateway a notice leaves by (notice.h), on the notice
 * thread: e-mail through SMTP with libcurl (a MIME text/plain part in
 * UTF-8, base64, the subject encoded as RFC 2047 words); SMS or Zalo
 * through a command the operator configures (argv split on spaces, "{to}"
 * the number, the message on its stdin, exit status 0 = taken) or an HTTP
 * endpoint (POST {"to","text"} as JSON, a 2xx answer = taken). Nothing
 * here touches the database or the loop's state. */
#include "notice.h"

#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

void notice_gw_from(notice_gw_t *gw, const srv_config_t *cfg)
{
	memset(gw, 0, sizeof *gw);
	snprintf(gw->smtp_url, sizeof gw->smtp_url, "%s", cfg->notice_smtp_url);
	snprintf(gw->smtp_from, sizeof gw->smtp_from, "%s", cfg->notice_smtp_from);
	snprintf(gw->smtp_user, sizeof gw->smtp_user, "%s", cfg->notice_smtp_user);
	snprintf(gw->smtp_password, sizeof gw->smtp_password, "%s", cfg->notice_smtp_password);
	snprintf(gw->sms_command, sizeof gw->sms_command, "%s", cfg->notice_sms_command);
	snprintf(gw->sms_url, sizeof gw->sms_url, "%s", cfg->notice_sms_url);
	gw->timeout = cfg->notice_timeout_seconds > 0 ? cfg->notice_timeout_seconds : 30;
}

bool notice_gw_has(const notice_gw_t *gw, const char *channel)
{
	if (!strcmp(channel, "email"))
		return gw->smtp_url[0] && gw->smtp_from[0];
	return !strcmp(channel, "sms") && (gw->sms_command[0] || gw->sms_url[0]);
}

/* s in base64, a line break every `wrap` characters (0: none). */
static void s_base64(FILE *b, const unsigned char *s, size_t n, size_t wrap)
{
	static const char a[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t col = 0;

	for (size_t i = 0; i < n; i += 3) {
		unsigned v = (unsigned)s[i] << 16 | (i + 1 < n ? (unsigned)s[i + 1] << 8 : 0) | (i + 2 < n ? s[i + 2] : 0);
		char q[4] = {a[v >> 18 & 63], a[v >> 12 & 63], i + 1 < n ? a[v >> 6 & 63] : '=', i + 2 < n ? a[v & 63] : '='};
		fwrite(q, 1, 4, b);
		if (wrap && (col += 4) >= wrap && i + 3 < n) {
			fputs("\r\n", b);
			col = 0;
		}
	}
}

/* The subject as RFC 2047 encoded words of whole characters, each under
 * the 75-character limit, folded. */
static void s_subject(FILE *b, const char *s)
{
	size_t n = strlen(s);

	fputs("Subject:", b);
	for (size_t i = 0; i < n;) {
		size_t k = n - i < 42 ? n - i : 42;
		while (i + k < n && ((unsigned char)s[i + k] & 0xC0) == 0x80) /* not inside a character */
			k--;
		fputs(i ? "\r\n =?UTF-8?B?" : " =?UTF-8?B?", b);
		s_base64(b, (const unsigned char *)s + i, k, 0);
		fputs("?=", b);
		i += k;
	}
	fputs("\r\n", b);
}

/* The whole message, headers and body, with CRLF line ends; malloc'd. */
static char *s_mail(const notice_gw_t *gw, int64_t id, const char *to, const char *subject, const char *body)
{
	char *buf = NULL, date[64];
	size_t len = 0;
	time_t now = time(NULL);
	struct tm tm;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		return NULL;
	strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", gmtime_r(&now, &tm));
	fprintf(f, "Date: %s\r\nFrom: <%s>\r\nTo: <%s>\r\nMessage-ID: <notice-%lld-%lld@congvu>\r\n", date,
		gw->smtp_from, to, (long long)id, (long long)now);
	s_subject(f, subject);
	fputs("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
	      "Content-Transfer-Encoding: base64\r\n\r\n",
	      f);
	s_base64(f, (const unsigned char *)body, strlen(body), 76);
	fputs("\r\n", f);
	if (fclose(f) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

typedef struct {
	const char *p;
	size_t left;
} rd_t;

static size_t s_read(char *out, size_t size, size_t nmemb, void *arg)
{
	rd_t *r = arg;
	size_t n = size * nmemb < r->left ? size * nmemb : r->left;

	memcpy(out, r->p, n);
	r->p += n;
	r->left -= n;
	return n;
}

static size_t s_sink(char *p, size_t size, size_t nmemb, void *arg)
{
	(void)p;
	(void)arg;
	return size * nmemb;
}

static int s_email(const notice_gw_t *gw, int64_t id, const char *to, const char *subject, const char *body,
		   char *err, size_t n)
{
	char *msg = s_mail(gw, id, to, subject, body), from[300], ebuf[CURL_ERROR_SIZE] = "";
	CURL *h = msg ? curl_easy_init() : NULL;
	struct curl_slist *rcpt = NULL;
	rd_t rd = {msg, msg ? strlen(msg) : 0};
	CURLcode rc = CURLE_OUT_OF_MEMORY;

	if (h) {
		snprintf(from, sizeof from, "<%s>", gw->smtp_from);
		rcpt = curl_slist_append(NULL, to);
		curl_easy_setopt(h, CURLOPT_URL, gw->smtp_url);
		curl_easy_setopt(h, CURLOPT_MAIL_FROM, from);
		curl_easy_setopt(h, CURLOPT_MAIL_RCPT, rcpt);
		if (gw->smtp_user[0]) {
			curl_easy_setopt(h, CURLOPT_USERNAME, gw->smtp_user);
			curl_easy_setopt(h, CURLOPT_PASSWORD, gw->smtp_password);
			curl_easy_setopt(h, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL); /* never a password in clear */
		}
		curl_easy_setopt(h, CURLOPT_READFUNCTION, s_read);
		curl_easy_setopt(h, CURLOPT_READDATA, &rd);
		curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
		curl_easy_setopt(h, CURLOPT_TIMEOUT, (long)gw->timeout);
		curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
		curl_easy_setopt(h, CURLOPT_ERRORBUFFER, ebuf);
		rc = curl_easy_perform(h);
		curl_slist_free_all(rcpt);
		curl_easy_cleanup(h);
	}
	free(msg);
	if (rc != CURLE_OK)
		snprintf(err, n, "SMTP: %s", ebuf[0] ? ebuf : curl_easy_strerror(rc));
	return rc == CURLE_OK ? 0 : -1;
}

static int s_http(const notice_gw_t *gw, const char *to, const char *text, char *err, size_t n)
{
	json_t *j = json_pack("{s:s, s:s}", "to", to, "text", text);
	char *payload = j ? json_dumps(j, JSON_COMPACT) : NULL, ebuf[CURL_ERROR_SIZE] = "";
	CURL *h = payload ? curl_easy_init() : NULL;
	struct curl_slist *hdr = NULL;
	CURLcode rc = CURLE_OUT_OF_MEMORY;
	long status = 0;

	json_decref(j);
	if (h) {
		hdr = curl_slist_append(NULL, "Content-Type: application/json; charset=utf-8");
		curl_easy_setopt(h, CURLOPT_URL, gw->sms_url);
		curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdr);
		curl_easy_setopt(h, CURLOPT_POSTFIELDS, payload);
		curl_easy_setopt(h, CURLOPT_TIMEOUT, (long)gw->timeout);
		curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
		curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, s_sink);
		curl_easy_setopt(h, CURLOPT_ERRORBUFFER, ebuf);
		if ((rc = curl_easy_perform(h)) == CURLE_OK)
			curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
		curl_slist_free_all(hdr);
		curl_easy_cleanup(h);
	}
	free(payload);
	if (rc != CURLE_OK)
		snprintf(err, n, "HTTP: %s", ebuf[0] ? ebuf : curl_easy_strerror(rc));
	else if (status < 200 || status > 299)
		snprintf(err, n, "HTTP: cổng tin nhắn trả lời %ld", status);
	return rc == CURLE_OK && status >= 200 && status <= 299 ? 0 : -1;
}

/* The command's exit status once it has read text on its stdin; killed
 * when it takes longer than the timeout. */
static int s_command(const notice_gw_t *gw, const char *to, const char *text, char *err, size_t n)
{
	char line[sizeof gw->sms_command], *argv[32], *save = NULL;
	int argc = 0, in[2], st = 0;
	pid_t pid;

	snprintf(line, sizeof line, "%s", gw->sms_command);
	for (char *w = strtok_r(line, " ", &save); w && argc < 31; w = strtok_r(NULL, " ", &save))
		argv[argc++] = !strcmp(w, "{to}") ? (char *)to : w;
	argv[argc] = NULL;
	if (!argc || pipe2(in, O_CLOEXEC) != 0) {
		snprintf(err, n, "SMS: không chạy được lệnh");
		return -1;
	}
	if ((pid = fork()) == 0) {
		dup2(in[0], 0);
		execv(argv[0], argv);
		_exit(127);
	}
	close(in[0]);
	if (pid > 0) {
		size_t len = strlen(text);
		for (size_t off = 0; off < len;) {
			ssize_t w = write(in[1], text + off, len - off);
			if (w <= 0 && errno != EINTR)
				break;
			off += w > 0 ? (size_t)w : 0;
		}
	}
	close(in[1]);
	if (pid < 0) {
		snprintf(err, n, "SMS: không chạy được lệnh: %s", strerror(errno));
		return -1;
	}
	for (int waited = 0; waitpid(pid, &st, WNOHANG) == 0; waited++) {
		if (waited >= gw->timeout * 10) {
			kill(pid, SIGKILL);
			waitpid(pid, &st, 0);
			snprintf(err, n, "SMS: lệnh quá %d giây", gw->timeout);
			return -1;
		}
		poll(NULL, 0, 100);
	}
	if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
		return 0;
	snprintf(err, n, "SMS: lệnh %s kết thúc với mã %d", argv[0], WIFEXITED(st) ? WEXITSTATUS(st) : -1);
	return -1;
}

int notice_gw_send(const notice_gw_t *gw, int64_t id, const char *channel, const char *to, const char *subject,
		   const char *body, char *err, size_t n)
{
	err[0] = 0;
	if (!notice_gw_has(gw, channel)) {
		snprintf(err, n, "Chưa cấu hình cổng gửi %s", channel);
		return -1;
	}
	if (!strcmp(channel, "email"))
		return s_email(gw, id, to, subject, body, err, n);
	return gw->sms_command[0] ? s_command(gw, to, body, err, n) : s_http(gw, to, body, err, n);
}
