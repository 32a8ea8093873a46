#include "core/round.h"

#include "core/log.h"

#include <string.h>

static uint64_t config_ms(int ms, int fallback)
{
    if (ms < 0)
        return 0;
    return (uint64_t)(ms == 0 ? fallback : ms);
}

/* Time since the most recent tap. The monotonic clock never runs back, but
 * a caller's now_ms from before the tap must not wrap into an age of
 * centuries and silently close the undo window. */
static uint64_t since_last(const Round *r, uint64_t now_ms)
{
    return now_ms > r->last_at_ms ? now_ms - r->last_at_ms : 0;
}

bool round_init(Round *r, const RoundConfig *cfg)
{
    memset(r, 0, sizeof *r);
    if (cfg->scale_min < 0 || cfg->scale_min >= cfg->scale_max ||
        cfg->scale_max > STATS_VALUE_MAX)
        return false;
    r->scale_min = cfg->scale_min;
    r->scale_max = cfg->scale_max;
    r->min_cell = cfg->min_cell < ROUND_MIN_CELL_FLOOR ? ROUND_MIN_CELL_FLOOR : cfg->min_cell;
    r->undo_ms = config_ms(cfg->undo_ms, ROUND_UNDO_MS);
    r->thanks_ms = config_ms(cfg->thanks_ms, ROUND_THANKS_MS);
    return true;
}

static int round_push(Round *r, int value, int64_t id)
{
    if (r->closed)
        return ROUND_REFUSED_CLOSED;
    if (value < r->scale_min || value > r->scale_max)
        return ROUND_REFUSED_RANGE;
    if (r->count >= ROUND_MAX_ANSWERS)
        return ROUND_REFUSED_FULL;
    r->values[r->count] = value;
    r->ids[r->count] = id;
    return (int)r->count++;
}

int round_answer_add(Round *r, int value, uint64_t now_ms)
{
    if (round_thanks_showing(r, now_ms))
        return ROUND_REFUSED_BUSY;
    int index = round_push(r, value, 0);
    if (index < 0)
        return index;
    r->last_at_ms = now_ms;
    r->last_undoable = true;
    r->thanks_pending = true;
    r->typed_pending = false; /* the next person starts afresh */
    return index;
}

static bool on_scale(const Round *r, int v) { return v >= r->scale_min && v <= r->scale_max; }

int round_type_digit(Round *r, int digit, uint64_t now_ms)
{
    hearth_expect(digit >= 0 && digit <= 9);
    bool follows = r->typed_pending && r->typed > 0 && now_ms >= r->typed_at_ms &&
                   now_ms - r->typed_at_ms < ROUND_TWO_DIGITS_MS;
    r->typed_pending = false;
    if (follows && on_scale(r, r->typed * 10 + digit))
        return r->typed * 10 + digit; /* two digits: a third starts anew */
    if (!on_scale(r, digit))
        return ROUND_REFUSED_RANGE;
    r->typed_pending = true;
    r->typed = digit;
    r->typed_at_ms = now_ms;
    return digit;
}

void round_type_forget(Round *r) { r->typed_pending = false; }

int round_answer_restore(Round *r, int value, int64_t id)
{
    int index = round_push(r, value, id);
    if (index >= 0)
        r->last_undoable = r->thanks_pending = false;
    return index;
}

void round_answer_set_id(Round *r, int index, int64_t id)
{
    hearth_expect(index >= 0 && (size_t)index < r->count);
    r->ids[index] = id;
}

int64_t round_answer_id(const Round *r, int index)
{
    hearth_expect(index >= 0 && (size_t)index < r->count);
    return r->ids[index];
}

bool round_can_undo(const Round *r, uint64_t now_ms)
{
    return !r->closed && r->count > 0 && r->last_undoable &&
           since_last(r, now_ms) < r->undo_ms;
}

bool round_answer_undo(Round *r, uint64_t now_ms, int *value, int64_t *id)
{
    if (!round_can_undo(r, now_ms))
        return false;
    r->count--;
    if (value)
        *value = r->values[r->count];
    if (id)
        *id = r->ids[r->count];
    /* The answer before belongs to someone else: never theirs to undo. */
    r->last_undoable = false;
    r->thanks_pending = false;
    r->typed_pending = false;
    return true;
}

