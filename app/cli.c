#include "cli.h"

#include "core/i18n.h"
#include "core/log.h"
#include "program/program.h"
#include "ui/kiosk.h"

#include <errno.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef int (*CliVerbFn)(CliContext *ctx, int argc, char **argv);

typedef struct CliVerb {
    const char *name;
    CliVerbFn run;
    const char *synopsis; /* marked for translation */
} CliVerb;

static const CliVerb verbs[] = {
    {"pass", cli_verb_pass,
     N_("pass new [--count N] [--pdf FILE] [--paper letter|a4] | pass revoke CODE-OR-PSEUDONYM | "
        "pass list   issue passes (a line each: payload, code, pseudonym), revoke one, list "
        "them")},
    {"checkin", cli_verb_checkin,
     N_("checkin PAYLOAD-OR-CODE   check in: exit 0 in, 10 already, 11 unknown, 12 malformed, "
        "13 no session, 14 never checked in (at check-out)")},
    {"session", cli_verb_session,
     N_("session open --group NAME [--new] | session close   open or close today's session "
        "(--new: start a group whose name is close to an existing group's)")},
    {"group", cli_verb_group,
     N_("group list | group set NAME --ratings anonymous|pseudonymous   how a group's answers "
        "are kept")},
    {"catalog", cli_verb_catalog,
     N_("catalog list [--lang es] | catalog check   list the exercises / check data/")},
    {"pin", cli_verb_pin, N_("pin set [--force]        set the facilitator PIN (stdin: the old one first, then the "
        "new)")},
    {"db", cli_verb_db,
     N_("db check | db backup | db restore [FILE] [--force] | db purge [--months N]   "
        "integrity, backups, retention")},
    {"export", cli_verb_export,
     N_("export --format csv|json|pdf --out FILE [--group NAME] [--since DATE] [--until DATE] "
        "[--min-cell K] [--per-person] [--from URL [--site NAME]]   anonymized trends, of "
        "this kiosk or (--from) of the program's server")},
    {"merge", cli_verb_merge,
     N_("merge FILE.json [--include-demo]   bring another kiosk's export into the trends (an "
        "export of demo data only with --include-demo)")},
    {"publish", cli_verb_publish,
     N_("publish [--server URL]   publish closed sessions' counts to the program's server "
        "([program] server in hearth.ini)")},
    {"server", cli_verb_server,
     N_("server init URL [--min-cell K]   create or update the program server's schema, "
        "roles and views")},
    {"demo-data", cli_verb_demo,
     N_("demo-data [--weeks N] [--groups N] [--seed N]   fill a new database with synthetic "
        "groups")},
};

