/* mangen.c — the man pages congvu(1) and congvud(8), made at build time
 * from the programs' own help (piped in: `congvu --help`, `congvud --help`
 * and `congvud admin - help`) and, for each command the help lists, the
 * usage `congvu help COMMAND` prints (args_usage over shared/proto_msgs.def).
 * A command added to the table is in the page at the next build; a page
 * cannot say what the help does not.
 * Usage: HELP | mangen congvu|congvud > PAGE */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "proto.h"

/* What the help does not say: the page's fixed sections, in roff. */
static const struct {
	const char *name, *section, *what, *synopsis, *description, *rest;
} s_pages[] = {
    {"congvu", "1", "terminal client of the congvu office system",
     ".B congvu\n[\\-\\-lang vi|en] [\\-\\-json|\\-\\-csv] [\\fICOMMAND\\fR ...]\n",
     "An official's terminal for one-stop dossiers, tasks, directives and reports. Without a\n"
     "command it opens the full-screen interface; with one it runs that command against the\n"
     "server and prints the reply (data on standard output, errors on standard error with a\n"
     "stable code in brackets). A terminal is enrolled once with the invite an administrator\n"
     "makes (\\fBcongvud admin\\fR \\fIDIR\\fR \\fBdevice invite\\fR), then officials log in on it.\n"
     "The interface speaks Vietnamese; \\fB\\-\\-lang en\\fR switches to English.\n",
     ".SH ENVIRONMENT\n"
     ".TP\n.B XDG_CONFIG_HOME\nthe device key and the pinned server key (\\fIcongvu/\\fR below it)\n"
     ".TP\n.B XDG_STATE_HOME\nthe session's state and the requests not yet answered\n"
     ".TP\n.B CONGVU_LANG\nvi or en, as \\fB\\-\\-lang\\fR\n"
     ".TP\n.B CONGVU_LOCALEDIR\nwhere the message catalogs are, instead of the installed ones\n"
     ".SH EXIT STATUS\nAs sysexits(3): 0 success, 64 usage, 65 bad data, 66 not found, 69 cannot connect,\n"
     "75 try again later, 77 not allowed, 78 configuration.\n"
     ".SH SEE ALSO\n.BR congvud (8),\n.BR congvu-forms (5)\n"},
    {"congvud", "8", "server of the congvu office system", ".B congvud\n\\fICOMMAND\\fR [\\fIARGS\\fR ...]\n",
     "Holds a province's data (one SQLite database in a data directory), every rule about who\n"
     "may do what, and serves \\fBcongvu\\fR(1) terminals over CurveZMQ. \\fBinit\\fR makes a data\n"
     "directory (mode 0700, the server's key pair, the database, \\fIconfig.json\\fR);\n"
     "\\fBserve\\fR runs the daemon; \\fBadmin\\fR runs console commands on a data directory, also\n"
     "while the daemon serves it; \\fBrestore\\fR puts a backup in place only after the\n"
     "database's integrity check and the audit chain pass; \\fBupgrade\\fR migrates the database\n"
     "of an older version once, all or nothing, after a copy of it.\n",
     ".SH SIGNALS\n"
     ".TP\n.B SIGHUP\nreload forms/ (the old set stays when the new one has an error)\n"
     ".TP\n.BR SIGTERM \", \" SIGINT\nfinish the requests in flight, close the database, exit 0\n"
     ".SH SYSTEMD\n\\fIcongvud.service\\fR runs \\fBcongvud serve /var/lib/congvu\\fR as the user congvu\n"
     "(Type=notify: ready once it listens); \\fIcongvu\\-backup.timer\\fR makes a daily online\n"
     "backup in \\fI/var/backups/congvu\\fR and keeps the newest \\fBKEEP\\fR (14) of them\n"
     "(\\fI/etc/default/congvu\\-backup\\fR). The daemon logs one line per event to standard error\n"
     "(the journal).\n"
     ".SH FILES\n"
     ".TP\n.I /var/lib/congvu/congvu.db\nthe database\n"
     ".TP\n.I /var/lib/congvu/server.key\nthe server's secret key (0600; congvud refuses to start otherwise)\n"
     ".TP\n.I /var/lib/congvu/config.json\nsettings: limits, listen and advertised endpoints, the forms directory\n"
     ".TP\n.I /etc/congvu/forms\nthe province's procedures, workflows and calendar; see \\fBcongvu\\-forms\\fR(5)\n"
     ".TP\n.I /usr/share/congvu/forms\nthe shipped set, copied to /etc/congvu/forms at the first install\n"
     ".SH ENVIRONMENT\n.TP\n.B CONGVU_FORMS\nthe forms directory a new \\fIconfig.json\\fR names, instead of "
     "/etc/congvu/forms\n"
     ".SH SEE ALSO\n.BR congvu (1),\n.BR congvu-forms (5)\n"},
};

