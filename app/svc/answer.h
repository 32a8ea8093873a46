/* Answers and requests for a staff member: the one place that decides what
 * is linked to a person, shared by the door, the rounds and the command
 * line. A screen says who answered when it knows (a pass scanned in a
 * pseudonymous group); whether that is kept is decided here and enforced
 * by the store, from the session's own way of rating: in an anonymous
 * session nothing a screen passes can link an answer or a request to a
 * pass, or to a moment (store_rating.h, store.h's store_scrub). */
#ifndef HEARTH_ANSWER_H
#define HEARTH_ANSWER_H

#include "store/store_pass.h"
#include "store/store_rating.h"
#include "store/store_session.h"

#include <stdint.h>

typedef struct Answer {
    const SessionInfo *session; /* the open session */
    const char *instrument;
    const char *item;           /* NULL for single-item instruments */
    RatingPhase phase;
    int value;
    const PassInfo *pass;       /* who answered, when a scan said so; may be NULL */
    const char *run_id;         /* pre and post: the exercise run */
    const char *round_id;       /* pre, post and round: the round */
} Answer;

/* Stores an answer, committed before it returns. receipt (may be NULL)
 * lets the same person take it back (answer_take_back) until the next
 * person answers; keep it in memory only. A pseudonymous session without
 * a pass is refused (STORE_ERROR with a sentence). */
StoreResult answer_give(Store *store, const Answer *a, int64_t wall_ms, AnswerReceipt *receipt);

/* Takes back the answer a receipt names; the receipt is emptied. */
StoreResult answer_take_back(Store *store, AnswerReceipt *receipt);

/* Asks for a staff member: stored with the pass and the time in a
 * pseudonymous session, with neither in an anonymous one. */
StoreResult answer_ask_staff(Store *store, const SessionInfo *session, const PassInfo *pass,
                             int64_t wall_ms);

#endif
