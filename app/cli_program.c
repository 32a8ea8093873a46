/* hearth publish, hearth server init: a program of several kiosks and its
 * PostgreSQL (app/program, svc/publish.h). */
#include "cli.h"

#include "core/catalog.h"
#include "core/clock.h"
#include "core/config.h"
#include "core/i18n.h"
#include "core/stats.h"
#include "core/uuid.h"
#include "export/report_program.h"
#include "svc/publish.h"

#include <stdio.h>
#include <string.h>

int cli_verb_publish(CliContext *ctx, int argc, char **argv)
{
    static const char usage[] = "publish [--server URL]";
    Settings settings;
    char used[HEARTH_PATH_MAX];
    config_load(ctx->config_opt, &settings, used, sizeof used);
    const char *server = settings.program_server, *v;
    bool bad = false;
    for (int i = 1; i < argc && !bad; i++) {
        if (cli_take_option(argc, argv, &i, "--server", &v, &bad)) {
            server = v;
        } else {
            cli_error(_("unknown option %s"), argv[i]);
            bad = true;
        }
    }
    if (bad)
        return cli_usage(usage);
    if (!program_built()) {
        cli_error("%s", program_not_built_text());
        return CLI_ERROR;
    }
    if (!server[0]) {
        cli_error(_("no program server is set: add 'server = postgresql://...' under [program] "
                    "in %s, or pass --server URL"),
                  used);
        return CLI_ERROR;
    }
    Store *s = cli_open_store(ctx, false);
    if (!s)
        return CLI_ERROR;
    PublishOutcome out;
    char err[1024];
    bool ok = publish_pending(s, server, settings.program_site, 0, clock_wall_ms(), &out, err,
                              sizeof err);
    if (out.published)
        printf(P_("Published %d session.\n", "Published %d sessions.\n", out.published),
               out.published);
    if (out.already)
        printf(P_("%d session was on the server already: nothing changed there.\n",
                  "%d sessions were on the server already: nothing changed there.\n",
                  out.already),
               out.already);
    char line[512];
    publish_status_text(out.up_to, out.waiting, PROGRAM_OK, line, sizeof line);
    printf("%s\n", line);
    if (!ok)
        cli_error("%s", err);
    store_close(s);
    return ok ? CLI_OK : CLI_ERROR;
}

int cli_verb_server(CliContext *ctx, int argc, char **argv)
{
    (void)ctx;
    static const char usage[] = "server init URL [--min-cell K]";
    const char *url = NULL, *v;
    long k = 0;
    bool bad = argc < 2 || strcmp(argv[1], "init") != 0;
    for (int i = 2; i < argc && !bad; i++) {
        if (cli_take_option(argc, argv, &i, "--min-cell", &v, &bad)) {
            if (!bad && (!cli_parse_int(v, STATS_MIN_CELL_FLOOR, STATS_MIN_CELL_MAX, &k))) {
                cli_error(_("--min-cell takes a number from %d to %d for a program's server "
                            "(11 for reports that leave the clinic)"),
                          STATS_MIN_CELL_FLOOR, STATS_MIN_CELL_MAX);
                bad = true;
            }
        } else if (argv[i][0] == '-' || url) {
            cli_error(_("unknown option %s"), argv[i]);
            bad = true;
        } else {
            url = argv[i];
        }
    }
    if (!bad && !url) {
        cli_error(_("the server's address is needed, such as "
                    "postgresql://admin@db.example.org/hearth?sslmode=verify-full"));
        bad = true;
    }
    if (bad)
        return cli_usage(usage);
    ProgramInitInfo info;
    char err[1024];
    ProgramResult r = program_init(url, (int)k, &info, err, sizeof err);
    if (r != PROGRAM_OK) {
        cli_error("%s", err);
        return CLI_ERROR;
    }
    if (info.from_version == 0)
        printf(_("Created the Hearth schema (version %d) for program %.8s; threshold K = %d.\n"),
               info.to_version, info.program_id, info.min_cell);
    else if (info.from_version < info.to_version)
        printf(_("Updated the Hearth schema from version %d to %d; threshold K = %d.\n"),
               info.from_version, info.to_version, info.min_cell);
    else
        printf(_("The Hearth schema is up to date (version %d); threshold K = %d.\n"),
               info.to_version, info.min_cell);
    printf("%s\n", _("Next, a login for each kiosk, and one for reading reports, for example:\n"
                     "  CREATE ROLE door1 LOGIN IN ROLE hearth_kiosk;\n"
                     "  CREATE ROLE quality LOGIN IN ROLE hearth_reader;\n"
                     "with their passwords in each machine's ~/.pgpass (never in hearth.ini)."));
    return CLI_OK;
}

bool cli_export_program_options_ok(const char *from, const char *site, bool per_person)
{
    if (!from) {
        cli_error(_("--site chooses a site of a program's report: it goes with --from URL"));
        return false;
    }
    if (per_person) {
        cli_error(_("--per-person is a kiosk's own export: a program's server holds no person"));
        return false;
    }
    (void)site;
    return true;
}

int cli_export_program(CliContext *ctx, const char *url, const char *site, ReportOptions *opt,
                       ReportFormat f, const char *out)
{
    Catalog *cat = ctx->paths_ok ? catalog_load(ctx->paths.data) : NULL;
    opt->catalog = cat;
    int64_t now = clock_wall_ms();
    Report r;
    char err[1024];
    ProgramResult res = report_build_program(url, opt, site, &r, err, sizeof err);
    int status = CLI_OK;
    if (res != PROGRAM_OK) {
        cli_error("%s", err);
        status = CLI_ERROR;
    } else {
        if (r.nsessions == 0)
            fprintf(stderr, "%s\n",
                    _("hearth: the program's server has no published session of that group, "
                      "site and period; the report is empty."));
        char export_id[UUID_STR_LEN], perr[512];
        uuid_new(export_id);
        /* no database is opened, but this machine's is never written over */
        const char *db = ctx->db_path[0] || paths_default_db(ctx->db_path, sizeof ctx->db_path,
                                                             ctx->db_opt, perr, sizeof perr)
                             ? ctx->db_path
                             : NULL;
        if (!report_write_file(&r, f, out, db, export_id, now, err, sizeof err)) {
            cli_error("%s", err);
            status = CLI_ERROR;
        } else {
            printf(P_("Exported %d pooled session of the program to %s (threshold %d).\n",
                      "Exported %d pooled sessions of the program to %s (threshold %d).\n",
                      r.nsessions),
                   r.nsessions, out, r.opt.min_cell);
        }
        report_free(&r);
    }
    catalog_free(cat);
    return status;
}
