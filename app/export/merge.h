/* hearth merge: another kiosk's JSON export brought into this database's
 * trends. The file is outside input: every field is checked before
 * anything is written, and a broken file is refused whole with
 * "file: what is wrong".
 *
 * What a merge keeps (the rules the README states too):
 *  - Sessions are keyed by their UUID: merging a file twice, or two files
 *    that share sessions, counts each session once. A session of this
 *    kiosk itself is never overwritten by a copy from elsewhere.
 *  - Groups are matched by name: "DBT Skills - Tue AM" on the door's kiosk
 *    and on the room's is the same group, as a clinic names its groups.
 *  - A cell the other kiosk withheld is stored as withheld (no figures at
 *    all) and stays withheld here; a shown cell is withheld again when this
 *    kiosk's threshold is higher. The counts per scale point are kept only
 *    when the other kiosk showed every one of them. */
#ifndef HEARTH_MERGE_H
#define HEARTH_MERGE_H

#include "store/store_report.h"

#include <stddef.h>

#define MERGE_FILE_MAX (256u * 1024u * 1024u)

/* Sessions opened before this are refused: Hearth did not exist, and a
 * date from 1970 sends the trends' week numbers into the thousands. */
#define MERGE_EARLIEST_MS 946684800000LL /* 2000-01-01T00:00:00Z */
/* ... and so are sessions opened more than this after the merge. */
#define MERGE_FUTURE_MS (24LL * 3600 * 1000)

typedef struct MergeDoc {
    char export_id[40];
    char kiosk_id[40];
    int min_cell;
    bool demo;              /* made from 'hearth demo-data' (its "demo") */
    int64_t latest_ms;      /* the latest session's opening */
    char latest_where[32];  /* which one: "sessions[12]" */
    ImportSession *sessions;
    int nsessions;
    void *storage; /* what the sessions' strings and arrays point into */
} MergeDoc;

/* Parses and checks an export held in memory. label names the file in
 * messages. False with "label: what is wrong" in err: not JSON, a key
 * twice in one object, a string holding \u0000 (which would cut it short),
 * a group name with a control or format character (group_name_valid),
 * a session opened before 2000, any field out of its range. */
bool merge_parse(const char *label, const char *buf, size_t len, MergeDoc *out, char *err,
                 size_t errlen);
void merge_doc_free(MergeDoc *doc);

typedef struct MergeOptions {
    bool include_demo; /* merge an export of demo data into a real kiosk */
} MergeOptions;

/* Reads (a regular file only: a FIFO or a device is refused, never waited
 * on), checks and imports a file in one transaction. Beyond merge_parse it
 * refuses sessions opened more than a day after wall_ms, and an export of
 * demo data into a database that is not itself demo data unless
 * opt->include_demo (opt may be NULL). False with "file: what is wrong"
 * (or the database's sentence) in err; the database is then unchanged.
 * The merge's audit row is written in the same transaction. */
bool merge_file(Store *store, const char *path, int64_t wall_ms, const MergeOptions *opt,
                ImportStats *stats, MergeDoc *info, char *err, size_t errlen);

#endif
