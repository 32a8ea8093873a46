/* libFuzzer target: the catalog's four parsers on any bytes, then the
 * player over whatever exercise came out. Beyond no crash and no leak, it
 * checks what a person relies on: every problem has a sentence and a line
 * inside the file, and line numbers were always worked out. */
#include "core/catalog.h"
#include "core/exercise.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(bool ok, const char *what, const CatalogProblem *p)
{
    if (ok)
        return;
    fprintf(stderr, "fuzz_catalog: %s: %s:%d: %s\n", what, p ? p->file : "",
            p ? p->line : 0, p ? p->message : "");
    abort();
}

/* Drives a player through the exercise with a clock the input shapes. */
static void play(const Exercise *ex, const uint8_t *data, size_t size)
{
    ExercisePlayer p;
    uint64_t now = 5000;
    exercise_start(&p, ex, now, (int)(size % 3) - 1);
    int finished = 0;
    for (size_t i = 0; i < size && i < 256 && !exercise_is_finished(&p); i++) {
        now += (uint64_t)data[i] * 997;
        int ev;
        switch (data[i] & 7) {
        case 0: ev = exercise_next(&p, now); break;
        case 1: ev = exercise_prev(&p, now); break;
        case 2: ev = exercise_pause(&p, now); break;
        case 3: ev = exercise_resume(&p, now); break;
        case 4: ev = exercise_add_time(&p, now, (int64_t)data[i] * 1000 - 128000); break;
        default: ev = exercise_update(&p, now); break;
        }
        finished += (ev & EXERCISE_FINISHED) != 0;
        /* It was running before this call: it finished iff it said so. */
        check(exercise_is_finished(&p) == ((ev & EXERCISE_FINISHED) != 0),
              "finished without the event, or the event without finishing", NULL);
        Pacer pc;
        if (exercise_pacer(&p, now, data[i] & 8, &pc))
            check(pc.size >= 0.0 && pc.size <= 1.0 && pc.progress >= 0.0 && pc.progress < 1.0,
                  "pacer out of range", NULL);
        /* Only an untimed step runs past its planned length. */
        check(exercise_step_untimed(&p) ||
                  exercise_step_elapsed_ms(&p, now) <= exercise_step_length_ms(&p),
              "elapsed past the step's length", NULL);
        check(exercise_step_remaining_ms(&p, now) >= 0, "time left below zero", NULL);
        check(!exercise_step_untimed(&p) || exercise_next_deadline(&p) == 0,
              "a deadline on an untimed step", NULL);
        uint64_t deadline = exercise_next_deadline(&p);
        check(deadline == 0 || !exercise_is_paused(&p), "a deadline while paused", NULL);
    }
    finished += (exercise_end(&p, now + 1) & EXERCISE_FINISHED) != 0;
    finished += (exercise_update(&p, now + 10000000) & EXERCISE_FINISHED) != 0;
    check(finished == 1, "finished reported other than once", NULL);
    check(exercise_steps_skipped(&p) <= ex->nsteps, "more skips than steps", NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Catalog *cat = catalog_new();
    if (!cat)
        return 0;
    const char *text = (const char *)data;
    /* One input as each kind: the crisis card and instruments first, so an
     * exercise can take the card's note and refer to an instrument "x". */
    catalog_add_crisis(cat, "crisis.json", text, size);
    catalog_add_instrument(cat, "instruments/x.json", text, size);
    catalog_add_exercise(cat, "exercises/x.json", text, size);
    catalog_add_plan(cat, "plans/x.json", text, size);

    int lines = 1;
    for (size_t i = 0; i < size; i++)
        lines += data[i] == '\n';
    for (int i = 0; i < catalog_problem_count(cat); i++) {
        const CatalogProblem *p = catalog_problem_at(cat, i);
        check(p->line >= 1 && p->line <= lines, "line outside the file", p);
        check(p->message[0] != '\0', "a problem without a sentence", p);
        /* A prefix: the input itself may hold these words, in a quoted name. */
        check(strncmp(p->message, "line numbers could not be worked out", 36) != 0,
              "positions lost", p);
        char out[600];
        catalog_problem_format(p, out, sizeof out);
    }
    const Crisis *cr = catalog_crisis(cat);
    if (cr)
        check(cr->nlines >= 1 && cr->nlines <= CATALOG_MAX_CRISIS_LINES && cr->lines[0].number[0],
              "crisis lines out of range", NULL);
    for (int i = 0; i < catalog_instrument_count(cat); i++) {
        const Instrument *in = catalog_instrument_at(cat, i);
        check(in->validity.en[0] && in->validity.es[0], "an instrument without its validity",
              NULL);
        check((in->offer_help & ~(((1u << (in->max + 1)) - 1) & ~((1u << in->min) - 1))) == 0,
              "offer_help off the scale", NULL);
    }
    for (int i = 0; i < catalog_exercise_count(cat); i++) {
        const Exercise *ex = catalog_exercise_at(cat, i);
        check(ex->nsteps >= 1 && ex->nsteps <= CATALOG_MAX_STEPS, "steps out of range", NULL);
        check(!ex->personal || ex->disclosure.en != NULL, "a personal exercise without a note",
              NULL);
        play(ex, data, size);
    }
    catalog_free(cat);
    return 0;
}
