/* hearth db check|backup|restore|purge */
#include "cli.h"

#include "core/clock.h"
#include "core/config.h"
#include "core/i18n.h"
#include "svc/maintenance.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

static const char usage[] = "db check | db backup | db restore [FILE] [--force] | "
                            "db purge [--months N]";

static bool resolve_db(CliContext *ctx)
{
    char err[1024];
    if (!ctx->db_path[0] &&
        !paths_default_db(ctx->db_path, sizeof ctx->db_path, ctx->db_opt, err, sizeof err)) {
        cli_error("%s", err);
        return false;
    }
    return true;
}

/* Says where the backups are, after a database would not open. */
static void hint_backups(const char *db_path)
{
    BackupInfo b[1];
    if (store_backup_list(db_path, b, 1) > 0) {
        char when[32];
        clock_iso8601(b[0].taken_ms, when);
        fprintf(stderr, _("hearth: the newest backup is %s (%s); 'hearth db restore' puts it "
                          "back and keeps the damaged file.\n"),
                b[0].path, when);
    } else {
        fprintf(stderr, "%s\n", _("hearth: there is no backup of this database."));
    }
}

static int db_check(CliContext *ctx)
{
    if (!resolve_db(ctx))
        return CLI_ERROR;
    StoreResult r;
    char err[1024];
    StoreOpenOptions opts = {.create = false};
    Store *s = store_open(ctx->db_path, &opts, &r, err, sizeof err);
    if (!s) {
        cli_error("%s", err);
        if (r == STORE_CORRUPT)
            hint_backups(ctx->db_path);
        return CLI_ERROR;
    }
    r = store_check(s);
    if (r == STORE_OK) {
        printf(_("%s: healthy (schema %d, kiosk %s)\n"), store_path(s), store_schema_version(s),
               store_kiosk_id(s));
    } else {
        cli_error("%s", store_error(s));
        hint_backups(ctx->db_path);
    }
    store_close(s);
    return r == STORE_OK ? CLI_OK : CLI_ERROR;
}

static int db_backup(CliContext *ctx)
{
    Store *s = cli_open_store(ctx, false);
    if (!s)
        return CLI_ERROR;
    char path[1024];
    StoreResult r = maintenance_backup(s, clock_wall_ms(), path, sizeof path);
    if (r == STORE_OK)
        printf(_("Backed up to %s.\n"), path);
    else
        cli_error("%s", store_error(s));
    store_close(s);
    return r == STORE_OK ? CLI_OK : CLI_ERROR;
}

static int db_restore(CliContext *ctx, const char *file, bool force)
{
    if (!resolve_db(ctx))
        return CLI_ERROR;
    char err[1024];
    BackupInfo newest[1];
    if (!file) {
        if (store_backup_list(ctx->db_path, newest, 1) == 0) {
            cli_error(_("there is no backup beside %s; name one: hearth db restore FILE"),
                      ctx->db_path);
            return CLI_ERROR;
        }
        file = newest[0].path;
    }
    struct stat st;
    if (!force && stat(ctx->db_path, &st) == 0) {
        /* A healthy database holds what was saved since the backup: it is
         * kept either way, but replacing it needs saying so. */
        StoreOpenOptions o = {.create = false};
        Store *s = store_open(ctx->db_path, &o, NULL, err, sizeof err);
        bool healthy = s && store_check(s) == STORE_OK;
        store_close(s);
        if (healthy) {
            cli_error(_("%s is healthy: restoring would put aside what was saved since the "
                        "backup. Stop the kiosk first, then add --force to do it anyway."),
                      ctx->db_path);
            return CLI_ERROR;
        }
    }
    char kept[1100];
    int64_t now = clock_wall_ms();
    StoreResult r = store_restore(ctx->db_path, file, now, kept, sizeof kept, err, sizeof err);
    if (r != STORE_OK) {
        cli_error("%s", err);
        return CLI_ERROR;
    }
    Store *s = cli_open_store(ctx, false);
    if (!s)
        return CLI_ERROR;
    const char *slash = strrchr(file, '/');
    store_audit(s, now, "db.restore", slash ? slash + 1 : file);
    store_close(s);
    printf(_("Restored %s from %s.\n"), ctx->db_path, file);
    if (kept[0])
        printf(_("The previous file is kept as %s.\n"), kept);
    return CLI_OK;
}

