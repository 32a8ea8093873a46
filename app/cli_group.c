/* hearth group list | hearth group set NAME --ratings anonymous|pseudonymous */
#include "cli.h"

#include "core/clock.h"
#include "core/i18n.h"
#include "svc/session.h"

#include <stdio.h>
#include <string.h>

#define PAGE_GROUPS 64

static int list(Store *s)
{
    static char names[PAGE_GROUPS][GROUP_NAME_SIZE];
    int n, offset = 0;
    /* page by page: every group, however many there are */
    while ((n = group_list(s, names, PAGE_GROUPS, offset)) > 0) {
        for (int i = 0; i < n; i++) {
            bool anonymous = true;
            int sessions = 0;
            if (group_info(s, names[i], &anonymous, &sessions) < 0) {
                cli_error("%s", store_error(s));
                return CLI_ERROR;
            }
            /* one group per line: name, how it rates, sessions */
            printf("%s\t%s\t%d\n", names[i], anonymous ? "anonymous" : "pseudonymous",
                   sessions);
        }
        offset += n;
    }
    if (n < 0) {
        cli_error("%s", store_error(s));
        return CLI_ERROR;
    }
    return CLI_OK;
}

static int set(Store *s, const char *name, const char *mode)
{
    bool anonymous = !strcmp(mode, "anonymous");
    StoreResult r = group_set_ratings(s, name, anonymous, clock_wall_ms());
    if (r == STORE_NOT_FOUND) {
        cli_error(_("there is no group named '%s' (hearth group list shows them)"), name);
        return CLI_ERROR;
    }
    if (r != STORE_OK) {
        cli_error("%s", store_error(s));
        return CLI_ERROR;
    }
    if (anonymous)
        printf(_("%s now rates anonymously: new answers are linked to no one.\n"), name);
    else
        printf(_("%s now rates pseudonymously: new answers carry the pass's pseudonym, for "
                 "personal trends.\n"),
               name);
    return CLI_OK;
}

int cli_verb_group(CliContext *ctx, int argc, char **argv)
{
    static const char usage[] =
        "group list | group set NAME --ratings anonymous|pseudonymous";
    const char *mode = NULL;
    bool bad = false;
    if (argc == 2 && !strcmp(argv[1], "list")) {
        Store *s = cli_open_store(ctx, false);
        if (!s)
            return CLI_ERROR;
        int st = list(s);
        store_close(s);
        return st;
    }
    if (argc < 3 || strcmp(argv[1], "set") != 0)
        return cli_usage(usage);
    for (int i = 3; i < argc; i++) {
        if (!cli_take_option(argc, argv, &i, "--ratings", &mode, &bad)) {
            cli_error(_("unknown option %s"), argv[i]);
            return cli_usage(usage);
        }
        if (bad)
            return cli_usage(usage);
    }
    if (!mode || (strcmp(mode, "anonymous") != 0 && strcmp(mode, "pseudonymous") != 0))
        return cli_usage(usage);
    Store *s = cli_open_store(ctx, false);
    if (!s)
        return CLI_ERROR;
    int st = set(s, argv[2], mode);
    store_close(s);
    return st;
}
