/* Checking in at the door: the one code path shared by the kiosk's door
 * screen and `hearth checkin`, so both behave the same to the letter. */
#ifndef HEARTH_CHECKIN_H
#define HEARTH_CHECKIN_H

#include "core/pass.h"
#include "store/store_pass.h"
#include "store/store_session.h"

#include <stddef.h>
#include <stdint.h>

/* The outcome, with the command line's exit status as its value. */
typedef enum CheckinOutcome {
    CHECKIN_OK = 0,          /* checked in (or out, during check-out) */
    CHECKIN_ERROR = 1,       /* the database failed: store_error() says why */
    CHECKIN_ALREADY = 10,    /* already checked in (or out) in this session */
    CHECKIN_UNKNOWN = 11,    /* a pass of ours, but unknown here or revoked */
    CHECKIN_MALFORMED = 12,  /* not a pass: a typo, a foreign barcode, junk */
    CHECKIN_NO_SESSION = 13, /* no session is open */
    CHECKIN_NOT_IN = 14      /* checking out a pass that never checked in: not counted */
} CheckinOutcome;

typedef struct CheckinResult {
    CheckinOutcome outcome;
    PassParseResult parse;   /* how the input read (typo, foreign...) */
    bool revoked;            /* UNKNOWN: the pass was revoked */
    bool checkout;           /* the session is checking out: this was "out" */
    StoreResult store;       /* ERROR: what the store said (STORE_FULL...) */
    int64_t earlier_ms;      /* ALREADY: when (0 when unknown) */
    PassInfo pass;           /* OK, ALREADY: the pass (id, pseudonym) */
    SessionInfo session;     /* when a session is open */
} CheckinResult;

/* Reads text (a scan or a typed code, len bytes, not necessarily
 * terminated), finds the pass by its hash, and records the check-in (or the
 * check-out once the facilitator started check-out), committed before this
 * returns. Nothing is stored for any outcome but CHECKIN_OK. The secret is
 * wiped before returning and never logged. */
CheckinOutcome checkin_submit(Store *store, const char *text, size_t len, int64_t wall_ms,
                              CheckinResult *out);

/* Finds a valid (not revoked) pass from a scan or code without checking in:
 * for pseudonymous rating rounds. Returns CHECKIN_OK with the pass, or
 * CHECKIN_UNKNOWN, CHECKIN_MALFORMED or CHECKIN_ERROR. */
CheckinOutcome checkin_lookup(Store *store, const char *text, size_t len, PassInfo *pass,
                              PassParseResult *parse);

/* Issues a new pass: draws a secret, stores its hash and pseudonym with an
 * audit row in one transaction, and
 * writes the payload and code for printing or showing once. Retries when a
 * pseudonym is taken. The caller must wipe payload and code after use. */
StoreResult checkin_issue_pass(Store *store, int64_t wall_ms, char payload[PASS_PAYLOAD_SIZE],
                               char code[PASS_CODE_SIZE], PassInfo *info);

/* Finds the pass a scan, code or pseudonym ("P-7Q3K") names, revoked ones
 * too (info->revoked says), changing nothing: so staff can be asked before
 * a revocation, whichever way the pass was named. STORE_NOT_FOUND when no
 * pass matches; *parse says how a code read. */
StoreResult checkin_find_pass(Store *store, const char *text, PassInfo *info,
                              PassParseResult *parse);

/* Revokes the pass a scan, code or pseudonym ("P-7Q3K") names, with its
 * audit row in the same transaction. Returns
 * STORE_OK, STORE_NOT_FOUND (no such pass), STORE_EXISTS (already revoked),
 * or an error; *parse says how a code read. */
StoreResult checkin_revoke(Store *store, const char *text, int64_t wall_ms, PassInfo *info,
                           PassParseResult *parse);

#endif
