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

typedef struct MergeDoc {
    char export_id[40];
    char kiosk_id[40];
    int min_cell;
    ImportSession *sessions;
    int nsessions;
    void *storage; /* what the sessions' strings and arrays point into */
} MergeDoc;

/* Parses and checks an export held in memory. label names the file in
 * messages. False with "label: what is wrong" in err. */
bool merge_parse(const char *label, const char *buf, size_t len, MergeDoc *out, char *err,
                 size_t errlen);
void merge_doc_free(MergeDoc *doc);

/* Reads, checks and imports a file in one transaction. False with
 * "file: what is wrong" (or the database's sentence) in err; the database
 * is then unchanged. */
bool merge_file(Store *store, const char *path, int64_t wall_ms, ImportStats *stats,
                MergeDoc *info, char *err, size_t errlen);

#endif
