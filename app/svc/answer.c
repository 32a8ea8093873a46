#include "svc/answer.h"

StoreResult answer_give(Store *s, const Answer *a, int64_t wall_ms, AnswerReceipt *receipt)
{
    /* The pass goes down only when this session links answers; the store
     * checks again against the session itself, so a mistake here or in a
     * screen still stores nothing linked. */
    RatingRow row = {.session_id = a->session->id,
                     .instrument = a->instrument,
                     .item = a->item,
                     .phase = a->phase,
                     .value = a->value,
                     .pass_id = !a->session->anonymous && a->pass ? a->pass->id : NULL,
                     .run_id = a->run_id,
                     .round_id = a->round_id,
                     .wall_ms = wall_ms};
    return store_answer_add(s, &row, receipt);
}

StoreResult answer_take_back(Store *s, AnswerReceipt *receipt)
{
    return store_answer_take_back(s, receipt);
}

StoreResult answer_ask_staff(Store *s, const SessionInfo *session, const PassInfo *pass,
                             int64_t wall_ms)
{
    return store_staff_request_add(s, session->id,
                                   !session->anonymous && pass ? pass->id : NULL, wall_ms);
}