void cli_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("hearth: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

int cli_usage(const char *usage)
{
    /* TRANSLATORS: the start of a usage line; the command after it stays
     * as it is typed. */
    fprintf(stderr, "%s: hearth %s\n", _("usage"), usage);
    fprintf(stderr, _("Try 'hearth --help' for more.\n"));
    return CLI_USAGE;
}

static void print_help(FILE *out)
{
    fprintf(out, "%s\n\n", _("Hearth: a calm kiosk for group therapy sessions."));
    fprintf(out, "%s\n", _("Usage: hearth [OPTIONS]            start the kiosk (fullscreen)"));
    fprintf(out, "%s\n\n", _("       hearth [OPTIONS] VERB ...   run one task and exit"));
    fprintf(out, "%s\n", _("Verbs:"));
    for (size_t i = 0; i < sizeof verbs / sizeof verbs[0]; i++)
        fprintf(out, "  %s\n", _(verbs[i].synopsis));
    fprintf(out, "\n%s\n", _("Options:"));
    fprintf(out, "  --db FILE         %s\n",
            _("the database (default $HEARTH_DB, else $XDG_DATA_HOME/hearth/hearth.db)"));
    fprintf(out, "  --data DIR        %s\n",
            _("the folder of exercises, instruments and plans"));
    fprintf(out, "  --lang en|es      %s\n", _("the language of the screens and messages"));
    fprintf(out, "  --windowed WxH    %s\n", _("run in a window of that size, not fullscreen"));
    fprintf(out, "  --config FILE     %s\n",
            _("the settings file (default $XDG_CONFIG_HOME/hearth/hearth.ini)"));
    fprintf(out, "  --mute            %s\n", _("no chimes"));
    fprintf(out, "  --help            %s\n", _("show this help"));
    fprintf(out, "  --version         %s\n\n", _("show the version"));
    fprintf(out, "%s\n", _("Exit status: 0 success, 1 an error (explained on stderr), "
                           "2 a usage error."));
    if (!program_built())
        fprintf(out, "\n%s\n", program_not_built_text());
}

bool cli_take_option(int argc, char **argv, int *i, const char *name, const char **value,
                     bool *bad)
{
    const char *arg = argv[*i];
    size_t n = strlen(name);
    if (strncmp(arg, name, n) != 0)
        return false;
    if (arg[n] == '=') {
        *value = arg + n + 1;
        return true;
    }
    if (arg[n] != '\0')
        return false;
    if (*i + 1 >= argc) {
        cli_error(_("the option %s needs a value"), name);
        *bad = true;
        return true;
    }
    *value = argv[++*i];
    return true;
}

bool cli_parse_int(const char *text, long min, long max, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (errno || end == text || *end || v < min || v > max)
        return false;
    *out = v;
    return true;
}

/* --- tables ------------------------------------------------------------- */

#define TABLE_MAX_COLS 8

struct CliTable {
    int ncols, nrows, cap;
    const char *const *header;
    char **people; /* nrows * ncols */
    char **script; /* nrows lines, tab-separated */
};

CliTable *cli_table_new(int ncols, const char *const *header)
{
    CliTable *t = calloc(1, sizeof *t);
    if (t) {
        t->ncols = ncols > TABLE_MAX_COLS ? TABLE_MAX_COLS : ncols;
        t->header = header;
    }
    return t;
}

bool cli_table_add(CliTable *t, const char *const *people, const char *const *script,
                   int nscript)
{
    if (!t)
        return false;
    if (t->nrows == t->cap) {
        int cap = t->cap ? t->cap * 2 : 64;
        char **p = realloc(t->people, sizeof *p * (size_t)cap * (size_t)t->ncols);
        if (!p)
            return false;
        t->people = p;
        char **sc = realloc(t->script, sizeof *sc * (size_t)cap);
        if (!sc)
            return false;
        t->script = sc;
        t->cap = cap;
    }
    size_t len = 1;
    for (int i = 0; i < nscript; i++)
        len += strlen(script[i]) + 1;
    char *line = malloc(len), *at = line;
    if (!line)
        return false;
    for (int i = 0; i < nscript; i++)
        at += sprintf(at, i ? "\t%s" : "%s", script[i]);
    *at = '\0';
    char **row = t->people + (size_t)t->nrows * (size_t)t->ncols;
    bool ok = true;
    for (int c = 0; c < t->ncols; c++)
        ok = (row[c] = strdup(people[c] ? people[c] : "")) != NULL && ok;
    t->script[t->nrows++] = line;
    return ok;
}

/* Characters on screen, for aligning: UTF-8 continuation bytes take no
 * column (the titles are Latin letters; no wide characters). */
static int columns_of(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xc0) != 0x80;
    return n;
}

void cli_table_print(CliTable *t, const char *when_empty)
{
    if (!t)
        return;
    if (!isatty(STDOUT_FILENO)) {
        for (int r = 0; r < t->nrows; r++)
            printf("%s\n", t->script[r]);
    } else if (t->nrows == 0) {
        printf("%s\n", when_empty);
    } else {
        int width[TABLE_MAX_COLS] = {0};
        for (int c = 0; c < t->ncols; c++)
            width[c] = columns_of(_(t->header[c]));
        for (int r = 0; r < t->nrows; r++)
            for (int c = 0; c < t->ncols; c++) {
                const char *f = t->people[(size_t)r * (size_t)t->ncols + (size_t)c];
                int w = f ? columns_of(f) : 0;
                if (w > width[c])
                    width[c] = w;
            }
        for (int r = -1; r < t->nrows; r++) {
            const char *f[TABLE_MAX_COLS];
            int last = 0; /* the last column with something in it: no spaces after */
            for (int c = 0; c < t->ncols; c++) {
                f[c] = r < 0 ? _(t->header[c])
                             : t->people[(size_t)r * (size_t)t->ncols + (size_t)c];
                if (!f[c])
                    f[c] = "";
                if (f[c][0])
                    last = c;
            }
            for (int c = 0; c <= last; c++)
                printf("%s%*s", f[c], c == last ? 0 : width[c] - columns_of(f[c]) + 2, "");
            putchar('\n');
        }
    }
    for (int r = 0; r < t->nrows; r++) {
        for (int c = 0; c < t->ncols; c++)
            free(t->people[(size_t)r * (size_t)t->ncols + (size_t)c]);
        free(t->script[r]);
    }
    free(t->people);
    free(t->script);
    free(t);
}

static Store *open_store(CliContext *ctx, const StoreOpenOptions *opts)
{
    char err[1024];
    if (!ctx->db_path[0] &&
        !paths_default_db(ctx->db_path, sizeof ctx->db_path, ctx->db_opt, err, sizeof err)) {
        cli_error("%s", err);
        return NULL;
    }
    StoreResult r;
    Store *s = store_open(ctx->db_path, opts, &r, err, sizeof err);
    if (!s && r == STORE_NOT_FOUND)
        /* a verb that reads, or acts on what exists, never makes one */
        cli_error(_("%s Nothing was created: the kiosk, 'hearth session open' or 'hearth "
                    "pass new' make a new one, or name another with --db."),
                  err);
    else if (!s)
        cli_error("%s", err);
    return s;
}

