/* main.c — congvud's command table: init, serve, admin. */
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "restore.h"
#include "server.h"

static int s_forms(int argc, char **argv);

static const struct {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *usage;
} s_cmds[] = {
	{"init", server_init, "init DIR                      tạo thư mục dữ liệu, khóa máy chủ và cơ sở dữ liệu"},
	{"serve", server_serve, "serve DIR [--listen ENDPOINT] chạy máy chủ (mặc định tcp://127.0.0.1:7450)"},
	{"admin", server_admin, "admin DIR LỆNH...             quản trị trên máy chủ (congvud admin DIR help)"},
	{"forms", s_forms, "forms check DIR               kiểm tra thủ tục, quy trình và lịch trong DIR"},
	{"restore", server_restore, "restore FILE DIR              khôi phục bản sao lưu FILE vào DIR (kiểm tra trước)"},
	{"upgrade", server_upgrade, "upgrade DIR                   nâng cấp cơ sở dữ liệu một lần, sao lưu bản cũ"},
};

static int s_forms(int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "check") != 0) {
		fprintf(stderr, "Cách dùng: congvud forms check DIR\n");
		return EX_USAGE;
	}
	return server_forms_check(argc - 1, argv + 1);
}

static int s_usage(FILE *f, int rc)
{
	fprintf(f, "congvud %s — máy chủ hệ thống điều hành công vụ congvu\n\nCách dùng:\n", CONGVU_VERSION);
	for (size_t i = 0; i < sizeof s_cmds / sizeof s_cmds[0]; i++)
		fprintf(f, "  congvud %s\n", s_cmds[i].usage);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return s_usage(stderr, EX_USAGE);
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help"))
		return s_usage(stdout, EX_OK);
	if (!strcmp(argv[1], "--version")) {
		printf("congvud %s (giao thức %d)\n", CONGVU_VERSION, PROTO_VERSION);
		return EX_OK;
	}
	for (size_t i = 0; i < sizeof s_cmds / sizeof s_cmds[0]; i++)
		if (!strcmp(argv[1], s_cmds[i].name))
			return s_cmds[i].run(argc - 1, argv + 1);
	fprintf(stderr, "congvud: lệnh không có: %s\n", argv[1]);
	return s_usage(stderr, EX_USAGE);
}
