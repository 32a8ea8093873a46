/* What a facilitator does to sessions and groups, from the console or the
 * command line: one function each, its audit row written in the same
 * transaction, so that nothing happens unrecorded and no record tells of
 * something that did not happen. */
#ifndef HEARTH_SVC_SESSION_H
#define HEARTH_SVC_SESSION_H

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

/* Follows a plan in the open session (NULL or "" for none). */
StoreResult session_choose_plan(Store *store, const char *plan_id, int64_t wall_ms);

/* Makes block (from 0, within the plan) the open session's current one at
 * wall_ms, keeping what happened (core/plan.h plan_record_move): earlier
 * starts stay as they were, blocks gone past unstarted are recorded as
 * skipped. With its audit row. STORE_NOT_FOUND without an open session
 * following a plan. */
StoreResult session_move_block(Store *store, int block, int64_t wall_ms);

/* What happened in the open session's plan so far (sess from
 * store_session_current), with done set when the current block's exercise
 * was completed since the block began (plan NULL: never done). */
StoreResult session_plan_record(Store *store, const SessionInfo *sess, const Plan *plan,
                                PlanRecord *rec);

/* Before a session opens for a group that does not exist yet: the
 * existing group whose name it nearly is (core/names.h: case, spacing, a
 * letter or two), the nearest one, so that a typo does not quietly start
 * a second group. STORE_OK with its name in near; STORE_NOT_FOUND when
 * name is a group already or nothing is near it; *exists says whether
 * name is a group already. */
StoreResult group_find_near_miss(Store *store, const char *name, bool *exists,
                                 char near[GROUP_NAME_MAX * 4 + 1]);

/* Sets whether a group's answers are linked to no one (anonymous) or to
 * the pass's pseudonym, from its next session on. */
StoreResult group_set_ratings(Store *store, const char *group, bool anonymous, int64_t wall_ms);

#endif
