/* hearth export, hearth merge, hearth demo-data */
#include "cli.h"

#include "core/catalog.h"
#include "core/clock.h"
#include "core/config.h"
#include "core/file.h"
#include "core/i18n.h"
#include "core/pass.h"
#include "core/stats.h"
#include "core/uuid.h"
#include "export/demo.h"
#include "export/merge.h"
#include "export/report.h"
#include "export/report_write.h"
#include "svc/session.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char export_usage[] =
    "export --format csv|json|pdf --out FILE [--group NAME] [--since DATE] [--until DATE] "
    "[--min-cell K] [--per-person] [--from URL [--site NAME]]";

static bool group_exists(Store *s, const char *name)
{
    char (*names)[GROUP_NAME_SIZE];
    int n = report_groups_all(s, &names);
    bool found = false;
    for (int i = 0; i < n && !found; i++)
        found = !strcmp(names[i], name);
    free(names);
    return found;
}

int cli_verb_export(CliContext *ctx, int argc, char **argv)
{
    const char *format = NULL, *out = NULL, *from = NULL, *site = NULL, *v;
    /* the clinic's threshold from hearth.ini ([privacy] min_cell), as the
     * console uses it; --min-cell chooses another for this export */
    Settings settings;
    char used[HEARTH_PATH_MAX];
    /* a settings file that is there but cannot be read (it said why) may
     * hold a K above the default: no export at the default then, unless
     * --min-cell says which K */
    bool settings_read = config_load(ctx->config_opt, &settings, used, sizeof used);
    settings_sanitize(&settings);
    ReportOptions opt = {.min_cell = settings.min_cell};
    bool bad = false, min_cell_given = false;
    for (int i = 1; i < argc && !bad; i++) {
        long k;
        if (cli_take_option(argc, argv, &i, "--format", &v, &bad)) {
            format = v;
        } else if (cli_take_option(argc, argv, &i, "--out", &v, &bad)) {
            out = v;
        } else if (cli_take_option(argc, argv, &i, "--group", &v, &bad)) {
            opt.group = v;
        } else if (cli_take_option(argc, argv, &i, "--since", &v, &bad)) {
            if (!bad && !report_parse_since(&opt, v)) {
                cli_error(_("--since takes a date such as 2026-11-24, not '%s'"), v);
                bad = true;
            }
        } else if (cli_take_option(argc, argv, &i, "--until", &v, &bad)) {
            if (!bad && !report_parse_until(&opt, v)) {
                cli_error(_("--until takes a date such as 2026-11-24, not '%s'"), v);
                bad = true;
            }
        } else if (cli_take_option(argc, argv, &i, "--min-cell", &v, &bad)) {
            if (!bad && (!cli_parse_int(v, 1, STATS_MIN_CELL_MAX, &k) ||
                         !stats_min_cell_valid((int)k))) {
                cli_error(_("--min-cell takes 1 (suppression off) or a number from %d to %d "
                            "(11 for reports that leave the clinic)"),
                          STATS_MIN_CELL_FLOOR, STATS_MIN_CELL_MAX);
                bad = true;
            }
            opt.min_cell = (int)k;
            min_cell_given = true;
        } else if (cli_take_option(argc, argv, &i, "--from", &v, &bad)) {
            from = v;
        } else if (cli_take_option(argc, argv, &i, "--site", &v, &bad)) {
            site = v;
        } else if (!strcmp(argv[i], "--per-person")) {
            opt.per_person = true;
        } else {
            cli_error(_("unknown option %s"), argv[i]);
            bad = true;
        }
    }
    ReportFormat f = REPORT_CSV;
    if (!bad && (!format || !report_format_parse(format, &f))) {
        cli_error(_("--format is csv, json or pdf"));
        bad = true;
    }
    if (!bad && !out) {
        cli_error(_("--out FILE is needed"));
        bad = true;
    }
    if (!bad && opt.per_person && f == REPORT_PDF) {
        cli_error(_("--per-person works with csv and json; the PDF shows the group only"));
        bad = true;
    }
    if (!bad && opt.has_since && opt.has_until && opt.since_ms >= opt.until_ms) {
        cli_error(_("--since must come before --until"));
        bad = true;
    }
    if (!bad && (from || site) &&
        !cli_export_program_options_ok(from, site, opt.per_person, opt.min_cell))
        bad = true;
    if (bad)
        return cli_usage(export_usage);
    if (!settings_read && !min_cell_given) {
        cli_error(_("the clinic's threshold ([privacy] min_cell) could not be read from %s, so "
                    "nothing was exported; fix the file or give --min-cell"),
                  used);
        return CLI_ERROR;
    }
    if (from)
        return cli_export_program(ctx, from, site, &opt, f, out);

    Store *s = cli_open_store_to_read(ctx);
    if (!s)
        return CLI_ERROR;
    if (opt.group && !group_exists(s, opt.group)) {
        cli_error(_("there is no group named '%s'"), opt.group);
        store_close(s);
        return CLI_ERROR;
    }
    Catalog *cat = ctx->paths_ok ? catalog_load(ctx->paths.data) : NULL;
    opt.catalog = cat;
    int64_t now = clock_wall_ms();
    Report r;
    StoreResult res = report_build(s, &opt, &r);
    int status = CLI_OK;
    if (res != STORE_OK) {
        cli_error("%s", store_error(s));
        status = CLI_ERROR;
    } else {
        char err[1024];
        if (!report_export(s, &r, f, out, "", now, NULL, err, sizeof err)) {
            cli_error("%s", err);
            status = CLI_ERROR;
        } else {
            if (opt.min_cell <= 1)
                fprintf(stderr, "%s\n",
                        _("hearth: suppression is off (--min-cell 1): keep this file inside "
                          "the clinic. The export is recorded in the audit log."));
            printf(P_("Exported %d session to %s (threshold %d).\n",
                      "Exported %d sessions to %s (threshold %d).\n", r.nsessions),
                   r.nsessions, out, opt.min_cell);
        }
        report_free(&r);
    }
    catalog_free(cat);
    store_close(s);
    return status;
}

