/* A session plan file: its blocks, and whether each block fits its
 * exercise and rating rounds (data/README.md). */
#include "core/catalog_internal.h"

#include <stdio.h>
#include <string.h>

static const char *const plan_fields[] = {"id", "title", "minutes", "blocks"};
static const char *const block_fields[] = {"kind", "minutes", "title", "exercise",
                                           "instrument"};

static bool parse_block(Ctx *c, const cJSON *b, int index, PlanBlock *out)
{
    char owner[32];
    snprintf(owner, sizeof owner, "block %d", index + 1);
    memset(out, 0, sizeof *out);
    if (!cJSON_IsObject(b)) {
        cat_report(c, b, "%s must be an object {\"kind\": ..., \"minutes\": ..., \"title\": ...}, "
                     "not %s",
               owner, cat_json_kind(b));
        return false;
    }
    cat_check_fields(c, b, block_fields, COUNT(block_fields), owner);
    int kind = 0;
    bool kind_ok =
        cat_get_enum(c, b, "kind", owner, cat_block_kind_names, CAT_BLOCK_KINDS, &kind);
    out->kind = (BlockKind)kind;
    bool minutes_ok =
        cat_get_int(c, b, "minutes", owner, 1, 240, "how long the block lasts", &out->minutes);
    bool ok = kind_ok && minutes_ok;
    ok = cat_get_text(c, b, "title", owner, "title", 60, true, NULL, &out->title) && ok;
    const cJSON *ref;
    char what_ex[64], what_in[64];
    snprintf(what_ex, sizeof what_ex, "%s suggests the exercise", owner);
    snprintf(what_in, sizeof what_in, "%s rates with the instrument", owner);
    if (cat_get_ref(c, b, "exercise", owner, false, out->exercise, &ref)) {
        if (out->exercise[0] && cat_check_ref(c, ref, KIND_EXERCISE, what_ex, out->exercise)) {
            /* The exercise, and the rating rounds it asks for, must fit
             * the block, or the plan quietly runs over. */
            const Exercise *ex = catalog_exercise(c->cat, out->exercise);
            int rounds = ex->rate_before + ex->rate_after;
            int need = ex->total_seconds + rounds * CATALOG_ROUND_SECONDS;
            int need_min = (need + 59) / 60;
            if (minutes_ok && out->minutes < need_min) {
                char why[96] = "";
                if (rounds)
                    snprintf(why, sizeof why, " and %d rating round%s of about %d minutes",
                             rounds, rounds == 1 ? "" : "s", CATALOG_ROUND_SECONDS / 60);
                cat_report(c, cat_member(b, "minutes"),
                       "%s gives \"%s\" %d minutes, but the exercise takes %d:%02d%s: give "
                       "the block at least %d minutes",
                       owner, out->exercise, out->minutes, ex->total_seconds / 60,
                       ex->total_seconds % 60, why, need_min);
                ok = false;
            }
        } else if (out->exercise[0]) {
            ok = false;
        }
    } else {
        ok = false;
    }
    if (cat_get_ref(c, b, "instrument", owner, false, out->instrument, &ref)) {
        if (out->instrument[0]) {
            ok = cat_check_ref(c, ref, KIND_INSTRUMENT, what_in, out->instrument) && ok;
            if (ok && out->kind != BLOCK_RATING)
                cat_warn(c, ref,
                     "%s is a %s block; an \"instrument\" is only used by rating blocks, so it "
                     "is ignored here",
                     owner, cat_block_kind_names[out->kind]);
        }
    } else {
        ok = false;
    }
    if (kind_ok && minutes_ok && out->kind == BLOCK_RATING &&
        out->minutes * 60 < CATALOG_ROUND_SECONDS) {
        cat_report(c, cat_member(b, "minutes"),
               "%s is a rating round of %d minute; people come up to the screen one at a time, "
               "so give it at least %d minutes",
               owner, out->minutes, CATALOG_ROUND_SECONDS / 60);
        ok = false;
    }
    return ok;
}

Plan *cat_parse_plan(Ctx *c, const cJSON *root)
{
    if (!cat_require_object(c, root))
        return NULL;
    Plan *plan = arena_alloc(&c->cat->arena, sizeof *plan);
    if (!plan) {
        c->cat->oom = true;
        return NULL;
    }
    memset(plan, 0, sizeof *plan);
    const char *owner = "the plan";
    cat_check_fields(c, root, plan_fields, COUNT(plan_fields), owner);
    bool ok = cat_get_own_id(c, root, plan->id);
    ok = cat_get_text(c, root, "title", owner, "title", 60, true, NULL, &plan->title) && ok;
    const cJSON *blocks = cat_member(root, "blocks");
    int n = blocks ? cJSON_GetArraySize(blocks) : 0;
    if (!blocks) {
        cat_report_missing(c, root, "blocks", "the plan has no \"blocks\" (a list of 1 to %d blocks)",
                       CATALOG_MAX_BLOCKS);
        ok = false;
    } else if (!cJSON_IsArray(blocks)) {
        cat_report(c, blocks, "\"blocks\" must be a list [...] of blocks, not %s", cat_json_kind(blocks));
        ok = false;
    } else if (n < 1 || n > CATALOG_MAX_BLOCKS) {
        cat_report(c, blocks, "the plan has %d blocks; it must have 1 to %d", n, CATALOG_MAX_BLOCKS);
        ok = false;
    } else {
        PlanBlock *bl = arena_alloc(&c->cat->arena, (size_t)n * sizeof *bl);
        if (!bl) {
            c->cat->oom = true;
            return NULL;
        }
        int i = 0;
        bool all_minutes = true;
        for (const cJSON *b = blocks->child; b; b = b->next, i++) {
            ok = parse_block(c, b, i, &bl[i]) && ok;
            plan->total_minutes += bl[i].minutes;
            all_minutes = all_minutes && bl[i].minutes > 0;
        }
        plan->blocks = bl;
        plan->nblocks = n;
        if (cat_member(root, "minutes")) {
            int minutes = 0;
            if (!cat_get_int(c, root, "minutes", owner, 1, 1440, "how long the session lasts",
                         &minutes)) {
                ok = false;
            } else if (all_minutes && plan->total_minutes != minutes) {
                cat_report(c, cat_member(root, "minutes"),
                       "the plan lasts %d minutes, but its blocks add up to %d: %s", minutes,
                       plan->total_minutes,
                       plan->total_minutes > minutes ? "shorten or drop a block"
                                                     : "lengthen a block or add one");
                ok = false;
            }
        }
    }
    return ok ? plan : NULL;
}
