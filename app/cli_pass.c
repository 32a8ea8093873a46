/* hearth pass new|revoke|list, hearth checkin */
#include "cli.h"

#include "core/clock.h"
#include "core/i18n.h"
#include "export/passsheet.h"
#include "svc/checkin.h"
#include "svc/issue.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Passes printed to a PDF: stored only if the sheet is written. */
static int pass_new_printed(Store *s, int count, const char *pdf, const char *paper, int64_t now)
{
    PassIssue issue;
    StoreResult r = issue_draw(s, count, &issue);
    if (r != STORE_OK) {
        cli_error("%s", r == STORE_NOMEM ? _("out of memory") : store_error(s));
        return CLI_ERROR;
    }
    char err[1024];
    r = passsheet_issue(s, &issue, pdf, strcmp(paper, "a4") ? PAPER_LETTER : PAPER_A4, now, err,
                        sizeof err);
    if (r == STORE_OK) {
        /* the same three columns as passes shown once (pass_new_shown) */
        for (int i = 0; i < issue.n; i++)
            printf("%s\t%s\t%s\n", issue.payloads[i], issue.codes[i], issue.pseudonyms[i]);
    } else {
        cli_error("%s", err);
    }
    issue_free(&issue);
    return r == STORE_OK ? CLI_OK : CLI_ERROR;
}

/* Passes shown once on standard output: all stored, with one audit row,
 * before any is shown, or none. */
static int pass_new_shown(Store *s, int count, int64_t now)
{
    PassIssue issue;
    StoreResult r = STORE_EXISTS;
    for (int tries = 0; tries < 4 && r == STORE_EXISTS; tries++) {
        r = issue_draw(s, count, &issue);
        if (r != STORE_OK)
            break;
        char detail[64];
        snprintf(detail, sizeof detail, "%d passes", count);
        r = issue_store(s, &issue, now, detail);
        if (r != STORE_OK)
            issue_free(&issue);
    }
    if (r != STORE_OK) {
        cli_error("%s", store_error(s));
        return CLI_ERROR;
    }
    /* payload, code and pseudonym: scripts reading the first two keep
     * working; the third is how staff find a lost card to revoke it */
    for (int i = 0; i < issue.n; i++)
        printf("%s\t%s\t%s\n", issue.payloads[i], issue.codes[i], issue.stored[i].pseudonym);
    issue_free(&issue);
    return CLI_OK;
}

static int pass_new(CliContext *ctx, int argc, char **argv)
{
    static const char usage[] = "pass new [--count N] [--pdf FILE] [--paper letter|a4]";
    long count = 1;
    const char *pdf = NULL, *paper = "letter", *v;
    bool bad = false;
    for (int i = 2; i < argc && !bad; i++) {
        if (cli_take_option(argc, argv, &i, "--count", &v, &bad)) {
            if (!bad && !cli_parse_int(v, 1, 1000, &count)) {
                cli_error(_("--count takes a number from 1 to 1000"));
                bad = true;
            }
        } else if (cli_take_option(argc, argv, &i, "--pdf", &v, &bad)) {
            pdf = v;
        } else if (cli_take_option(argc, argv, &i, "--paper", &v, &bad)) {
            paper = v;
            if (strcmp(v, "letter") && strcmp(v, "a4")) {
                cli_error(_("--paper is letter or a4"));
                bad = true;
            }
        } else {
            cli_error(_("unknown option %s"), argv[i]);
            bad = true;
        }
    }
    if (bad)
        return cli_usage(usage);
    Store *s = cli_open_store(ctx, true);
    if (!s)
        return CLI_ERROR;
    int64_t now = clock_wall_ms();
    int status = pdf ? pass_new_printed(s, (int)count, pdf, paper, now)
                     : pass_new_shown(s, (int)count, now);
    store_close(s);
    return status;
}

static int pass_revoke(CliContext *ctx, int argc, char **argv)
{
    if (argc != 3)
        return cli_usage("pass revoke CODE-OR-PSEUDONYM");
    Store *s = cli_open_store(ctx, false);
    if (!s)
        return CLI_ERROR;
    PassInfo info;
    PassParseResult parse;
    int64_t now = clock_wall_ms();
    StoreResult r = checkin_revoke(s, argv[2], now, &info, &parse);
    int status = CLI_OK;
    if (r == STORE_OK) {
        printf(_("Pass %s is revoked.\n"), info.pseudonym);
    } else if (r == STORE_EXISTS) {
        printf(_("Pass %s was already revoked.\n"), info.pseudonym);
    } else if (r == STORE_NOT_FOUND) {
        cli_error("%s", parse == PASS_TYPO ? _("that code has a typing mistake")
                        : parse != PASS_OK ? _("that is not a pass code")
                                           : _("no such pass"));
        status = parse == PASS_OK ? CHECKIN_UNKNOWN : CHECKIN_MALFORMED;
    } else {
        cli_error("%s", store_error(s));
        status = CLI_ERROR;
    }
    store_close(s);
    return status;
}

