/* The rating round's state on a virtual clock: count, undo window,
 * thank-you timing, threshold, reveal and the pre/post comparison. */
#include "testkit.h"

#include "core/round.h"

#include <math.h>

#define EPS 1e-9
#define T0 100000u /* an arbitrary start on the monotonic clock */

/* Distress, 0 to 10, default threshold 5 and default timings. */
static Round new_round(int min_cell)
{
    Round r;
    RoundConfig cfg = {.scale_min = 0, .scale_max = 10, .min_cell = min_cell};
    assert_true(round_init(&r, &cfg));
    return r;
}

/* Answers one by one, each person three seconds after the last (the
 * thank-you is over by then). Returns the clock after the last answer. */
static uint64_t answer_all(Round *r, const int *values, size_t n, uint64_t now)
{
    for (size_t i = 0; i < n; i++) {
        now += 3000;
        int index = round_answer_add(r, values[i], now);
        assert_int_equal(index, (int)round_count(r) - 1);
        round_answer_set_id(r, index, 1000 + index);
    }
    return now;
}

static void count_grows_with_each_answer(void **state)
{
    (void)state;
    Round r = new_round(5);
    assert_int_equal(round_count(&r), 0);
    assert_int_equal(round_answer_add(&r, 4, T0), 0);
    assert_int_equal(round_answer_add(&r, 7, T0 + 3000), 1);
    assert_int_equal(round_answer_add(&r, 0, T0 + 6000), 2);
    assert_int_equal(round_count(&r), 3);
    round_answer_set_id(&r, 1, 42);
    assert_int_equal(round_answer_id(&r, 1), 42);
    assert_int_equal(round_answer_id(&r, 0), 0);
}

static void out_of_range_refused(void **state)
{
    (void)state;
    Round r;
    RoundConfig faces = {.scale_min = 1, .scale_max = 5, .min_cell = 5};
    assert_true(round_init(&r, &faces));
    assert_int_equal(round_answer_add(&r, 0, T0), ROUND_REFUSED_RANGE);
    assert_int_equal(round_answer_add(&r, 6, T0), ROUND_REFUSED_RANGE);
    assert_int_equal(round_answer_add(&r, -1, T0), ROUND_REFUSED_RANGE);
    assert_int_equal(round_count(&r), 0);
    assert_false(round_thanks_showing(&r, T0)); /* a refusal thanks no one */
    assert_int_equal(round_answer_add(&r, 1, T0), 0);
    assert_int_equal(round_answer_add(&r, 5, T0 + 3000), 1);
    assert_int_equal(round_answer_restore(&r, 9, 7), ROUND_REFUSED_RANGE);
    assert_int_equal(round_count(&r), 2);
}

static void bad_scales_refused(void **state)
{
    (void)state;
    Round r;
    RoundConfig reversed = {.scale_min = 5, .scale_max = 1};
    assert_false(round_init(&r, &reversed));
    RoundConfig too_wide = {.scale_min = 0, .scale_max = STATS_VALUE_MAX + 1};
    assert_false(round_init(&r, &too_wide));
    RoundConfig widest = {.scale_min = 0, .scale_max = STATS_VALUE_MAX};
    assert_true(round_init(&r, &widest));
    RoundConfig one_point = {.scale_min = 3, .scale_max = 3};
    assert_false(round_init(&r, &one_point)); /* one answer is no question */
}

static void undo_within_window(void **state)
{
    (void)state;
    /* Tap at T0; the window is [T0, T0 + 5000): 4999 ms later still works. */
    Round r = new_round(5);
    int index = round_answer_add(&r, 8, T0);
    round_answer_set_id(&r, index, 77);
    assert_true(round_can_undo(&r, T0 + 4999));
    int value = -1;
    int64_t id = -1;
    assert_true(round_answer_undo(&r, T0 + 4999, &value, &id));
    assert_int_equal(value, 8);
    assert_int_equal(id, 77);
    assert_int_equal(round_count(&r), 0);
}

static void undo_at_five_seconds_refused(void **state)
{
    (void)state;
    Round r = new_round(5);
    round_answer_add(&r, 8, T0);
    assert_false(round_can_undo(&r, T0 + 5000));
    assert_false(round_answer_undo(&r, T0 + 5000, NULL, NULL));
    assert_false(round_answer_undo(&r, T0 + 60000, NULL, NULL));
    assert_int_equal(round_count(&r), 1);
}

