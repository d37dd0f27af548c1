/* config.c — XDG paths, the pinned server (server.json) and the device key
 * pair, and a little state (the last user name). */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* mkdir -p with mode 0700. */
static int s_mkdirs(char *path)
{
	for (char *p = path + 1; *p; p++)
		if (*p == '/') {
			*p = 0;
			mkdir(path, 0700);
			*p = '/';
		}
	return mkdir(path, 0700) == 0 || errno == EEXIST ? 0 : -1;
}

/* $VAR/congvu, or $HOME/fallback/congvu. */
static int s_dir(char *out, size_t n, const char *var, const char *fallback, int create)
{
	const char *base = getenv(var), *home = getenv("HOME");
	int w;

	if (base && *base)
		w = snprintf(out, n, "%s/congvu", base);
	else if (home && *home)
		w = snprintf(out, n, "%s/%s/congvu", home, fallback);
	else
		return -1;
	if (w >= (int)n)
		return -1;
	return create ? s_mkdirs(out) : 0;
}

int config_dir(char *out, size_t n, int create) { return s_dir(out, n, "XDG_CONFIG_HOME", ".config", create); }
int state_dir(char *out, size_t n, int create) { return s_dir(out, n, "XDG_STATE_HOME", ".local/state", create); }
int cache_dir(char *out, size_t n, int create) { return s_dir(out, n, "XDG_CACHE_HOME", ".cache", create); }

int config_load(conn_cfg_t *cfg, char *err, size_t n)
{
	char dir[3800], path[4096];
	json_t *j;
	const char *ep, *key;
	int k;

	memset(cfg, 0, sizeof *cfg);
	if (config_dir(dir, sizeof dir, 0) != 0) {
		snprintf(err, n, "không xác định được thư mục cấu hình (đặt HOME hoặc XDG_CONFIG_HOME)");
		return -1;
	}
	snprintf(path, sizeof path, "%s/server.json", dir);
	j = json_load_file(path, 0, NULL);
	ep = json_string_value(json_object_get(j, "endpoint"));
	key = json_string_value(json_object_get(j, "server_key"));
	if (!ep || !key || !keys_valid_z85(key) || strlen(ep) >= sizeof cfg->endpoint) {
		json_decref(j);
		snprintf(err, n, "thiết bị chưa được đăng ký: chạy \"congvu enroll LỜI_MỜI\" với lời mời do quản trị viên cấp");
		return -1;
	}
	snprintf(cfg->endpoint, sizeof cfg->endpoint, "%s", ep);
	snprintf(cfg->server_pub, sizeof cfg->server_pub, "%s", key);
	json_decref(j);
	snprintf(path, sizeof path, "%s/device.key", dir);
	if ((k = keys_load(&cfg->key, path)) != 0) {
		snprintf(err, n,
			 k == -2 ? "khóa bí mật %s có thể bị người khác đọc: chạy chmod 600 trước"
				 : "không đọc được khóa thiết bị %s: đăng ký lại bằng \"congvu enroll\"",
			 path);
		return k == -2 ? -2 : -1;
	}
	return 0;
}

int config_save_server(const conn_cfg_t *cfg)
{
	char dir[3800], path[4096];
	json_t *j = json_pack("{s:s, s:s}", "endpoint", cfg->endpoint, "server_key", cfg->server_pub);
	int rc = -1;

	if (j && config_dir(dir, sizeof dir, 1) == 0) {
		snprintf(path, sizeof path, "%s/server.json", dir);
		rc = json_dump_file(j, path, JSON_INDENT(2));
	}
	json_decref(j);
	return rc;
}

void state_set_last_user(const char *user)
{
	char dir[3800], path[4096];
	FILE *f;

	if (state_dir(dir, sizeof dir, 1) != 0)
		return;
	snprintf(path, sizeof path, "%s/last_user", dir);
	if ((f = fopen(path, "we"))) {
		fprintf(f, "%s\n", user);
		fclose(f);
	}
}

int state_last_user(char *out, size_t n)
{
	char dir[3800], path[4096];
	FILE *f;
	int rc = -1;

	if (state_dir(dir, sizeof dir, 0) != 0)
		return -1;
	snprintf(path, sizeof path, "%s/last_user", dir);
	if ((f = fopen(path, "re"))) {
		if (fgets(out, (int)n, f)) {
			out[strcspn(out, "\n")] = 0;
			rc = out[0] ? 0 : -1;
		}
		fclose(f);
	}
	return rc;
}