Store *cli_open_store(CliContext *ctx, bool create)
{
    StoreOpenOptions opts = {.create = create};
    return open_store(ctx, &opts);
}

Store *cli_open_store_to_read(CliContext *ctx)
{
    StoreOpenOptions opts = {.skip_check = true};
    return open_store(ctx, &opts);
}

bool cli_need_data(CliContext *ctx)
{
    if (!ctx->paths_ok)
        cli_error("%s", ctx->paths_error);
    return ctx->paths_ok;
}

static int run_kiosk(CliContext *ctx)
{
    KioskOptions k = {.paths = &ctx->paths, .mute = ctx->no_audio,
                      .config_path = ctx->config_opt, .lang_forced = ctx->lang_opt != NULL};
    char err[1024];
    if (ctx->windowed && !kiosk_parse_size(ctx->windowed, &k.window_w, &k.window_h)) {
        cli_error(_("--windowed takes a size such as 1280x800, not '%s'"), ctx->windowed);
        return CLI_USAGE;
    }
    if (!cli_need_data(ctx))
        return CLI_ERROR;
    if (!paths_default_db(ctx->db_path, sizeof ctx->db_path, ctx->db_opt, err, sizeof err)) {
        cli_error("%s", err);
        return CLI_ERROR;
    }
    k.db_path = ctx->db_path;
    return kiosk_run(&k);
}

int cli_main(int argc, char **argv)
{
    CliContext ctx = {0};
    log_init_from_env();
    /* libsodium: the CSPRNG for passes and ids, guarded memory for secrets */
    if (sodium_init() < 0) {
        fputs("hearth: cannot start the cryptography library (libsodium)\n", stderr);
        return CLI_ERROR;
    }

    /* Global options may come anywhere; what remains is the verb and its
     * own arguments, in order. */
    char **rest = calloc((size_t)argc + 1, sizeof *rest);
    if (!rest) {
        fputs("hearth: out of memory\n", stderr);
        return CLI_ERROR;
    }
    int nrest = 0;
    bool help = false, version = false, bad = false;
    for (int i = 1; i < argc; i++) {
        const char *v = NULL;
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
            help = true;
        else if (!strcmp(argv[i], "--version"))
            version = true;
        else if (!strcmp(argv[i], "--mute"))
            ctx.no_audio = true;
        else if (cli_take_option(argc, argv, &i, "--db", &v, &bad))
            ctx.db_opt = v;
        else if (cli_take_option(argc, argv, &i, "--data", &v, &bad))
            ctx.data_opt = v;
        else if (cli_take_option(argc, argv, &i, "--lang", &v, &bad))
            ctx.lang_opt = v;
        else if (cli_take_option(argc, argv, &i, "--windowed", &v, &bad))
            ctx.windowed = v;
        else if (cli_take_option(argc, argv, &i, "--config", &v, &bad))
            ctx.config_opt = v;
        else
            rest[nrest++] = argv[i];
        if (bad)
            break;
    }

    ctx.paths_ok = paths_resolve(&ctx.paths, ctx.data_opt, ctx.paths_error,
                                 sizeof ctx.paths_error);
    i18n_init(ctx.paths.locale[0] ? ctx.paths.locale : "/usr/share/locale",
              ctx.lang_opt);
    if (ctx.lang_opt && strcmp(i18n_lang(), ctx.lang_opt) != 0) {
        cli_error(_("unknown language '%s': use en or es"), ctx.lang_opt);
        bad = true;
    }

    int status;
    if (bad) {
        status = cli_usage("[--db FILE] [--data DIR] [--lang en|es] [--windowed WxH] [VERB ...]");
    } else if (help) {
        print_help(stdout);
        status = CLI_OK;
    } else if (version) {
        printf("hearth %s\n", HEARTH_VERSION);
        status = CLI_OK;
    } else if (nrest == 0) {
        status = run_kiosk(&ctx);
    } else if (rest[0][0] == '-') {
        cli_error(_("unknown option %s"), rest[0]);
        status = cli_usage("[--db FILE] [--data DIR] [--lang en|es] [--windowed WxH] [VERB ...]");
    } else {
        status = -1;
        for (size_t i = 0; i < sizeof verbs / sizeof verbs[0]; i++)
            if (!strcmp(rest[0], verbs[i].name))
                status = verbs[i].run(&ctx, nrest, rest);
        if (status == -1) {
            cli_error(_("unknown command '%s'"), rest[0]);
            status = cli_usage("[OPTIONS] VERB ...");
        }
    }
    free(rest);
    return status;
}
