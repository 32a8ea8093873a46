/* Groups and their sessions. One session is open at a time on a kiosk. */
#ifndef HEARTH_STORE_SESSION_H
#define HEARTH_STORE_SESSION_H

#include "core/model.h"
#include "core/plan.h"
#include "store/store.h"

/* Finds the group by name or creates it (anonymous). */
StoreResult store_group_ensure(Store *store, const char *name, int64_t wall_ms,
                               char id_out[40]);

/* Sets whether a group's ratings are anonymous (1) or pseudonymous (0),
 * from its next session on: an open session keeps the way it opened with. */
StoreResult store_group_set_anonymous(Store *store, const char *group_name, bool anonymous);

/* Whether a group rates anonymously and how many sessions it has had;
 * STORE_NOT_FOUND when there is no such group. */
StoreResult store_group_info(Store *store, const char *name, bool *anonymous, int *sessions);

/* Lists group names, alphabetically, from offset; returns how many were
 * written (at most max), negative on error (store_error() says why). */
int store_group_list(Store *store, char names[][GROUP_NAME_SIZE], int max, int offset);

/* Opens a session for the group (created when new). STORE_EXISTS when a
 * session is already open on this kiosk; *out then describes that one. */
StoreResult store_session_open(Store *store, const char *group_name, int64_t wall_ms,
                               SessionInfo *out);

/* The open session, or STORE_NOT_FOUND. */
StoreResult store_session_current(Store *store, SessionInfo *out);

/* Closes the open session, or STORE_NOT_FOUND. */
StoreResult store_session_close(Store *store, int64_t wall_ms);

/* Marks the open session as checking out (the door then checks people out). */
StoreResult store_session_start_checkout(Store *store, int64_t wall_ms);

/* Records the plan the facilitator follows in the open session (NULL or ""
 * for none); its first block starts at wall_ms. */
StoreResult store_session_set_plan(Store *store, const char *plan_id, int64_t wall_ms);

/* Makes block (from 0) the open session's current block, started at
 * wall_ms. The caller keeps block within the plan. */
StoreResult store_session_set_block(Store *store, int block, int64_t wall_ms);

/* The session's record of the plan plan_id (core/plan.h), read from what
 * was stored; blocks never written are all zero. rec->done is left false.
 * Each plan a session followed keeps its own record. */
StoreResult store_plan_record_load(Store *store, const char *session_id, const char *plan_id,
                                   PlanRecord *rec);

/* Replaces the session's record of the plan plan_id with rec (the blocks
 * with anything recorded); other plans' records stay. Part of the
 * caller's transaction. */
StoreResult store_plan_record_save(Store *store, const char *session_id, const char *plan_id,
                                   const PlanRecord *rec);

/* Whether the session has a completed run of the exercise that began at or
 * after since_ms: a plan block's exercise done. */
StoreResult store_run_completed_since(Store *store, const char *session_id, const char *exercise,
                                      int64_t since_ms, bool *done);

/* Whether a facilitator's round of instrument ended at or after since_ms
 * (the audit's "round.end", which names the instrument and nothing of the
 * answers): what marks a plan's rating block done. */
StoreResult store_round_ended_since(Store *store, const char *instrument, int64_t since_ms,
                                    bool *done);

/* How many distinct passes checked in or out of a session; negative on
 * error. */
int store_session_count(Store *store, const char *session_id, CheckinKind kind);

#endif