int cli_verb_merge(CliContext *ctx, int argc, char **argv)
{
    static const char usage[] = "merge FILE.json [--include-demo]";
    MergeOptions mo = {0};
    const char *file = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--include-demo"))
            mo.include_demo = true;
        else if (argv[i][0] == '-' || file)
            return cli_usage(usage);
        else
            file = argv[i];
    }
    if (!file)
        return cli_usage(usage);
    /* a file that cannot be read is said so before a database is created
     * for it (merge_file reads it again, as it is then) */
    char err[1024];
    int fd = file_open_regular(file, NULL, err, sizeof err);
    if (fd < 0) {
        cli_error("%s", err);
        return CLI_ERROR;
    }
    close(fd);
    Store *s = cli_open_store(ctx, true);
    if (!s)
        return CLI_ERROR;
    int64_t now = clock_wall_ms();
    ImportStats st = {0};
    MergeDoc info;
    int status = CLI_OK;
    if (!merge_file(s, file, now, &mo, &st, &info, err, sizeof err)) {
        cli_error("%s", err);
        status = CLI_ERROR;
    } else {
        char added[96], updated[96], skipped[96];
        snprintf(added, sizeof added, P_("%d new session", "%d new sessions", st.added),
                 st.added);
        snprintf(updated, sizeof updated,
                 P_("%d already merged (refreshed)", "%d already merged (refreshed)",
                    st.updated),
                 st.updated);
        snprintf(skipped, sizeof skipped,
                 P_("%d of this kiosk's own left as it was",
                    "%d of this kiosk's own left as they were", st.skipped),
                 st.skipped);
        /* TRANSLATORS: the file, then the three counts above */
        printf(_("Merged %s: %s, %s, %s.\n"), file, added, updated, skipped);
    }
    store_close(s);
    return status;
}

int cli_verb_demo(CliContext *ctx, int argc, char **argv)
{
    static const char usage[] = "demo-data [--weeks N] [--groups N] [--seed N]";
    long weeks = 12, groups = 3, seed = 1;
    const char *v;
    bool bad = false;
    for (int i = 1; i < argc && !bad; i++) {
        if (cli_take_option(argc, argv, &i, "--weeks", &v, &bad)) {
            if (!bad && !cli_parse_int(v, 1, 520, &weeks)) {
                cli_error(_("--weeks takes a number from 1 to 520"));
                bad = true;
            }
        } else if (cli_take_option(argc, argv, &i, "--groups", &v, &bad)) {
            if (!bad && !cli_parse_int(v, 1, 20, &groups)) {
                cli_error(_("--groups takes a number from 1 to 20"));
                bad = true;
            }
        } else if (cli_take_option(argc, argv, &i, "--seed", &v, &bad)) {
            if (!bad && !cli_parse_int(v, 0, 2147483647L, &seed)) {
                cli_error(_("--seed takes a whole number"));
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
    DemoOptions d = {(int)weeks, (int)groups, (unsigned)seed, clock_wall_ms()};
    DemoStats ds;
    char err[1024];
    int status = CLI_OK;
    if (!demo_fill(s, &d, &ds, err, sizeof err)) {
        cli_error("%s", err);
        status = CLI_ERROR;
    } else {
        char ng[64], ns[64], nw[64], nr[64];
        snprintf(ng, sizeof ng, P_("%d group", "%d groups", ds.groups), ds.groups);
        snprintf(ns, sizeof ns, P_("%d session", "%d sessions", ds.sessions), ds.sessions);
        snprintf(nw, sizeof nw, P_("%d week", "%d weeks", (int)weeks), (int)weeks);
        snprintf(nr, sizeof nr, P_("%d rating", "%d ratings", ds.ratings), ds.ratings);
        /* TRANSLATORS: "Demo data: 4 groups, 96 sessions over 12 weeks, 2304 ratings." */
        printf(_("Demo data: %s, %s over %s, %s. The group names begin with \"Demo - \".\n"),
               ng, ns, nw, nr);
    }
    store_close(s);
    return status;
}