/* One line of help text as roff, verbatim (inside .nf). */
static void s_verbatim(const char *line)
{
	if (*line == '.' || *line == '\'')
		fputs("\\&", stdout);
	for (const char *p = line; *p && *p != '\n'; p++)
		if (*p == '\\')
			fputs("\\e", stdout);
		else if (*p == '-')
			fputs("\\-", stdout);
		else
			putchar(*p);
	putchar('\n');
}

/* The usage of a message as `congvu help COMMAND` prints it. */
static void s_usage(const char *prog, const proto_def_t *d)
{
	char *buf = NULL, *line, *save = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		exit(1);
	args_usage(f, prog, d);
	fclose(f);
	printf(".PP\n.nf\n");
	for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		s_verbatim(line);
	printf(".fi\n");
	free(buf);
}

/* A help line "  congvu WORDS   summary" naming a message: that message. */
static const proto_def_t *s_listed(const char *prog, const char *line)
{
	char copy[512], *argv[8], *save = NULL, *w;
	int argc = 0, used = 0;
	size_t n = strlen(prog);

	while (*line == ' ')
		line++;
	if (strncmp(line, prog, n) != 0 || line[n] != ' ')
		return NULL;
	snprintf(copy, sizeof copy, "%s", line + n + 1);
	for (w = strtok_r(copy, " \n", &save); w && argc < 7; w = strtok_r(NULL, " \n", &save))
		argv[argc++] = w;
	argv[argc] = NULL;
	return argc ? args_lookup(argc, argv, &used) : NULL;
}

int main(int argc, char **argv)
{
	char line[1024], *help = NULL;
	size_t hlen = 0, p;
	FILE *h;

	for (p = 0; argc == 2 && p < sizeof s_pages / sizeof s_pages[0]; p++)
		if (!strcmp(argv[1], s_pages[p].name))
			break;
	if (argc != 2 || p == sizeof s_pages / sizeof s_pages[0]) {
		fprintf(stderr, "Usage: HELP | mangen congvu|congvud\n");
		return 64;
	}
	if (!(h = open_memstream(&help, &hlen)))
		return 1;
	while (fgets(line, sizeof line, stdin))
		fputs(line, h);
	fclose(h);
	printf(".TH %s %s \"\" \"congvu %s\" \"congvu\"\n", s_pages[p].name, s_pages[p].section, CONGVU_VERSION);
	printf(".SH NAME\n%s \\- %s\n.SH SYNOPSIS\n%s.SH DESCRIPTION\n%s", s_pages[p].name, s_pages[p].what,
	       s_pages[p].synopsis, s_pages[p].description);
	printf(".SH USAGE\nAs \\fB%s \\-\\-help\\fR prints it:\n.PP\n.nf\n", s_pages[p].name);
	for (char *l = help, *e; *l; l = *e ? e + 1 : e) {
		e = strchrnul(l, '\n');
		s_verbatim(l);
	}
	printf(".fi\n");
	/* the help again: each command of the message table it lists, in full;
	 * congvud's admin help already lists its commands in full */
	if (!strcmp(s_pages[p].name, "congvu")) {
		printf(".SH COMMANDS\nEach as \\fBcongvu help\\fR \\fICOMMAND\\fR prints it.\n");
		for (char *l = help, *e; *l; l = *e ? e + 1 : e) {
			const proto_def_t *d;
			e = strchrnul(l, '\n');
			snprintf(line, sizeof line, "%.*s", (int)(e - l), l);
			if ((d = s_listed(s_pages[p].name, line)))
				s_usage(s_pages[p].name, d);
		}
	}
	free(help);
	fputs(s_pages[p].rest, stdout);
	return 0;
}
