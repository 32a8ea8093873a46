/* Passes and check-ins. A pass is known only by the hash of its secret and
 * a pseudonym; the secret itself never reaches the database. */
#ifndef HEARTH_STORE_PASS_H
#define HEARTH_STORE_PASS_H

#include "core/model.h"
#include "core/pass.h"
#include "store/store.h"

/* Adds a pass. STORE_EXISTS when the hash or the pseudonym is taken (the
 * caller draws a new secret). */
StoreResult store_pass_add(Store *store, const unsigned char hash[PASS_HASH_BYTES],
                           const char *pseudonym, int64_t wall_ms, PassInfo *out);

/* Adds n passes and an audit row (action "pass.issue", detail) in one
 * transaction: all of them or none. out (may be NULL) receives each pass.
 * STORE_EXISTS when a hash or a pseudonym is taken: nothing was added. */
StoreResult store_pass_add_many(Store *store, const unsigned char (*hashes)[PASS_HASH_BYTES],
                                const char (*pseudonyms)[PSEUDONYM_MAX], int n, int64_t wall_ms,
                                const char *detail, PassInfo *out);

/* Removes again, with an audit row ("pass.unissue", detail), in one
 * transaction, passes that store_pass_add_many added but nobody can hold
 * (their sheet could not be put in place). A pass already used at the
 * door is kept: the whole removal then fails and changes nothing. */
StoreResult store_pass_remove_unused(Store *store, const PassInfo *passes, int n,
                                     int64_t wall_ms, const char *detail);

/* Finds a pass by hash (revoked ones too: out->revoked says). */
StoreResult store_pass_find(Store *store, const unsigned char hash[PASS_HASH_BYTES],
                            PassInfo *out);

/* Finds a pass by pseudonym, as staff know it. */
StoreResult store_pass_find_pseudonym(Store *store, const char *pseudonym, PassInfo *out);

/* Revokes a pass by id: STORE_NOT_FOUND when there is none, STORE_EXISTS
 * when it was already revoked. */
StoreResult store_pass_revoke(Store *store, const char *pass_id, int64_t wall_ms);

/* Passes, newest first, from offset; returns how many were written,
 * negative on error. */
int store_pass_list(Store *store, PassInfo *out, int max, int offset);

/* How many passes there are (valid only, or all). */
int store_pass_count(Store *store, bool include_revoked);

/* Records a check-in or check-out for a pass in a session. STORE_EXISTS when
 * that pass already did so in this session; *earlier_ms (may be NULL) then
 * holds when. */
StoreResult store_checkin_add(Store *store, const char *session_id, const char *pass_id,
                              CheckinKind kind, int64_t wall_ms, int64_t *earlier_ms);

/* Whether that pass did so in this session: STORE_OK (*at_ms, when not NULL,
 * holds when), STORE_NOT_FOUND, or an error. */
StoreResult store_checkin_find(Store *store, const char *session_id, const char *pass_id,
                               CheckinKind kind, int64_t *at_ms);

StoreResult store_staff_request_add(Store *store, const char *session_id, const char *pass_id,
                                    int64_t wall_ms);
/* Requests of a session not yet marked seen, oldest first; returns how
 * many were written, negative on error. */
int store_staff_requests_open(Store *store, const char *session_id, StaffRequest *out, int max);
StoreResult store_staff_request_seen(Store *store, const char *id, int64_t wall_ms);

#endif
