/* hearth catalog list [--lang es] | hearth catalog check */
#include "cli.h"

#include "core/catalog.h"
#include "core/i18n.h"

#include <stdio.h>
#include <string.h>

static int list(const Catalog *cat, const char *lang)
{
    /* people: what each is called and how long it takes; scripts: id,
     * module id, total seconds and title, as always */
    static const char *const header[] = {N_("Exercise"), N_("Module"), N_("Minutes"),
                                         N_("Id")};
    CliTable *t = cli_table_new(4, header);
    bool ok = t != NULL;
    for (int i = 0; i < catalog_exercise_count(cat) && ok; i++) {
        const Exercise *e = catalog_exercise_at(cat, i);
        char secs[16], mins[16];
        snprintf(secs, sizeof secs, "%d", e->total_seconds);
        int m = (e->total_seconds + 30) / 60;
        snprintf(mins, sizeof mins, "%d", m < 1 ? 1 : m);
        const char *people[] = {text_in(&e->title, lang), module_title(e->module, lang), mins,
                                e->id};
        const char *script[] = {e->id, module_name(e->module), secs, text_in(&e->title, lang)};
        ok = cli_table_add(t, people, script, 4);
    }
    const char *none = _("No exercises in the data folder.");
    if (!ok) {
        cli_table_print(t, none);
        cli_error("%s", _("out of memory"));
        return CLI_ERROR;
    }
    cli_table_print(t, none);
    return CLI_OK;
}

static int check(const Catalog *cat, const char *data_dir)
{
    int errors = 0;
    for (int i = 0; i < catalog_problem_count(cat); i++) {
        const CatalogProblem *p = catalog_problem_at(cat, i);
        char line[600];
        catalog_problem_format(p, line, sizeof line);
        fprintf(stderr, "%s/%s%s\n", data_dir, line, p->warning ? _(" (warning)") : "");
        if (!p->warning)
            errors++;
    }
    int ne = catalog_exercise_count(cat), ni = catalog_instrument_count(cat);
    int np = catalog_plan_count(cat), npr = catalog_problem_count(cat);
    char e[64], in[64], pl[64], pr[64];
    snprintf(e, sizeof e, P_("%d exercise", "%d exercises", ne), ne);
    snprintf(in, sizeof in, P_("%d instrument", "%d instruments", ni), ni);
    snprintf(pl, sizeof pl, P_("%d plan", "%d plans", np), np);
    snprintf(pr, sizeof pr, P_("%d problem", "%d problems", npr), npr);
    /* TRANSLATORS: "12 exercises, 3 instruments, 2 plans; 0 problems." from the counts above */
    printf(_("%s, %s, %s; %s.\n"), e, in, pl, pr);
    return errors || catalog_problem_count(cat) ? CLI_ERROR : CLI_OK;
}

int cli_verb_catalog(CliContext *ctx, int argc, char **argv)
{
    static const char usage[] = "catalog list [--lang es] | catalog check";
    if (argc < 2 || (strcmp(argv[1], "list") != 0 && strcmp(argv[1], "check") != 0))
        return cli_usage(usage);
    if (argc > 2) {
        cli_error(_("unknown option %s"), argv[2]);
        return cli_usage(usage);
    }
    if (!cli_need_data(ctx))
        return CLI_ERROR;
    Catalog *cat = catalog_load(ctx->paths.data);
    if (!cat) {
        cli_error(_("out of memory reading %s"), ctx->paths.data);
        return CLI_ERROR;
    }
    int status = !strcmp(argv[1], "list") ? list(cat, i18n_lang()) : check(cat, ctx->paths.data);
    catalog_free(cat);
    return status;
}
