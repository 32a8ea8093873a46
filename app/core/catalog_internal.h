/* What the catalog's own files share; nothing outside app/core/catalog*.c
 * includes this.
 *
 *   catalog.c             the Catalog: adding a file, problems, lookups
 *   catalog_names.c       ids as the files write them, localized titles
 *   catalog_check.c       checking one file: problems with their lines, and
 *                         the getters of data/README.md's field types
 *   catalog_exercise.c, catalog_instrument.c, catalog_plan.c,
 *   catalog_crisis.c      one parser per kind of file
 *   catalog_load.c        reading the data folder
 *
 * Each file is parsed with cJSON, then checked field by field while its
 * item is built in the catalog's arena. Any problem that is not a warning
 * drops the item and rolls the arena back. Lines come from jsonsrc.h, asked
 * only once a file has its first problem. */
#ifndef HEARTH_CATALOG_INTERNAL_H
#define HEARTH_CATALOG_INTERNAL_H

#include "core/arena.h"
#include "core/catalog.h"
#include "core/jsonsrc.h"

#include <cjson/cJSON.h>
#include <stdarg.h>
#include <stdbool.h>

#if defined(__GNUC__)
#define PRINTF_LIKE(a, b) __attribute__((format(printf, a, b)))
#else
#define PRINTF_LIKE(a, b)
#endif

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* --- names (catalog_names.c) ---------------------------------------------- */

#define CAT_STEP_KINDS 5
#define CAT_STYLES 3
#define CAT_BLOCK_KINDS 7
extern const char *const cat_module_names[MODULE_COUNT];
extern const char *const cat_step_kind_names[CAT_STEP_KINDS];
extern const char *const cat_style_names[CAT_STYLES];
extern const char *const cat_block_kind_names[CAT_BLOCK_KINDS];

/* --- the catalog (catalog.c) ---------------------------------------------- */

/* The kinds kept in lists, and the crisis card, of which there is one. */
typedef enum Kind {
    KIND_INSTRUMENT,
    KIND_EXERCISE,
    KIND_PLAN,
    KIND_COUNT,
    KIND_CRISIS = KIND_COUNT
} Kind;

extern const char *const cat_kind_folder[KIND_COUNT]; /* "exercises" */
extern const char *const cat_kind_noun[KIND_COUNT + 1]; /* "exercise" */

/* Ids of files that did not load, to say so when another file names one. */
typedef struct IdList {
    char (*ids)[CATALOG_ID_MAX + 1];
    int count, cap;
} IdList;

struct Catalog {
    Arena arena;
    PtrList items[KIND_COUNT];
    const Crisis *crisis;
    IdList skipped[KIND_COUNT]; /* names of files that did not load */
    CatalogProblem *problems;
    int nproblems, problems_cap;
    bool oom;
    /* While catalog_load reads a folder: its .json files, sorted, so that a
     * copied file's stale id can be told apart from a plain typo. */
    char **siblings;
    int nsiblings;
};

/* A problem about a whole file or folder (line 0) or at a known line. */
void cat_problem_add(Catalog *cat, const char *file, int line, bool warning, const char *fmt,
                     ...) PRINTF_LIKE(5, 6);

/* A new, zeroed problem at the end of the list; NULL (and cat->oom) when
 * out of memory. */
CatalogProblem *cat_problem_new(Catalog *cat);

bool cat_idlist_push(IdList *l, const char *id);
bool cat_idlist_has(const IdList *l, const char *id);

/* The valid item of kind with id, or NULL. */
const void *cat_catalog_find(const Catalog *cat, Kind kind, const char *id);

/* Checks one file's text and keeps its item when it is valid. */
bool cat_add_file(Catalog *cat, Kind kind, const char *label, const char *json, size_t len);

/* "exercises/box.json" -> "box". */
void cat_file_stem(const char *label, char *out, size_t n);

/* strcmp over two char * in an array, for qsort and bsearch. */
int cat_cmp_str(const void *a, const void *b);

/* Ids: 1 to CATALOG_ID_MAX characters of a-z, 0-9 and -. */
bool cat_id_is_valid(const char *s);

/* --- checking one file (catalog_check.c) ---------------------------------- */