void round_answer_cancel(Round *r, int index)
{
    hearth_expect(r->count > 0 && index >= 0 && (size_t)index == r->count - 1);
    r->count--;
    r->last_undoable = false;
    r->thanks_pending = false;
}

bool round_thanks_showing(const Round *r, uint64_t now_ms)
{
    return r->thanks_pending && since_last(r, now_ms) < r->thanks_ms;
}

uint64_t round_thanks_end_ms(const Round *r, uint64_t now_ms)
{
    return round_thanks_showing(r, now_ms) ? r->last_at_ms + r->thanks_ms : 0;
}

uint64_t round_next_deadline_ms(const Round *r, uint64_t now_ms)
{
    /* The thank-you is never longer than the undo window in practice, but
     * both are settings: take whichever comes first. */
    uint64_t next = 0;
    if (round_thanks_showing(r, now_ms))
        next = r->last_at_ms + r->thanks_ms;
    if (round_can_undo(r, now_ms)) {
        uint64_t undo_end = r->last_at_ms + r->undo_ms;
        if (!next || undo_end < next)
            next = undo_end;
    }
    return next;
}

size_t round_count(const Round *r) { return r->count; }

int round_min_cell(const Round *r) { return r->min_cell; }

void round_close(Round *r)
{
    r->closed = true;
    r->last_undoable = false;
    r->thanks_pending = false;
}

bool round_is_closed(const Round *r) { return r->closed; }

static RoundShow round_showable(const Round *r, int min_cell)
{
    if (!r->closed)
        return ROUND_SHOW_OPEN;
    if (r->count == 0 || !stats_count_shown((int)r->count, min_cell))
        return ROUND_SHOW_TOO_FEW;
    return ROUND_SHOW_OK;
}

static void round_counts(const Round *r, int counts[STATS_VALUE_MAX + 1])
{
    memset(counts, 0, sizeof(int) * (STATS_VALUE_MAX + 1));
    /* every recorded value is on the scale (round_push checks) */
    stats_count_values(r->values, r->count, counts);
}

/* Nothing to show: how a result that may not be shown reads. */
static void shown_empty(StatsShown *out)
{
    static const int none[STATS_VALUE_MAX + 1];
    stats_disclose(none, STATS_MIN_CELL_FLOOR, out);
}

static RoundShow round_reveal_at(const Round *r, int min_cell, StatsShown *out)
{
    shown_empty(out);
    RoundShow show = round_showable(r, min_cell);
    if (show != ROUND_SHOW_OK)
        return show;
    int counts[STATS_VALUE_MAX + 1];
    round_counts(r, counts);
    /* the screen never shows counts per answer, whatever K */
    stats_disclose(counts, min_cell < ROUND_MIN_CELL_FLOOR ? ROUND_MIN_CELL_FLOOR : min_cell,
                   out);
    return ROUND_SHOW_OK;
}

RoundShow round_reveal(const Round *r, StatsShown *out)
{
    return round_reveal_at(r, r->min_cell, out);
}

RoundShow round_compare(const Round *pre, const Round *post, RoundChange *out)
{
    memset(out, 0, sizeof *out);
    if (pre->scale_min != post->scale_min || pre->scale_max != post->scale_max) {
        shown_empty(&out->pre);
        shown_empty(&out->post);
        return ROUND_SHOW_MISMATCH;
    }
    /* The stricter threshold for both: a change is a figure of each
     * round, and neither may be shown on weaker terms than its own. */
    int k = pre->min_cell > post->min_cell ? pre->min_cell : post->min_cell;
    RoundShow show = round_reveal_at(pre, k, &out->pre);
    RoundShow show_post = round_reveal_at(post, k, &out->post);
    if (show == ROUND_SHOW_OK)
        show = show_post;
    if (show != ROUND_SHOW_OK || !stats_change(&out->pre, &out->post, &out->change)) {
        shown_empty(&out->pre);
        shown_empty(&out->post);
        out->change = 0;
        return show != ROUND_SHOW_OK ? show : ROUND_SHOW_TOO_FEW;
    }
    return ROUND_SHOW_OK;
}