static void undo_after_newer_answer_refused(void **state)
{
    (void)state;
    /* A taps at T0, B at T0 + 3000 (A's thank-you is over). A's answer is
     * within its own five seconds at T0 + 3500, but it is no longer the
     * most recent: only B's can be undone. */
    Round r = new_round(5);
    round_answer_add(&r, 2, T0);
    round_answer_add(&r, 9, T0 + 3000);
    int value = -1;
    assert_true(round_answer_undo(&r, T0 + 3500, &value, NULL));
    assert_int_equal(value, 9); /* B's, never A's */
    assert_int_equal(round_count(&r), 1);
    /* Now A's answer is the most recent again, and still under 5 s old,
     * but B is the one at the screen: refused. */
    assert_false(round_can_undo(&r, T0 + 3600));
    assert_false(round_answer_undo(&r, T0 + 3600, NULL, NULL));
    assert_int_equal(round_count(&r), 1);
}

static void undo_twice_refused(void **state)
{
    (void)state;
    Round r = new_round(5);
    round_answer_add(&r, 3, T0);
    assert_true(round_answer_undo(&r, T0 + 1000, NULL, NULL));
    assert_false(round_answer_undo(&r, T0 + 1001, NULL, NULL));
    assert_false(round_answer_undo(&r, T0 + 1002, NULL, NULL));
    assert_int_equal(round_count(&r), 0);
}

static void undo_then_answer_again(void **state)
{
    (void)state;
    /* The person who mis-tapped answers again at once (the undo ended the
     * thank-you), and may undo that one too within its own window. */
    Round r = new_round(5);
    round_answer_add(&r, 3, T0);
    assert_true(round_answer_undo(&r, T0 + 800, NULL, NULL));
    assert_false(round_thanks_showing(&r, T0 + 800));
    assert_int_equal(round_answer_add(&r, 7, T0 + 1200), 0);
    assert_true(round_can_undo(&r, T0 + 1200 + 4999));
    assert_false(round_can_undo(&r, T0 + 1200 + 5000));
}

static void undo_refused_when_empty_or_closed(void **state)
{
    (void)state;
    Round r = new_round(5);
    assert_false(round_answer_undo(&r, T0, NULL, NULL));
    round_answer_add(&r, 3, T0);
    round_close(&r);
    assert_false(round_answer_undo(&r, T0 + 100, NULL, NULL));
    assert_int_equal(round_count(&r), 1);
}

static void thanks_timing(void **state)
{
    (void)state;
    /* Default 2500 ms: showing on [T0, T0 + 2500). */
    Round r = new_round(5);
    assert_false(round_thanks_showing(&r, T0));
    assert_int_equal(round_thanks_end_ms(&r, T0), 0);
    round_answer_add(&r, 6, T0);
    assert_true(round_thanks_showing(&r, T0));
    assert_true(round_thanks_showing(&r, T0 + 2499));
    assert_int_equal(round_thanks_end_ms(&r, T0 + 1000), T0 + 2500);
    assert_false(round_thanks_showing(&r, T0 + 2500));
    assert_int_equal(round_thanks_end_ms(&r, T0 + 2500), 0);
}

static void thanks_hides_and_blocks_the_next_tap(void **state)
{
    (void)state;
    /* A double tap, or the next person too quick: refused until the
     * previous choice is off the screen. */
    Round r = new_round(5);
    round_answer_add(&r, 6, T0);
    assert_int_equal(round_answer_add(&r, 6, T0 + 120), ROUND_REFUSED_BUSY);
    assert_int_equal(round_answer_add(&r, 2, T0 + 2499), ROUND_REFUSED_BUSY);
    assert_int_equal(round_count(&r), 1);
    assert_int_equal(round_answer_add(&r, 2, T0 + 2500), 1);
}

