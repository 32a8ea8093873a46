/* Issuing passes that are printed on a sheet: drawn first, stored only
 * once the sheet is written. A pass stored but never printed is one nobody
 * holds; export/passsheet.c orders the steps (sheet written and synced,
 * passes committed, sheet put in place, passes removed again should that
 * fail) and both the console and `hearth pass new --pdf` go through it. */
#ifndef HEARTH_ISSUE_H
#define HEARTH_ISSUE_H

#include "core/pass.h"
#include "store/store_pass.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct PassIssue {
    int n;
    /* the secrets as printed, in guarded memory (libsodium), wiped by
     * issue_free: a payload for the QR code and a code for typing */
    char (*payloads)[PASS_PAYLOAD_SIZE];
    char (*codes)[PASS_CODE_SIZE];
    unsigned char (*hashes)[PASS_HASH_BYTES];
    char (*pseudonyms)[PSEUDONYM_MAX];
    PassInfo *stored; /* after issue_store: each pass as stored */
} PassIssue;

/* Draws n new passes (1 to 1000) without storing anything: pseudonyms
 * distinct among themselves and from the passes stored now. STORE_OK, or
 * an error with the sentence in store_error(). Free with issue_free. */
StoreResult issue_draw(Store *store, int n, PassIssue *out);

/* Stores the drawn passes with their audit row (detail, never a secret)
 * in one transaction: all or none. STORE_EXISTS when another issue took a
 * pseudonym meanwhile (nothing stored; draw again). */
StoreResult issue_store(Store *store, PassIssue *issue, int64_t wall_ms, const char *detail);

/* Takes stored passes back (their sheet never reached its place), audited. */
StoreResult issue_unstore(Store *store, PassIssue *issue, int64_t wall_ms, const char *detail);

/* Wipes the secrets and frees everything. */
void issue_free(PassIssue *issue);

/* Passes, newest first, from offset: returns how many were written (at
 * most max), negative on error. Pseudonyms and times only. */
int passes_list(Store *store, PassInfo *out, int max, int offset);

/* How many passes there are (valid only, or all); negative on error. */
int passes_count(Store *store, bool include_revoked);

#endif
