/* The command line: global options, then a verb. Each verb is a thin shell
 * over core, store, svc and export, so it runs the same code as the screens.
 * Exit status: 0 success, 1 a runtime error (message on stderr), 2 a usage
 * error; some verbs add their own (hearth checkin: 10 to 13). */
#ifndef HEARTH_CLI_H
#define HEARTH_CLI_H

#include "core/paths.h"
#include "export/report_write.h"
#include "svc/database.h"

#include <stdbool.h>

enum { CLI_OK = 0, CLI_ERROR = 1, CLI_USAGE = 2 };

typedef struct CliContext {
    const char *db_opt;     /* --db */
    const char *data_opt;   /* --data */
    const char *lang_opt;   /* --lang */
    const char *windowed;   /* --windowed WxH */
    const char *config_opt; /* --config FILE */
    bool no_audio;          /* --mute */
    char db_path[HEARTH_PATH_MAX];
    HearthPaths paths;
    bool paths_ok;
    char paths_error[1024];
} CliContext;

/* Runs hearth with its arguments; returns the exit status. */
int cli_main(int argc, char **argv);

/* Opens the database named by the context (creating it when create is set),
 * or prints why not on stderr and returns NULL. */
Store *cli_open_store(CliContext *ctx, bool create);

/* The same for a verb that reads the whole file and writes at most its
 * audit row (an export): without the whole-file check first, which would
 * read every page once more; a damaged page it reads still says so. */
Store *cli_open_store_to_read(CliContext *ctx);

/* Makes sure the data folder was found, or prints why not; false then. */
bool cli_need_data(CliContext *ctx);

/* Prints "hearth: <message>" on stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Prints a usage line for a verb on stderr and returns CLI_USAGE. */
int cli_usage(const char *usage);

/* Option parsing for verbs: true when argv[*i] is --name (then *value is the
 * next argument, or the part after '='). Prints a usage error and sets *bad
 * when the value is missing. */
bool cli_take_option(int argc, char **argv, int *i, const char *name, const char **value,
                     bool *bad);

/* Parses a whole number in [min, max]; false on anything else. */
bool cli_parse_int(const char *text, long min, long max, long *out);

/* A listing for people or for scripts. When standard output is a terminal
 * the rows are printed as a table, aligned under a header; piped, each
 * row is one line of tab-separated fields with no header, as scripts have
 * always read them. Each row gives both: people's fields (words, minutes,
 * local dates) and the scripts' (ids, seconds, UTC times). */
typedef struct CliTable CliTable;
/* A table of ncols columns (at most 8) with these headers (for people). */
CliTable *cli_table_new(int ncols, const char *const *header);
/* Adds a row: people's fields and the scripts' (nscript of them). False
 * when out of memory. */
bool cli_table_add(CliTable *t, const char *const *people, const char *const *script,
                   int nscript);
/* Prints the table to standard output and frees it; for people (only when
 * it is a terminal) when_empty stands in for a table with no rows. */
void cli_table_print(CliTable *t, const char *when_empty);

/* The verbs, each in its own file (cli_<verb>.c). argv[0] is the verb. */
int cli_verb_db(CliContext *ctx, int argc, char **argv);
int cli_verb_pin(CliContext *ctx, int argc, char **argv);
int cli_verb_session(CliContext *ctx, int argc, char **argv);
int cli_verb_catalog(CliContext *ctx, int argc, char **argv);
int cli_verb_pass(CliContext *ctx, int argc, char **argv);
int cli_verb_checkin(CliContext *ctx, int argc, char **argv);
int cli_verb_group(CliContext *ctx, int argc, char **argv);
int cli_verb_export(CliContext *ctx, int argc, char **argv);
int cli_verb_merge(CliContext *ctx, int argc, char **argv);
int cli_verb_demo(CliContext *ctx, int argc, char **argv);
int cli_verb_publish(CliContext *ctx, int argc, char **argv);

/* hearth export --from URL: checks the options a program's report takes
 * (printing why not), and writes it (cli_program.c). */
bool cli_export_program_options_ok(const char *from, const char *site, bool per_person);
int cli_export_program(CliContext *ctx, const char *url, const char *site, ReportOptions *opt,
                       ReportFormat format, const char *out);
int cli_verb_server(CliContext *ctx, int argc, char **argv);

#endif