static void thanks_length_is_configurable(void **state)
{
    (void)state;
    Round r;
    RoundConfig cfg = {.scale_min = 0, .scale_max = 10, .min_cell = 5,
                       .undo_ms = 8000, .thanks_ms = 1000};
    assert_true(round_init(&r, &cfg));
    round_answer_add(&r, 1, T0);
    assert_true(round_thanks_showing(&r, T0 + 999));
    assert_false(round_thanks_showing(&r, T0 + 1000));
    assert_true(round_can_undo(&r, T0 + 7999));
    assert_false(round_can_undo(&r, T0 + 8000));

    RoundConfig none = {.scale_min = 0, .scale_max = 10, .undo_ms = -1, .thanks_ms = -1};
    assert_true(round_init(&r, &none));
    round_answer_add(&r, 1, T0);
    assert_false(round_thanks_showing(&r, T0));
    assert_false(round_can_undo(&r, T0));
    assert_int_equal(round_answer_add(&r, 2, T0), 1);
    assert_int_equal(round_next_deadline_ms(&r, T0), 0);
}

static void next_deadline(void **state)
{
    (void)state;
    /* Tap at T0: the thank-you ends at T0 + 2500, then the undo button
     * goes at T0 + 5000, then nothing is pending. */
    Round r = new_round(5);
    assert_int_equal(round_next_deadline_ms(&r, T0), 0);
    round_answer_add(&r, 6, T0);
    assert_int_equal(round_next_deadline_ms(&r, T0), T0 + 2500);
    assert_int_equal(round_next_deadline_ms(&r, T0 + 2499), T0 + 2500);
    assert_int_equal(round_next_deadline_ms(&r, T0 + 2500), T0 + 5000);
    assert_int_equal(round_next_deadline_ms(&r, T0 + 5000), 0);
    /* An undo clears both. */
    round_answer_add(&r, 6, T0 + 6000);
    assert_true(round_answer_undo(&r, T0 + 6100, NULL, NULL));
    assert_int_equal(round_next_deadline_ms(&r, T0 + 6100), 0);
}

static void cancel_when_not_stored(void **state)
{
    (void)state;
    /* The commit failed: the answer must not count, and the next tap is
     * accepted at once (no thank-you was shown). */
    Round r = new_round(5);
    round_answer_add(&r, 4, T0);
    int index = round_answer_add(&r, 5, T0 + 3000);
    round_answer_cancel(&r, index);
    assert_int_equal(round_count(&r), 1);
    assert_false(round_thanks_showing(&r, T0 + 3001));
    assert_false(round_can_undo(&r, T0 + 3001));
    assert_int_equal(round_answer_add(&r, 5, T0 + 3002), 1);
}

static void restore_after_restart(void **state)
{
    (void)state;
    Round r = new_round(5);
    for (int i = 0; i < 5; i++)
        assert_int_equal(round_answer_restore(&r, i, 500 + i), i);
    assert_int_equal(round_count(&r), 5);
    assert_int_equal(round_answer_id(&r, 4), 504);
    assert_false(round_thanks_showing(&r, T0));
    assert_false(round_answer_undo(&r, T0, NULL, NULL));
    assert_int_equal(round_answer_add(&r, 9, T0), 5);
}

static void closed_round_takes_no_answers(void **state)
{
    (void)state;
    Round r = new_round(5);
    round_answer_add(&r, 4, T0);
    assert_false(round_is_closed(&r));
    round_close(&r);
    assert_true(round_is_closed(&r));
    assert_false(round_thanks_showing(&r, T0 + 1));
    assert_int_equal(round_answer_add(&r, 4, T0 + 3000), ROUND_REFUSED_CLOSED);
    assert_int_equal(round_answer_restore(&r, 4, 1), ROUND_REFUSED_CLOSED);
    assert_int_equal(round_count(&r), 1);
}

static void holds_two_hundred_answers_and_more(void **state)
{
    (void)state;
    Round r = new_round(5);
    uint64_t now = T0;
    for (int i = 0; i < ROUND_MAX_ANSWERS; i++) {
        now += 2500;
        assert_int_equal(round_answer_add(&r, i % 11, now), i);
    }
    assert_true(ROUND_MAX_ANSWERS >= 200);
    assert_int_equal(round_answer_add(&r, 3, now + 2500), ROUND_REFUSED_FULL);
    assert_int_equal(round_count(&r), ROUND_MAX_ANSWERS);
}

