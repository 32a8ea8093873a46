/* A rating round on the shared screen (issue 5): participants come up one
 * at a time and tap an answer; the screen shows how many have answered,
 * never what; the facilitator ends the round and may reveal the result only
 * when enough people answered. Pure state, driven by the monotonic now_ms
 * the main loop passes in; no allocation (a Round is a plain struct the
 * screen embeds). The screen commits each answer to the database itself and
 * keeps the row id here so that an undo can delete it. */
#ifndef HEARTH_ROUND_H
#define HEARTH_ROUND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/stats.h"

#define ROUND_MAX_ANSWERS 256     /* a large group answering twice over */
#define ROUND_MIN_CELL_FLOOR STATS_MIN_CELL_FLOOR /* no threshold below this on screen */
#define ROUND_UNDO_MS 5000        /* a mis-tap can be undone this long */
#define ROUND_THANKS_MS 2500      /* the thank-you that hides the last choice */
#define ROUND_TWO_DIGITS_MS 1000  /* "1" then "0" this quickly types 10 */

/* How a round is set up. Zero for undo_ms or thanks_ms picks the default
 * above; a negative one means none at all (tests, accessibility). */
typedef struct RoundConfig {
    int scale_min;  /* the instrument's scale, both ends included */
    int scale_max;
    int min_cell;   /* answers needed to reveal; raised to 3 when lower */
    int undo_ms;
    int thanks_ms;
} RoundConfig;

/* The round. Read it through the functions below; the fields are public
 * only so that a screen can embed it without an allocation. */
typedef struct Round {
    int scale_min, scale_max;
    int min_cell;
    uint64_t undo_ms, thanks_ms;
    bool closed;
    size_t count;
    uint64_t last_at_ms;   /* when the most recent answer was tapped */
    bool last_undoable;    /* its person may still take it back */
    bool thanks_pending;   /* its thank-you has not been cut short */
    int values[ROUND_MAX_ANSWERS];
    int64_t ids[ROUND_MAX_ANSWERS]; /* database row of each answer; 0 none */
    bool typed_pending;    /* a digit was typed that may begin a two-digit answer */
    int typed;             /* that digit */
    uint64_t typed_at_ms;  /* when */
} Round;

/* Why an answer was not recorded (round_answer_add returns these). */
typedef enum RoundRefusal {
    ROUND_REFUSED_RANGE = -1,   /* the value is not on the scale */
    ROUND_REFUSED_CLOSED = -2,  /* the facilitator ended the round */
    ROUND_REFUSED_FULL = -3,    /* ROUND_MAX_ANSWERS reached */
    ROUND_REFUSED_BUSY = -4     /* the previous thank-you is still showing */
} RoundRefusal;

/* What may be shown of a closed round, or of two rounds compared. */
typedef enum RoundShow {
    ROUND_SHOW_OK = 0,       /* the result may be shown */
    ROUND_SHOW_OPEN,         /* the round has not been ended yet */
    ROUND_SHOW_TOO_FEW,      /* "too few answers to show" */
    ROUND_SHOW_MISMATCH      /* pre and post use different scales */
} RoundShow;

/* Two rounds compared: each as stats_disclose shows it, and the change of
 * their middle answers (post - pre). */
typedef struct RoundChange {
    StatsShown pre, post;
    int change;
} RoundChange;

/* Starts an empty, open round. Returns false, leaving r unusable, when the
 * scale is empty or has more than ROUND_MAX_POINTS points (an instrument
 * file the catalog should have refused). */
bool round_init(Round *r, const RoundConfig *cfg);

/* Records a tapped answer at now_ms and starts its thank-you. Returns the
 * answer's index (>= 0), for round_answer_set_id, or a negative
 * RoundRefusal. Answers are refused while the previous thank-you shows: a
 * double tap is one answer, and the next person cannot answer before the
 * last choice is off the screen. */
int round_answer_add(Round *r, int value, uint64_t now_ms);

/* A digit (0 to 9) typed on the keyboard at now_ms: returns the answer it
 * picks, or ROUND_REFUSED_RANGE when it picks none on this scale. The rule
 * a facilitator can say in one sentence: type the answer's number, and for
 * 10 type 1 then 0 (within ROUND_TWO_DIGITS_MS). So a digit that follows a
 * non-zero digit that quickly picks the two-digit number when the scale
 * has it, else the digit alone. Picking is not answering: the screen
 * highlights the pick and Enter records it with round_answer_add. */
int round_type_digit(Round *r, int digit, uint64_t now_ms);

/* Forgets a digit that could begin a two-digit answer (a pass was scanned
 * in between: its digits were never anyone's answer). */
void round_type_forget(Round *r);

/* Puts back an answer already in the database, after a restart: no
 * thank-you, no undo (its person has long gone back to their seat).
 * Returns the index or a negative RoundRefusal. */
int round_answer_restore(Round *r, int value, int64_t id);

/* Keeps the database row id of answer index, once it is committed. */
void round_answer_set_id(Round *r, int index, int64_t id);

/* The database row of answer index; 0 when none was set. */
int64_t round_answer_id(const Round *r, int index);

/* Takes back the most recent answer for the person who just gave it:
 * only within the undo window (now_ms - tap < undo_ms), only while no
 * newer answer was recorded and the round is open, and only once (the
 * answer before it belongs to someone else). Ends the thank-you so that
 * they can answer again. On success returns true and, when the pointers
 * are not NULL, the removed value and database row id, for the screen to
 * delete. */
bool round_answer_undo(Round *r, uint64_t now_ms, int *value, int64_t *id);

/* Drops the answer just added when the database could not commit it, so
 * that nothing is counted that is not stored; index must be the most recent
 * answer. No time limit: the thank-you was never shown. */
void round_answer_cancel(Round *r, int index);

/* True while round_answer_undo would succeed at now_ms (show the button). */
bool round_can_undo(const Round *r, uint64_t now_ms);

/* True while the thank-you for the most recent answer shows at now_ms. */
bool round_thanks_showing(const Round *r, uint64_t now_ms);

/* When the current thank-you ends; 0 when none is showing at now_ms. */
uint64_t round_thanks_end_ms(const Round *r, uint64_t now_ms);

/* The next instant after now_ms at which the screen changes by itself (the
 * thank-you ends, the undo button goes), for app_wake_at; 0 when nothing is
 * pending. */
uint64_t round_next_deadline_ms(const Round *r, uint64_t now_ms);

/* How many have answered: the one figure shown while the round is open. */
size_t round_count(const Round *r);

/* The threshold in force, after the clamp to ROUND_MIN_CELL_FLOOR. */
int round_min_cell(const Round *r);

/* The facilitator ends the round: no more answers, no more undo. */
void round_close(Round *r);

/* True once round_close was called. */
bool round_is_closed(const Round *r);

/* The result, when the round is closed and at least min_cell people
 * answered: what stats_disclose shows of its answers (how many, the middle
 * answer, from 7 answers the middle half; never how many chose each
 * answer). Otherwise the reason, with out emptied so that no stale figure
 * can reach the screen. */
RoundShow round_reveal(const Round *r, StatsShown *out);

/* The change from a round before an exercise to one after it (same
 * instrument): shown only when both are closed, use the same scale, and
 * each meets the higher of their two thresholds. On anything but
 * ROUND_SHOW_OK, out is emptied. */
RoundShow round_compare(const Round *pre, const Round *post, RoundChange *out);

#endif
