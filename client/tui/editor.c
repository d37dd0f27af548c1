/* editor.c — long text written in the official's own text editor
 * ($VISUAL, $EDITOR, else nano or vi), the way mail and version-control
 * programs do: the text goes to a private temporary file, the screen is
 * handed to the editor until it exits, and the file is read back. A draft
 * of several articles is typed there, not on a one-line field. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "file_read.h"
#include "i18n.h"
#include "screen.h"
#include "text.h"

/* The editor's command: $VISUAL, $EDITOR, else the first of nano and vi
 * found on PATH (sh's command -v decides). */
static const char *s_editor(void)
{
	const char *e = getenv("VISUAL");

	if (!e || !*e)
		e = getenv("EDITOR");
	if (e && *e)
		return e;
	return system("command -v nano >/dev/null 2>&1") == 0 ? "nano" : "vi";
}

/* Write text to a new private file (0600) under $TMPDIR: its path in buf. */
static int s_write(const char *text, char *buf, size_t n)
{
	const char *dir = getenv("TMPDIR");
	size_t len = strlen(text);
	int fd;

	snprintf(buf, n, "%s/congvu-van-ban-XXXXXX.txt", dir && *dir ? dir : "/tmp");
	if ((fd = mkstemps(buf, 4)) < 0)
		return -1;
	if (write(fd, text, len) != (ssize_t)len || (len && text[len - 1] != '\n' && write(fd, "\n", 1) != 1)) {
		close(fd);
		unlink(buf);
		return -1;
	}
	return close(fd);
}

char *tui_edit_text(tui_t *t, const char *text)
{
	char path[4096], *out = NULL;
	unsigned char *buf = NULL;
	size_t len = 0;
	pid_t pid;
	int status = -1;

	if (s_write(text ? text : "", path, sizeof path) != 0) {
		tui_msg(t, true, _("Không tạo được tệp tạm để soạn: %s"), strerror(errno));
		return NULL;
	}
	def_prog_mode();
	endwin();
	if ((pid = fork()) == 0) {
		execl("/bin/sh", "sh", "-c", "exec $0 \"$1\"", s_editor(), path, (char *)NULL);
		_exit(127);
	}
	while (pid > 0 && waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	reset_prog_mode();
	tui_repaint(t);
	if (pid < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		tui_msg(t, true, _("Trình soạn thảo %s không kết thúc bình thường; nội dung không đổi."), s_editor());
	} else if (file_read(path, &buf, &len) != 0) {
		tui_msg(t, true, _("Không đọc lại được tệp đã soạn: %s"), strerror(errno));
	} else {
		while (len && (buf[len - 1] == '\n' || buf[len - 1] == '\r')) /* the editor's last newline */
			len--;
		if (!(out = text_nfc((const char *)buf, len, NULL)))
			tui_msg(t, true, "%s", _("Tệp đã soạn không phải văn bản UTF-8; nội dung không đổi."));
	}
	free(buf);
	unlink(path);
	return out;
}
