/* The player: runs an exercise's steps for the room (timed ones end by
 * themselves; untimed ones, such as a group discussion, when the
 * facilitator moves on), and the breathing pacer of its breathe steps.
 *
 * Pure state driven by the monotonic now_ms the main loop passes in; it
 * never reads a clock and never counts frames. Every action taken at now_ms
 * first lets time run up to now_ms (steps whose time is up end), so the
 * result never depends on how often update was called: after the device
 * slept, one update ends exactly the steps that should have ended, each at
 * its own deadline, without drift. Time spent paused counts nowhere. */
#ifndef HEARTH_EXERCISE_H
#define HEARTH_EXERCISE_H

#include "core/catalog.h"

#include <stdbool.h>
#include <stdint.h>

#define EXERCISE_MAX_STEPS 64 /* the player's limit; the catalog's is lower */

/* What an update or an action caused, as bits of its return value. */
enum {
    EXERCISE_STEP_CHANGED = 1 << 0, /* another step (or the same, restarted) is current */
    EXERCISE_FINISHED = 1 << 1      /* the run ended; reported exactly once */
};

/* The player. Read it through the functions below; the fields are public
 * only so that a screen can embed it without an allocation. */
typedef struct ExercisePlayer {
    const Exercise *ex;
    int step;
    uint64_t step_origin; /* when the step's clock read 0, moved on by pauses */
    uint64_t run_origin;  /* the same for the whole run */
    int64_t added_ms;     /* time added to the current step */
    bool paused;
    uint64_t paused_at;
    bool finished, reached_end; /* ended, and by running out rather than early */
    uint64_t finished_at;
    uint64_t done_mask;    /* steps that ran their full time */
    uint64_t skipped_mask; /* steps left early for a later one */
    int skipped_before;    /* skipped before a restart (exercise_carry_skipped) */
} ExercisePlayer;

/* Starts ex at now_ms from step first_step (0 for the beginning; the stored
 * step to resume after a power cut). A step out of range (the file changed
 * since) is clamped to the first or last step and false is returned. The
 * exercise must outlive the player and have 1 to EXERCISE_MAX_STEPS steps. */
bool exercise_start(ExercisePlayer *p, const Exercise *ex, uint64_t now_ms, int first_step);

/* Lets time run up to now_ms: ends every step whose time is up, each at its
 * own deadline, and the run after the last one. Returns the events. */
int exercise_update(ExercisePlayer *p, uint64_t now_ms);

/* Pause and resume; the time in between is left out of every elapsed time
 * and of the pacer. Each is a no-op when it does not apply. */
int exercise_pause(ExercisePlayer *p, uint64_t now_ms);
int exercise_resume(ExercisePlayer *p, uint64_t now_ms);

/* The facilitator moves on: the current step ends now (counted as skipped
 * when its time was not up) and the next starts, or the run finishes after
 * the last step. While paused, the next step waits, paused, at its start. */
int exercise_next(ExercisePlayer *p, uint64_t now_ms);

/* Back to the start of the previous step (of the first, when on the first). */
int exercise_prev(ExercisePlayer *p, uint64_t now_ms);

/* Lengthens the current step by ms ("30 more seconds"); a negative ms
 * shortens it, down to ending it now. Added time lasts until the step ends.
 * Nothing for an untimed step, which has no timer. */
int exercise_add_time(ExercisePlayer *p, uint64_t now_ms, int64_t ms);

/* Ends the run early: finished, not completed. */
int exercise_end(ExercisePlayer *p, uint64_t now_ms);

/* The current step, its index and its length with any added time. After
 * the run finishes they stay on the step where it ended. */
const Step *exercise_current_step(const ExercisePlayer *p);
int exercise_step_index(const ExercisePlayer *p);
int64_t exercise_step_length_ms(const ExercisePlayer *p);

/* Time into and left in the current step at now_ms, pauses excluded,
 * within 0 and the step's length; an untimed step's elapsed time goes on
 * past its planned length, and what is left then stays 0. */
int64_t exercise_step_elapsed_ms(const ExercisePlayer *p, uint64_t now_ms);
int64_t exercise_step_remaining_ms(const ExercisePlayer *p, uint64_t now_ms);