/* Nothing of a cell that may not be shown: no n, no figure. */
static void assert_nothing_shown(const StatsShown *res)
{
    assert_false(res->shown);
    assert_int_equal(res->n, 0);
    assert_false(res->has_median);
    assert_false(res->has_quartiles);
    assert_false(res->has_counts);
    for (int i = 0; i <= STATS_VALUE_MAX; i++)
        assert_int_equal(res->counts[i], 0);
}

static void reveal_needs_closed_round(void **state)
{
    (void)state;
    Round r = new_round(5);
    const int v[] = {1, 2, 3, 4, 5, 6};
    answer_all(&r, v, 6, T0);
    StatsShown res;
    assert_int_equal(round_reveal(&r, &res), ROUND_SHOW_OPEN);
    assert_nothing_shown(&res);
}

static void four_answers_below_threshold_five(void **state)
{
    (void)state;
    Round r = new_round(5);
    const int v[] = {3, 3, 8, 9};
    answer_all(&r, v, 4, T0);
    round_close(&r);
    StatsShown res;
    assert_int_equal(round_reveal(&r, &res), ROUND_SHOW_TOO_FEW);
    /* Nothing of the answers leaks into the result. */
    assert_nothing_shown(&res);
    assert_int_equal(round_count(&r), 4); /* the count is always shown */
}

/* The result of a closed round of these answers. */
static StatsShown reveal_of(int lo, int hi, int min_cell, const int *v, size_t n)
{
    Round r;
    RoundConfig cfg = {.scale_min = lo, .scale_max = hi, .min_cell = min_cell};
    assert_true(round_init(&r, &cfg));
    answer_all(&r, v, n, T0);
    round_close(&r);
    StatsShown res;
    assert_int_equal(round_reveal(&r, &res), ROUND_SHOW_OK);
    return res;
}

static void five_answers_revealed(void **state)
{
    (void)state;
    /* 3 3 8 9 4, sorted 3 3 4 8 9: the 3rd is 4. How many chose each
     * answer never leaves the core; five are too few for the middle half. */
    const int v[] = {3, 3, 8, 9, 4};
    StatsShown res = reveal_of(0, 10, 5, v, 5);
    assert_true(res.shown);
    assert_int_equal(res.n, 5);
    assert_true(res.has_median);
    assert_int_equal(res.median, 4);
    assert_false(res.has_quartiles);
    assert_false(res.has_counts);
    for (int i = 0; i <= 10; i++)
        assert_int_equal(res.counts[i], 0);
}

static void six_answers_even_median(void **state)
{
    (void)state;
    /* Faces 1..5: 2 4 4 5 1 3, sorted 1 2 3 4 4 5: the middle answer is
     * the 3rd, 3, an answer someone gave; 3.5 would say that exactly three
     * answered 3 or less. */
    const int v[] = {2, 4, 4, 5, 1, 3};
    StatsShown res = reveal_of(1, 5, 5, v, 6);
    assert_int_equal(res.median, 3);
    assert_false(res.has_quartiles);
}

static void seven_answers_show_the_middle_half(void **state)
{
    (void)state;
    /* 1 3 3 4 4 4 5: the 2nd, 4th and 6th smallest are 3, 4 and 4. */
    const int v[] = {4, 1, 3, 4, 5, 3, 4};
    StatsShown res = reveal_of(1, 5, 3, v, 7);
    assert_int_equal(res.n, 7);
    assert_int_equal(res.median, 4);
    assert_true(res.has_quartiles);
    assert_int_equal(res.q1, 3);
    assert_int_equal(res.q3, 4);
    assert_false(res.has_counts); /* not even at the lowest threshold */
}

static void threshold_clamps_to_three(void **state)
{
    (void)state;
    /* A threshold of 2 (or less) becomes 3 on screen: two answers are too
     * few, three are shown. */
    Round r = new_round(2);
    assert_int_equal(round_min_cell(&r), 3);
    const int v[] = {5, 6, 7};
    answer_all(&r, v, 2, T0);
    round_close(&r);
    StatsShown res;
    assert_int_equal(round_reveal(&r, &res), ROUND_SHOW_TOO_FEW);

    Round r3 = new_round(0);
    assert_int_equal(round_min_cell(&r3), 3);
    answer_all(&r3, v, 3, T0);
    round_close(&r3);
    assert_int_equal(round_reveal(&r3, &res), ROUND_SHOW_OK);
    assert_int_equal(res.median, 6);
    assert_false(res.has_counts); /* the screen never shows counts, K 1 or not */

    Round r11 = new_round(11);
    assert_int_equal(round_min_cell(&r11), 11);
}

