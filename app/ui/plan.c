/* The session plan as the console, the plan screen and the player show it:
 * where the open session stands in its plan, and how that reads. Needs no
 * screen, so every screen may use it (plan_block_run, which opens screens,
 * stays with the plan screen). */
#include "ui/plan.h"

#include "core/catalog.h"
#include "core/clock.h"
#include "core/i18n.h"
#include "svc/session.h"

#include <stdio.h>
#include <string.h>

bool plan_session_position(App *app, const SessionInfo *sess, const Plan **plan,
                           PlanPosition *pos)
{
    *plan = NULL;
    if (!sess->plan[0] || !app->catalog)
        return false;
    *plan = catalog_plan(app->catalog, sess->plan);
    PlanRecord rec;
    if (!*plan || session_plan_record(app->store, sess, *plan, &rec) < 0)
        memset(&rec, 0, sizeof rec); /* unknown past, rather than none at all */
    return *plan && plan_position(*plan, sess->plan_block, sess->plan_block_started, &rec,
                                  app->wall, pos);
}

bool plan_block_action(App *app, const PlanPosition *pos, char *label, size_t n)
{
    const char *lang = i18n_lang();
    const PlanBlock *b = pos->current;
    /* a finished block offers nothing more: "Next block" moves on */
    if (!b || !app->catalog || pos->done)
        return false;
    if (b->exercise[0]) {
        const Exercise *ex = catalog_exercise(app->catalog, b->exercise);
        if (!ex)
            return false;
        snprintf(label, n, _("Start: %s"), text_in(&ex->title, lang));
        return true;
    }
    if (b->kind == BLOCK_RATING && b->instrument[0]) {
        const Instrument *in = catalog_instrument(app->catalog, b->instrument);
        if (!in)
            return false;
        snprintf(label, n, _("Rating round: %s"), text_in(&in->title, lang));
        return true;
    }
    return false;
}

void plan_format_minutes(const PlanPosition *pos, char *out, size_t n)
{
    int elapsed = (int)(pos->elapsed_ms / 60000);
    int planned = (int)(pos->planned_ms / 60000);
    if (pos->done)
        /* TRANSLATORS: the block's exercise is finished, 12 minutes into
         * the block */
        snprintf(out, n, _("done, %d min"), elapsed);
    else if (pos->over)
        /* TRANSLATORS: a block of the session plan that has run 12 minutes
         * of its planned 10 */
        snprintf(out, n, _("%d min, over its %d"), elapsed, planned);
    else
        /* TRANSLATORS: 6 minutes of the block's planned 10 have passed */
        snprintf(out, n, _("%d of %d min"), elapsed, planned);
}

void plan_format_clock(int64_t wall_ms, char *out, size_t n)
{
    int h, m;
    clock_local_hm(wall_ms, &h, &m);
    i18n_format_time(out, n, h, m);
}

void plan_format_status(const PlanPosition *pos, const Plan *plan, bool with_end, char *out,
                        size_t n)
{
    char minutes[64], ends[32];
    plan_format_minutes(pos, minutes, sizeof minutes);
    if (!with_end) {
        snprintf(out, n, _("Block %d of %d \xC2\xB7 %s"), pos->block + 1, plan->nblocks, minutes);
        return;
    }
    plan_format_clock(pos->ends_at_ms, ends, sizeof ends);
    snprintf(out, n, _("Block %d of %d \xC2\xB7 %s \xC2\xB7 the session ends about %s"),
             pos->block + 1, plan->nblocks, minutes, ends);
}