/* Time the run has taken, pauses excluded (frozen once finished), and the
 * time left: the current step's rest plus the later steps. */
int64_t exercise_total_elapsed_ms(const ExercisePlayer *p, uint64_t now_ms);
int64_t exercise_total_remaining_ms(const ExercisePlayer *p, uint64_t now_ms);

/* The current step is untimed: it waits for exercise_next (its seconds are
 * a guide), has no deadline, and counts as done when moved on from after
 * at least half its planned time. */
bool exercise_step_untimed(const ExercisePlayer *p);

bool exercise_is_paused(const ExercisePlayer *p);
bool exercise_is_finished(const ExercisePlayer *p);

/* Completed: the run reached the end of its last step (it was not ended
 * early) and at least one of its steps was played to its end, that is,
 * fewer steps were skipped than the exercise has. A facilitator who taps
 * Next through every step has shown the exercise, not done it. */
bool exercise_is_completed(const ExercisePlayer *p);

/* Steps the facilitator moved on from before their time was up, each
 * counted once, and not when it was later run to the end; those carried
 * over from before a restart included (at most the number of steps). */
int exercise_steps_skipped(const ExercisePlayer *p);

/* A run resumed after a power cut (exercise_start at its stored step):
 * the steps it had skipped before, counted in exercise_steps_skipped and
 * so in what completed means. Call right after exercise_start. */
void exercise_carry_skipped(ExercisePlayer *p, int steps_skipped);

/* The monotonic instant the current step ends, when exercise_update must
 * run next (the main loop may sleep until then); 0 while paused or after
 * the end. */
uint64_t exercise_next_deadline(const ExercisePlayer *p);

/* --- the breathing pacer ------------------------------------------------- */

typedef enum PacerPhase {
    PACER_IN,       /* breathe in: the shape grows */
    PACER_HOLD_IN,  /* hold, full */
    PACER_OUT,      /* breathe out: the shape shrinks */
    PACER_HOLD_OUT  /* hold, small */
} PacerPhase;

/* How a pattern is drawn, from its numbers alone (exercise_pacer_shape). */
typedef enum PacerShape {
    PACER_SHAPE_DISC, /* in and out: a disc that grows and shrinks */
    PACER_SHAPE_HOLD, /* one hold (4-7-8): the disc held still, a ring filling round it */
    PACER_SHAPE_BOX   /* a hold after each breath: a marker round a square, a side a phase */
} PacerShape;

typedef struct Pacer {
    PacerPhase phase;
    double progress;       /* through the phase: 0 at its start, towards 1 */
    double travel;         /* along the phase's side or ring: progress, or with
                              stepwise the whole seconds (1/n ... n/n) */
    double size;           /* 0 smallest .. 1 fullest */
    int cycle;             /* whole cycles done before this one */
    int second;            /* the second of the phase, from 1, to count aloud */
    int64_t phase_ms;      /* the phase's length */
    int64_t phase_left_ms; /* until the next phase */
} Pacer;

/* The pacer t_ms into a pattern of whole seconds [in, hold, out, hold]
 * (see Step.pattern): exactly periodic, zero-length holds skipped. The size
 * follows a cosine ease, 0 at the start of a breath in, 0.5 halfway, 1 at
 * its end. stepwise is for reduced motion: the size moves once a second,
 * in equal steps (1/n, 2/n ... n/n over an n-second breath in), and never
 * in between. */
void exercise_pacer_at(const int pattern[4], int64_t t_ms, bool stepwise, Pacer *out);

/* The shape a pattern [in, hold, out, hold] is drawn with: a box when
 * both holds last, a held disc with a filling ring when one does, else a
 * plain disc. */
PacerShape exercise_pacer_shape(const int pattern[4]);

/* The pacer of the current step at now_ms, anchored at the step's start,
 * frozen while paused. False when the step is not a breathe step or the run
 * has finished. */
bool exercise_pacer(const ExercisePlayer *p, uint64_t now_ms, bool stepwise, Pacer *out);

/* The next instant the stepwise pacer changes (the next whole second of
 * the step), for a reduced-motion screen that sleeps in between; 0 when
 * there is no pacer running. */
uint64_t exercise_pacer_next_change(const ExercisePlayer *p, uint64_t now_ms);

#endif