static void undo_can_drop_below_threshold(void **state)
{
    (void)state;
    /* Five answers, the fifth taken back: four remain, not revealable. */
    Round r = new_round(5);
    const int v[] = {1, 2, 3, 4, 5};
    uint64_t now = answer_all(&r, v, 5, T0);
    assert_true(round_answer_undo(&r, now + 100, NULL, NULL));
    round_close(&r);
    StatsShown res;
    assert_int_equal(round_reveal(&r, &res), ROUND_SHOW_TOO_FEW);
}

static void pre_post_both_revealable(void **state)
{
    (void)state;
    /* Distress before paced breathing: 6 7 8 9 7 8 -> sorted 6 7 7 8 8 9,
     * middle answer (the 3rd) 7. After: 4 7 5 6 3 -> sorted 3 4 5 6 7,
     * middle 5. Change 5 - 7 = -2. */
    Round pre = new_round(5), post = new_round(5);
    const int before[] = {6, 7, 8, 9, 7, 8}, after[] = {4, 7, 5, 6, 3};
    uint64_t now = answer_all(&pre, before, 6, T0);
    round_close(&pre);
    answer_all(&post, after, 5, now + 300000);
    round_close(&post);
    RoundChange c;
    assert_int_equal(round_compare(&pre, &post, &c), ROUND_SHOW_OK);
    assert_int_equal(c.pre.n, 6);
    assert_int_equal(c.post.n, 5);
    assert_int_equal(c.pre.median, 7);
    assert_int_equal(c.post.median, 5);
    assert_int_equal(c.change, -2);
}

static void pre_post_one_below_threshold(void **state)
{
    (void)state;
    /* Six before, four after (two left early): no change is shown, and no
     * figure of either round reaches the caller. */
    Round pre = new_round(5), post = new_round(5);
    const int before[] = {6, 7, 8, 9, 7, 8}, after[] = {4, 7, 5, 6};
    answer_all(&pre, before, 6, T0);
    round_close(&pre);
    answer_all(&post, after, 4, T0 + 300000);
    round_close(&post);
    RoundChange c;
    assert_int_equal(round_compare(&pre, &post, &c), ROUND_SHOW_TOO_FEW);
    assert_nothing_shown(&c.pre);
    assert_nothing_shown(&c.post);
    assert_int_equal(c.change, 0);
    /* The other way round, too. */
    assert_int_equal(round_compare(&post, &pre, &c), ROUND_SHOW_TOO_FEW);
    assert_nothing_shown(&c.pre);
}

static void pre_post_takes_the_stricter_threshold(void **state)
{
    (void)state;
    /* Pre with threshold 3 and 4 answers, post with threshold 5 and 6:
     * the pre round alone could be revealed, but the change rests on it
     * too and takes the higher threshold. */
    Round pre = new_round(3), post = new_round(5);
    const int v[] = {1, 2, 3, 4, 5, 6};
    answer_all(&pre, v, 4, T0);
    round_close(&pre);
    answer_all(&post, v, 6, T0 + 300000);
    round_close(&post);
    StatsShown res;
    assert_int_equal(round_reveal(&pre, &res), ROUND_SHOW_OK);
    RoundChange c;
    assert_int_equal(round_compare(&pre, &post, &c), ROUND_SHOW_TOO_FEW);
}

static void pre_post_needs_closed_rounds_and_same_scale(void **state)
{
    (void)state;
    Round pre = new_round(5), post = new_round(5);
    const int v[] = {1, 2, 3, 4, 5};
    answer_all(&pre, v, 5, T0);
    answer_all(&post, v, 5, T0 + 300000);
    round_close(&pre);
    RoundChange c;
    assert_int_equal(round_compare(&pre, &post, &c), ROUND_SHOW_OPEN);
    round_close(&post);
    assert_int_equal(round_compare(&pre, &post, &c), ROUND_SHOW_OK);
    assert_int_equal(c.change, 0);

    Round faces;
    RoundConfig cfg = {.scale_min = 1, .scale_max = 5, .min_cell = 5};
    assert_true(round_init(&faces, &cfg));
    answer_all(&faces, v, 5, T0);
    round_close(&faces);
    assert_int_equal(round_compare(&pre, &faces, &c), ROUND_SHOW_MISMATCH);
    assert_nothing_shown(&c.post);
}