static int db_purge(CliContext *ctx, const char *months_opt)
{
    Settings settings;
    char used[HEARTH_PATH_MAX];
    if (!config_load(ctx->config_opt, &settings, used, sizeof used) && errno == EINVAL)
        return CLI_ERROR;
    settings_sanitize(&settings);
    long months = settings.retention_months;
    if (months_opt && !cli_parse_int(months_opt, 1, 600, &months)) {
        cli_error(_("--months takes a number from 1 to 600"));
        return CLI_USAGE;
    }
    if (months <= 0) {
        printf("%s\n", _("Retention is off (privacy.retention_months = 0): nothing is purged."));
        return CLI_OK;
    }
    Store *s = cli_open_store(ctx, false);
    if (!s)
        return CLI_ERROR;
    PurgeCounts c;
    StoreResult r = maintenance_purge(s, (int)months, clock_wall_ms(), &c);
    if (r == STORE_OK) {
        char ra[64], ch[64], sr[64], er[64], se[64];
        snprintf(ra, sizeof ra, P_("%d answer", "%d answers", c.ratings), c.ratings);
        snprintf(ch, sizeof ch, P_("%d check-in", "%d check-ins", c.checkins), c.checkins);
        snprintf(sr, sizeof sr, P_("%d staff request", "%d staff requests", c.staff_requests),
                 c.staff_requests);
        snprintf(er, sizeof er, P_("%d exercise run", "%d exercise runs", c.exercise_runs),
                 c.exercise_runs);
        snprintf(se, sizeof se, P_("%d session", "%d sessions", c.sessions), c.sessions);
        /* TRANSLATORS: a date, then the five counts above: "3 answers, 1 check-in, ..." */
        printf(_("Purged what closed before %s: %s, %s, %s, %s, %s.\n"), c.cutoff, ra, ch, sr,
               er, se);
        /* other kiosks' sessions go too: say so, or the line reads as
         * if they had stayed (the audit row counts them as well) */
        if (c.imported_sessions > 0)
            printf(P_("Also %d session merged from another kiosk, opened before then.\n",
                      "Also %d sessions merged from other kiosks, opened before then.\n",
                      c.imported_sessions),
                   c.imported_sessions);
    } else {
        cli_error("%s", store_error(s));
    }
    store_close(s);
    return r == STORE_OK ? CLI_OK : CLI_ERROR;
}

int cli_verb_db(CliContext *ctx, int argc, char **argv)
{
    const char *what = argc >= 2 ? argv[1] : "";
    if (!strcmp(what, "check") && argc == 2)
        return db_check(ctx);
    if (!strcmp(what, "backup") && argc == 2)
        return db_backup(ctx);
    if (!strcmp(what, "restore")) {
        const char *file = NULL;
        bool force = false;
        for (int i = 2; i < argc; i++) {
            if (!strcmp(argv[i], "--force"))
                force = true;
            else if (argv[i][0] != '-' && !file)
                file = argv[i];
            else
                return cli_usage(usage);
        }
        return db_restore(ctx, file, force);
    }
    if (!strcmp(what, "purge")) {
        const char *months = NULL;
        bool bad = false;
        for (int i = 2; i < argc && !bad; i++)
            if (!cli_take_option(argc, argv, &i, "--months", &months, &bad))
                return cli_usage(usage);
        return bad ? cli_usage(usage) : db_purge(ctx, months);
    }
    return cli_usage(usage);
}