typedef struct Ctx {
    Catalog *cat;
    Kind kind;
    const char *label;
    char stem[256];     /* the file name without folder and .json */
    JsonSource *where;  /* the text (after a byte-order mark), for lines */
    cJSON *root;
    bool indexed;       /* where was asked to index root */
    int first;          /* this file's first problem in cat->problems */
    int shown, errors, hidden;
    /* Fields reported as likely typos ("secnds" for "seconds"), so that
     * their absence is not reported a second time. */
    const cJSON *typo_obj[16];
    const char *typo_field[16];
    int ntypos;
} Ctx;

/* A problem at node's line (its name's, for a member): an error, which
 * drops the item, or a warning, which keeps it. */
void cat_report(Ctx *c, const cJSON *node, const char *fmt, ...) PRINTF_LIKE(3, 4);
void cat_warn(Ctx *c, const cJSON *node, const char *fmt, ...) PRINTF_LIKE(3, 4);
/* A required field of obj is absent: reported unless a misspelling of it
 * was. */
void cat_report_missing(Ctx *c, const cJSON *obj, const char *field, const char *fmt, ...)
    PRINTF_LIKE(4, 5);
/* An error at a line worked out by the caller. */
void cat_report_line(Ctx *c, int line, const char *fmt, ...) PRINTF_LIKE(3, 4);

/* A copy of s in the catalog's arena; NULL (and cat->oom) when out of
 * memory. */
char *cat_arena_strdup(Ctx *c, const char *s);

/* How a value looks to someone who wrote it, for "must be ..., not ...". */
const char *cat_json_kind(const cJSON *v);

/* The name in names closest to word (a typo, two edits at most), or NULL. */
const char *cat_closest(const char *word, const char *const *names, int n);

/* Reports members of obj not in allowed (with a guess at the intended
 * one) and members given twice; where names the object ("step 3"). */
void cat_check_fields(Ctx *c, const cJSON *obj, const char *const *allowed, int n,
                      const char *where);

/* obj's member name, or NULL. */
const cJSON *cat_member(const cJSON *obj, const char *name);

/* Whether v is a whole number from lo to hi. */
bool cat_whole_in(double v, int lo, int hi);

/* Whether s holds nothing but spaces, tabs and line ends. */
bool cat_is_blank(const char *s);

/* The getters of data/README.md's field types. Each reports what is wrong
 * with field of obj in sentences that name owner ("step 3") and returns
 * false; an absent optional field is fine and gives an empty value. */

/* A text in every language {"en": ..., "es": ...}, each 1 to max
 * characters; what names it ("prompt"), why explains the limit. */
bool cat_get_text(Ctx *c, const cJSON *obj, const char *field, const char *owner,
                  const char *what, int max, bool required, const char *why, Text *out);
/* A whole number from lo to hi; hint says what it means. */
bool cat_get_int(Ctx *c, const cJSON *obj, const char *field, const char *owner, int lo,
                 int hi, const char *hint, int *out);
/* Any number; present says whether it was there. */
bool cat_get_number(Ctx *c, const cJSON *obj, const char *field, const char *owner,
                    bool *present, double *out);
bool cat_get_bool(Ctx *c, const cJSON *obj, const char *field, const char *owner,
                  bool required, bool *out);
/* One of names; its index into out. */
bool cat_get_enum(Ctx *c, const cJSON *obj, const char *field, const char *owner,
                  const char *const *names, int n, int *out);
/* An id that points at another file; node gets the value's node. */
bool cat_get_ref(Ctx *c, const cJSON *obj, const char *field, const char *owner,
                 bool required, char out[CATALOG_ID_MAX + 1], const cJSON **node);
/* Plain text in quotes (a citation, a phone number), 1 to max characters. */
bool cat_get_plain(Ctx *c, const cJSON *obj, const char *field, const char *owner, int max,
                   bool required, const char **out);
/* A reference to an item of kind that must already be in the catalog;
 * what reads "block 2 suggests the exercise". */
bool cat_check_ref(Ctx *c, const cJSON *node, Kind kind, const char *what, const char *id);
/* The item's own id: valid, equal to the file name, not taken. */
bool cat_get_own_id(Ctx *c, const cJSON *root, char out[CATALOG_ID_MAX + 1]);
/* The file holds one object. */
bool cat_require_object(Ctx *c, const cJSON *root);

/* --- one parser per kind; NULL when the file has errors ------------------- */

Exercise *cat_parse_exercise(Ctx *c, const cJSON *root);
Instrument *cat_parse_instrument(Ctx *c, const cJSON *root);
Plan *cat_parse_plan(Ctx *c, const cJSON *root);
Crisis *cat_parse_crisis(Ctx *c, const cJSON *root);

#endif