/* A stored UTC time as people read it here: the local day and time. */
static void local_when(int64_t ms, char *out, size_t n)
{
    if (!ms) {
        snprintf(out, n, "%s", "");
        return;
    }
    int y, mo, d, wd, h, mi;
    char day[64], hm[32];
    clock_local_date(ms, &y, &mo, &d, &wd);
    clock_local_hm(ms, &h, &mi);
    i18n_format_day(day, sizeof day, y, mo, d);
    i18n_format_time(hm, sizeof hm, h, mi);
    snprintf(out, n, "%s %s", day, hm);
}

static int pass_list(CliContext *ctx, int argc, char **argv)
{
    (void)argv;
    if (argc != 2)
        return cli_usage("pass list");
    Store *s = cli_open_store(ctx, false);
    if (!s)
        return CLI_ERROR;
    /* pseudonym, issued, revoked: what staff may see; never a secret */
    static const char *const header[] = {N_("Pass"), N_("Issued"), N_("Revoked")};
    CliTable *t = cli_table_new(3, header);
    PassInfo page[64];
    int offset = 0, n = 0;
    bool ok = t != NULL;
    while (ok && (n = passes_list(s, page, 64, offset)) > 0) {
        for (int i = 0; i < n && ok; i++) {
            char issued[96], revoked[96], issued_iso[32], revoked_iso[32] = "-";
            local_when(page[i].issued_ms, issued, sizeof issued);
            local_when(page[i].revoked_ms, revoked, sizeof revoked);
            clock_iso8601(page[i].issued_ms, issued_iso);
            if (page[i].revoked_ms)
                clock_iso8601(page[i].revoked_ms, revoked_iso);
            const char *people[] = {page[i].pseudonym, issued, revoked};
            const char *script[] = {page[i].pseudonym, issued_iso, revoked_iso};
            ok = cli_table_add(t, people, script, 3);
        }
        offset += n;
    }
    cli_table_print(t, _("No passes yet: 'hearth pass new' issues them."));
    if (!ok)
        cli_error("%s", _("out of memory"));
    if (ok && n < 0) {
        cli_error("%s", store_error(s));
        ok = false;
    }
    store_close(s);
    return ok ? CLI_OK : CLI_ERROR;
}

int cli_verb_pass(CliContext *ctx, int argc, char **argv)
{
    if (argc >= 2 && !strcmp(argv[1], "new"))
        return pass_new(ctx, argc, argv);
    if (argc >= 2 && !strcmp(argv[1], "revoke"))
        return pass_revoke(ctx, argc, argv);
    if (argc >= 2 && !strcmp(argv[1], "list"))
        return pass_list(ctx, argc, argv);
    return cli_usage("pass new [--count N] [--pdf FILE] [--paper letter|a4] | "
                     "pass revoke CODE-OR-PSEUDONYM | pass list");
}

int cli_verb_checkin(CliContext *ctx, int argc, char **argv)
{
    if (argc != 2)
        return cli_usage("checkin PAYLOAD-OR-CODE");
    Store *s = cli_open_store(ctx, false);
    if (!s)
        return CLI_ERROR;
    CheckinResult res;
    CheckinOutcome o = checkin_submit(s, argv[1], strlen(argv[1]), clock_wall_ms(), &res);
    switch (o) {
    case CHECKIN_OK:
        printf(res.checkout ? _("Checked out of %s (%s).\n") : _("Checked in to %s (%s).\n"),
               res.session.group_name, res.pass.pseudonym);
        break;
    case CHECKIN_ALREADY: {
        char when[32] = "";
        if (res.earlier_ms) {
            int h, m;
            clock_local_hm(res.earlier_ms, &h, &m);
            i18n_format_time(when, sizeof when, h, m);
        }
        printf(res.checkout ? _("Already checked out of this session at %s (%s).\n")
                            : _("Already checked in to this session at %s (%s).\n"),
               when, res.pass.pseudonym);
        break;
    }
    case CHECKIN_UNKNOWN:
        cli_error("%s", res.revoked ? _("this pass was revoked") : _("this pass is not known here"));
        break;
    case CHECKIN_MALFORMED:
        cli_error("%s", res.parse == PASS_TYPO ? _("the code has a typing mistake")
                        : res.parse == PASS_FOREIGN ? _("that is not a Hearth pass")
                                                    : _("that is not a pass code"));
        break;
    case CHECKIN_NO_SESSION:
        cli_error("%s", _("no session is open; open one with 'hearth session open --group NAME'"));
        break;
    case CHECKIN_NOT_IN:
        cli_error("%s", _("this pass did not check in to this session, so it is not checked out"));
        break;
    default:
        cli_error("%s", store_error(s));
        break;
    }
    store_close(s);
    return (int)o;
}
