/* hearth merge's parser on any bytes, and the import of what it accepts
 * into a temporary database: an accepted file imports, and importing it a
 * second time adds nothing; no accepted group name hides a character and no
 * accepted session is from before 2000. */
#include "export/merge.h"
#include "store/store_session.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define require(cond)                                                                            \
    do {                                                                                         \
        if (!(cond)) {                                                                           \
            fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond);        \
            abort();                                                                             \
        }                                                                                        \
    } while (0)

static Store *store;

static void close_store(void) { store_close(store); }

static Store *temp_store(void)
{
    if (store)
        return store;
    static char dir[256];
    const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    snprintf(dir, sizeof dir, "%s/hearth-fuzz-merge-XXXXXX", base);
    require(mkdtemp(dir) != NULL);
    char path[300];
    snprintf(path, sizeof path, "%s/hearth.db", dir);
    char err[512];
    store = store_open(path, NULL, NULL, err, sizeof err);
    require(store != NULL);
    atexit(close_store);
    return store;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* an exact-size copy: AddressSanitizer flags a read past size */
    char *copy = malloc(size ? size : 1);
    require(copy != NULL);
    if (size)
        memcpy(copy, data, size);
    MergeDoc doc;
    char err[512] = "";
    bool ok = merge_parse("fuzz.json", copy, size, &doc, err, sizeof err);
    free(copy);
    if (!ok) {
        require(strncmp(err, "fuzz.json: ", 11) == 0);
        require(doc.sessions == NULL && doc.nsessions == 0);
        return 0;
    }
    require(doc.nsessions >= 0);
    /* what was accepted holds no hidden character and no impossible date */
    for (int i = 0; i < doc.nsessions; i++)
        require(group_name_valid(doc.sessions[i].group));
    require(doc.nsessions == 0 || doc.latest_ms >= MERGE_EARLIEST_MS);
    Store *s = temp_store();
    ImportStats a, b;
    require(store_report_import(s, doc.export_id, doc.sessions, doc.nsessions, 0, &a) ==
            STORE_OK);
    require(a.added + a.updated + a.skipped == doc.nsessions);
    require(store_report_import(s, doc.export_id, doc.sessions, doc.nsessions, 0, &b) ==
            STORE_OK);
    require(b.added == 0 && b.updated == a.added + a.updated && b.skipped == a.skipped);
    merge_doc_free(&doc);
    return 0;
}
