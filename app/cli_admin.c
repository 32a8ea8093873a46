/* hearth pin set, hearth session open|close */
#include "cli.h"

#include "core/clock.h"
#include "core/i18n.h"
#include "core/pin.h"
#include "store/store_session.h"
#include "svc/gate.h"
#include "svc/session.h"

#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

/* Reads one line without its newline; echo off when stdin is a terminal. */
static bool read_secret_line(const char *prompt, char *out, size_t n)
{
    bool tty = isatty(STDIN_FILENO);
    struct termios old, quiet;
    if (tty) {
        fputs(prompt, stderr);
        fflush(stderr);
        tcgetattr(STDIN_FILENO, &old);
        quiet = old;
        quiet.c_lflag &= ~(tcflag_t)ECHO;
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    bool ok = fgets(out, (int)n, stdin) != NULL;
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
        fputc('\n', stderr);
    }
    if (ok)
        out[strcspn(out, "\r\n")] = '\0';
    return ok;
}

int cli_verb_pin(CliContext *ctx, int argc, char **argv)
{
    if (argc != 2 || strcmp(argv[1], "set") != 0)
        return cli_usage("pin set   (the PIN is read from standard input)");
    char pin[64], again[64];
    if (!read_secret_line(_("New facilitator PIN (6 to 12 digits): "), pin, sizeof pin)) {
        cli_error(_("no PIN on standard input"));
        return CLI_ERROR;
    }
    if (!pin_is_valid(pin)) {
        cli_error(_("a PIN is 6 to 12 digits, nothing else"));
        return CLI_ERROR;
    }
    if (isatty(STDIN_FILENO)) {
        if (!read_secret_line(_("The same PIN again: "), again, sizeof again) ||
            strcmp(pin, again) != 0) {
            cli_error(_("the two PINs differ; nothing was changed"));
            return CLI_ERROR;
        }
    }
    Store *s = cli_open_store(ctx, true);
    if (!s)
        return CLI_ERROR;
    GateResult g = gate_set_pin(s, pin, clock_wall_ms());
    memset(pin, 0, sizeof pin);
    memset(again, 0, sizeof again);
    if (g != GATE_OK)
        cli_error("%s", store_error(s));
    else
        fprintf(stderr, "%s\n", _("The facilitator PIN is set."));
    store_close(s);
    return g == GATE_OK ? CLI_OK : CLI_ERROR;
}

int cli_verb_session(CliContext *ctx, int argc, char **argv)
{
    static const char usage[] = "session open --group NAME | session close";
    if (argc < 2)
        return cli_usage(usage);
    int64_t now = clock_wall_ms();
    if (!strcmp(argv[1], "open")) {
        const char *group = NULL;
        bool bad = false;
        for (int i = 2; i < argc && !bad; i++) {
            if (!cli_take_option(argc, argv, &i, "--group", &group, &bad)) {
                cli_error(_("unknown option %s"), argv[i]);
                bad = true;
            }
        }
        if (bad || !group)
            return cli_usage(usage);
        if (!store_group_name_valid(group)) {
            cli_error(_("a group name needs 1 to %d readable characters"), GROUP_NAME_MAX);
            return CLI_USAGE;
        }
        Store *s = cli_open_store(ctx, true);
        if (!s)
            return CLI_ERROR;
        SessionInfo info;
        StoreResult r = session_start(s, group, now, &info);
        int status = CLI_OK;
        if (r == STORE_OK) {
            printf(_("Session open for %s.\n"), info.group_name);
        } else if (r == STORE_EXISTS) {
            cli_error(_("a session is already open for %s; close it first"), info.group_name);
            status = CLI_ERROR;
        } else {
            cli_error("%s", store_error(s));
            status = CLI_ERROR;
        }
        store_close(s);
        return status;
    }
    if (!strcmp(argv[1], "close") && argc == 2) {
        Store *s = cli_open_store(ctx, false);
        if (!s)
            return CLI_ERROR;
        SessionInfo info;
        StoreResult r = session_finish(s, now, &info);
        int status = CLI_OK;
        if (r == STORE_OK) {
            printf(_("Session closed for %s.\n"), info.group_name);
        } else if (r == STORE_NOT_FOUND) {
            cli_error(_("no session is open"));
            status = CLI_ERROR;
        } else {
            cli_error("%s", store_error(s));
            status = CLI_ERROR;
        }
        store_close(s);
        return status;
    }
    return cli_usage(usage);
}