static void digits_pick_answers(void **state)
{
    (void)state;
    Round r = new_round(5); /* 0..10 */
    assert_int_equal(round_type_digit(&r, 7, T0), 7);
    assert_int_equal(round_type_digit(&r, 0, T0 + 5000), 0);
    /* 1 then 0 within a second: 10, and a third digit starts anew */
    assert_int_equal(round_type_digit(&r, 1, T0 + 10000), 1);
    assert_int_equal(round_type_digit(&r, 0, T0 + 10999), 10);
    assert_int_equal(round_type_digit(&r, 0, T0 + 11100), 0);
    /* a second late: two answers, not one */
    assert_int_equal(round_type_digit(&r, 1, T0 + 20000), 1);
    assert_int_equal(round_type_digit(&r, 0, T0 + 21000), 0);
    /* 11 is not on the scale: the second 1 is 1 */
    assert_int_equal(round_type_digit(&r, 1, T0 + 30000), 1);
    assert_int_equal(round_type_digit(&r, 1, T0 + 30100), 1);
    /* 0 is no tens digit: 0 then 5 is 5 */
    assert_int_equal(round_type_digit(&r, 0, T0 + 40000), 0);
    assert_int_equal(round_type_digit(&r, 5, T0 + 40100), 5);
    /* an answer in between: the next person's 0 is theirs alone */
    assert_int_equal(round_type_digit(&r, 1, T0 + 50000), 1);
    assert_true(round_answer_add(&r, 1, T0 + 50100) >= 0);
    assert_int_equal(round_type_digit(&r, 0, T0 + 50200), 0);

    /* faces 1..5: no 0, no 6 to 9, and 1 then 0 is not 10 */
    Round f;
    RoundConfig faces = {.scale_min = 1, .scale_max = 5, .min_cell = 5};
    assert_true(round_init(&f, &faces));
    assert_int_equal(round_type_digit(&f, 0, T0), ROUND_REFUSED_RANGE);
    assert_int_equal(round_type_digit(&f, 7, T0), ROUND_REFUSED_RANGE);
    assert_int_equal(round_type_digit(&f, 1, T0 + 100), 1);
    assert_int_equal(round_type_digit(&f, 0, T0 + 200), ROUND_REFUSED_RANGE);
    assert_int_equal(round_type_digit(&f, 5, T0 + 300), 5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(count_grows_with_each_answer),
        cmocka_unit_test(out_of_range_refused),
        cmocka_unit_test(bad_scales_refused),
        cmocka_unit_test(undo_within_window),
        cmocka_unit_test(undo_at_five_seconds_refused),
        cmocka_unit_test(undo_after_newer_answer_refused),
        cmocka_unit_test(undo_twice_refused),
        cmocka_unit_test(undo_then_answer_again),
        cmocka_unit_test(undo_refused_when_empty_or_closed),
        cmocka_unit_test(thanks_timing),
        cmocka_unit_test(thanks_hides_and_blocks_the_next_tap),
        cmocka_unit_test(thanks_length_is_configurable),
        cmocka_unit_test(next_deadline),
        cmocka_unit_test(cancel_when_not_stored),
        cmocka_unit_test(restore_after_restart),
        cmocka_unit_test(closed_round_takes_no_answers),
        cmocka_unit_test(holds_two_hundred_answers_and_more),
        cmocka_unit_test(reveal_needs_closed_round),
        cmocka_unit_test(four_answers_below_threshold_five),
        cmocka_unit_test(five_answers_revealed),
        cmocka_unit_test(six_answers_even_median),
        cmocka_unit_test(seven_answers_show_the_middle_half),
        cmocka_unit_test(digits_pick_answers),
        cmocka_unit_test(threshold_clamps_to_three),
        cmocka_unit_test(undo_can_drop_below_threshold),
        cmocka_unit_test(pre_post_both_revealable),
        cmocka_unit_test(pre_post_one_below_threshold),
        cmocka_unit_test(pre_post_takes_the_stricter_threshold),
        cmocka_unit_test(pre_post_needs_closed_rounds_and_same_scale),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
