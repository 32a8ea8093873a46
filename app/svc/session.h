/* What a facilitator does to sessions and groups, from the console or the
 * command line: one function each, its audit row written in the same
 * transaction, so that nothing happens unrecorded and no record tells of
 * something that did not happen. */
#ifndef HEARTH_SVC_SESSION_H
#define HEARTH_SVC_SESSION_H

#include "core/model.h"
#include "store/store_pass.h"
#include "store/store_session.h"

#include <stdbool.h>
#include <stdint.h>

/* Opens a session for the group (created when new). STORE_EXISTS when one
 * is already open; *out then describes that one. */
StoreResult session_start(Store *store, const char *group, int64_t wall_ms, SessionInfo *out);

/* Closes the open session (STORE_NOT_FOUND when none); closed (may be
 * NULL) receives what it was. The daily backup waits for this moment:
 * store_backup_if_due never copies a session's answers half-way. */
StoreResult session_finish(Store *store, int64_t wall_ms, SessionInfo *closed);

/* Starts check-out: the door checks people out from now on. */
StoreResult session_begin_checkout(Store *store, int64_t wall_ms);

/* Follows a plan in the open session (NULL or "" for none): a plan new to
 * the session from its first block at wall_ms, one followed earlier in it
 * from the last block it began. The records of plans followed before are
 * kept as they were. */
StoreResult session_choose_plan(Store *store, const char *plan_id, int64_t wall_ms);

/* Makes block (from 0, within the plan) the open session's current one at
 * wall_ms, keeping what happened (core/plan.h plan_record_move): earlier
 * starts stay as they were, blocks gone past unstarted are recorded as
 * skipped. With its audit row. STORE_NOT_FOUND without an open session
 * following a plan. */
StoreResult session_move_block(Store *store, int block, int64_t wall_ms);

/* What happened in the open session's plan so far (sess from
 * store_session_current), with done set when the current block's exercise
 * was completed, or its rating round ended, since the block began (plan
 * NULL: never done). */
StoreResult session_plan_record(Store *store, const SessionInfo *sess, const Plan *plan,
                                PlanRecord *rec);

/* Before a session opens for a group that does not exist yet: the
 * existing group whose name it nearly is (core/names.h: case, spacing, a
 * letter or two), the nearest one, so that a typo does not quietly start
 * a second group. STORE_OK with its name in near; STORE_NOT_FOUND when
 * name is a group already or nothing is near it; *exists says whether
 * name is a group already. */
StoreResult group_find_near_miss(Store *store, const char *name, bool *exists,
                                 char near[GROUP_NAME_SIZE]);

/* Sets whether a group's answers are linked to no one (anonymous) or to
 * the pass's pseudonym, from its next session on. */
StoreResult group_set_ratings(Store *store, const char *group, bool anonymous, int64_t wall_ms);

/* What the screens and the command line read and note of the open session
 * (the store does the work; this is their one way in). */

/* The open session (out may be NULL), or STORE_NOT_FOUND. */
StoreResult session_current(Store *store, SessionInfo *out);

/* How many distinct passes checked in or out of a session; negative on
 * error. */
int session_count(Store *store, const char *session_id, CheckinKind kind);

/* The session's requests for a staff member not yet seen, oldest first;
 * returns how many were written (at most max), negative on error. */
int session_requests_open(Store *store, const char *session_id, StaffRequest *out, int max);

/* Marks a request for a staff member seen. */
StoreResult session_request_seen(Store *store, const char *request_id, int64_t wall_ms);

/* Group names, alphabetically, from offset: returns how many were written
 * (at most max), negative on error. */
int group_list(Store *store, char names[][GROUP_NAME_SIZE], int max, int offset);

/* Every group name, alphabetically, read page by page however many there
 * are, into *names (malloc'd; the caller frees it, NULL when none).
 * Returns how many, negative on error. */
int group_list_all(Store *store, char (**names)[GROUP_NAME_SIZE]);

/* The same for the groups reports can be about: those of local and of
 * imported sessions alike, each once. */
int report_groups_all(Store *store, char (**names)[GROUP_NAME_SIZE]);

/* Whether a group rates anonymously and how many sessions it has had;
 * STORE_NOT_FOUND when there is no such group. */
StoreResult group_info(Store *store, const char *name, bool *anonymous, int *sessions);

#endif
