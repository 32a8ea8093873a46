/* hearth pin set, hearth session open|close */
#include "cli.h"

#include "core/clock.h"
#include "core/i18n.h"
#include "core/pin.h"
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

/* hearth pin set [--force]: a PIN that exists is changed only with the
 * old one first (the line before the new one on standard input), or with
 * --force, which says so in the audit log: whoever can run this on the
 * kiosk could read the database anyway, but the log shows it happened. */
int cli_verb_pin(CliContext *ctx, int argc, char **argv)
{
    bool force = argc == 3 && !strcmp(argv[2], "--force");
    if (argc < 2 || argc > 3 || strcmp(argv[1], "set") != 0 || (argc == 3 && !force))
        return cli_usage("pin set [--force]   (the old PIN, then the new, from standard input)");
    Store *s = cli_open_store(ctx, true);
    if (!s)
        return CLI_ERROR;
    GateState st;
    GateResult g = gate_state(s, &st);
    if (g == GATE_ERROR) {
        cli_error("%s", store_error(s));
        store_close(s);
        return CLI_ERROR;
    }
    bool need_old = g == GATE_OK && !force;
    char old[64] = "", pin[64] = "", again[64] = "";
    int status = CLI_ERROR;
    if (need_old && !read_secret_line(_("Current facilitator PIN: "), old, sizeof old)) {
        cli_error(_("a PIN is set: give the current PIN first, or use --force"));
        goto out;
    }
    if (!read_secret_line(_("New facilitator PIN (6 to 12 digits): "), pin, sizeof pin)) {
        cli_error(need_old ? _("no new PIN on standard input after the current one")
                           : _("no PIN on standard input"));
        goto out;
    }
    if (!pin_is_valid(pin)) {
        cli_error(_("a PIN is 6 to 12 digits, nothing else"));
        goto out;
    }
    const char *weak = gate_pin_weakness(pin);
    if (weak) {
        cli_error("%s", weak);
        goto out;
    }
    if (isatty(STDIN_FILENO)) {
        if (!read_secret_line(_("The same PIN again: "), again, sizeof again) ||
            strcmp(pin, again) != 0) {
            cli_error(_("the two PINs differ; nothing was changed"));
            goto out;
        }
    }
    int64_t now = clock_wall_ms();
    if (need_old) {
        g = gate_change_pin(s, old, pin, now);
    } else {
        g = force && st.pin_set
                ? gate_set_pin_as(s, pin, now, "pin.force",
                                  "replaced from the command line without the old PIN")
                : gate_set_pin(s, pin, now);
    }
    if (g == GATE_OK) {
        fprintf(stderr, "%s\n", _("The facilitator PIN is set."));
        status = CLI_OK;
    } else if (g == GATE_WRONG) {
        cli_error(_("the current PIN is not right; nothing was changed"));
    } else if (g == GATE_LOCKED) {
        cli_error(_("too many wrong PINs: the PIN is locked for a while; nothing was changed"));
    } else {
        cli_error("%s", store_error(s));
    }
out:
    memset(old, 0, sizeof old);
    memset(pin, 0, sizeof pin);
    memset(again, 0, sizeof again);
    store_close(s);
    return status;
}

int cli_verb_session(CliContext *ctx, int argc, char **argv)
{
    static const char usage[] = "session open --group NAME [--new] | session close";
    if (argc < 2)
        return cli_usage(usage);
    int64_t now = clock_wall_ms();
    if (!strcmp(argv[1], "open")) {
        const char *group = NULL;
        bool bad = false, new_group = false;
        for (int i = 2; i < argc && !bad; i++) {
            if (!strcmp(argv[i], "--new")) {
                new_group = true;
            } else if (!cli_take_option(argc, argv, &i, "--group", &group, &bad)) {
                cli_error(_("unknown option %s"), argv[i]);
                bad = true;
            }
        }
        if (bad || !group)
            return cli_usage(usage);
        if (!group_name_valid(group)) {
            cli_error(_("a group name needs 1 to %d readable characters"), GROUP_NAME_MAX);
            return CLI_USAGE;
        }
        Store *s = cli_open_store(ctx, true);
        if (!s)
            return CLI_ERROR;
        /* a typo must not quietly start a second group and split its
         * trends: a name nearly an existing group's needs --new */
        char near[GROUP_NAME_SIZE];
        bool exists = false;
        StoreResult r = group_find_near_miss(s, group, &exists, near);
        if (r == STORE_OK && !new_group) {
            cli_error(_("there is no group named '%s', but there is '%s'. Give that name, or "
                        "add --new to start a new group named '%s'."),
                      group, near, group);
            store_close(s);
            return CLI_ERROR;
        }
        if (r < 0) {
            cli_error("%s", r == STORE_NOMEM ? _("out of memory") : store_error(s));
            store_close(s);
            return CLI_ERROR;
        }
        SessionInfo info;
        r = session_start(s, group, now, &info);
        int status = CLI_OK;
        if (r == STORE_OK) {
            if (!exists)
                printf(_("New group: %s.\n"), info.group_name);
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
