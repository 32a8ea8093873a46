/* An exercise file: its fields, steps, breathing patterns and the note on
 * disclosures (data/README.md). */
#include "core/catalog_internal.h"

#include <stdio.h>
#include <string.h>

static const char *const exercise_fields[] = {"id",     "module",   "title",     "summary",
                                              "rating", "personal", "disclosure", "steps"};
static const char *const rating_fields[] = {"instrument", "before", "after"};
static const char *const step_fields[] = {"kind",  "seconds", "untimed",
                                          "prompt", "notes",   "pattern"};
static const char *const pattern_parts[] = {"breath in", "hold after breathing in",
                                            "breath out", "hold after breathing out"};

static bool parse_pattern(Ctx *c, const cJSON *v, const char *owner, int pattern[4])
{
    if (!cJSON_IsArray(v) || cJSON_GetArraySize(v) != 4) {
        cat_report(c, v,
               "%s's \"pattern\" must be four whole numbers of seconds [in, hold, out, hold], "
               "such as [4, 0, 6, 0]",
               owner);
        return false;
    }
    bool ok = true;
    int i = 0;
    for (const cJSON *e = v->child; e; e = e->next, i++) {
        if (!cJSON_IsNumber(e) || !cat_whole_in(e->valuedouble, 0, 20)) {
            if (cJSON_IsNumber(e))
                cat_report(c, e,
                       "%s's pattern has %g for the %s; each part is a whole number of seconds "
                       "from 0 to 20",
                       owner, e->valuedouble, pattern_parts[i]);
            else
                cat_report(c, e,
                       "%s's pattern has %s for the %s; each part is a whole number of seconds "
                       "from 0 to 20",
                       owner, cat_json_kind(e), pattern_parts[i]);
            ok = false;
            continue;
        }
        pattern[i] = (int)e->valuedouble;
        if ((i == PATTERN_IN || i == PATTERN_OUT) && pattern[i] < 1) {
            cat_report(c, e, "%s's pattern has 0 seconds for the %s; breathing in and out take at "
                         "least 1 second",
                   owner, pattern_parts[i]);
            ok = false;
        }
    }
    return ok;
}

static bool parse_step(Ctx *c, const cJSON *s, int index, Step *out)
{
    char owner[32];
    snprintf(owner, sizeof owner, "step %d", index + 1);
    memset(out, 0, sizeof *out); /* the caller sums seconds even when broken */
    if (!cJSON_IsObject(s)) {
        cat_report(c, s, "%s must be an object {\"kind\": ..., \"seconds\": ..., \"prompt\": ...}, "
                     "not %s",
               owner, cat_json_kind(s));
        return false;
    }
    cat_check_fields(c, s, step_fields, COUNT(step_fields), owner);
    int kind = 0;
    bool kind_ok = cat_get_enum(c, s, "kind", owner, cat_step_kind_names, CAT_STEP_KINDS, &kind);
    out->kind = (StepKind)kind;
    bool ok = kind_ok;
    bool seconds_ok =
        cat_get_int(c, s, "seconds", owner, 5, 3600, "how long the step lasts", &out->seconds);
    ok = seconds_ok && ok;
    bool untimed_ok = cat_get_bool(c, s, "untimed", owner, false, &out->untimed);
    ok = untimed_ok && ok;
    if (kind_ok && untimed_ok && out->untimed && out->kind == STEP_BREATHE) {
        cat_report(c, cat_member(s, "untimed"),
               "%s is a breathe step, which the pacer times, so it cannot be \"untimed\"",
               owner);
        ok = false;
    } else if (kind_ok && seconds_ok && untimed_ok && out->kind == STEP_GROUP && !out->untimed &&
               out->seconds < CATALOG_GROUP_MIN_SECONDS) {
        /* Eight to twelve people cannot speak in a minute or two: a timer
         * that runs out mid-sentence cuts someone off. */
        cat_report(c, cat_member(s, "seconds"),
               "%s is a group discussion timed to %d seconds, too short for a room of 8 to 12 "
               "to speak: add \"untimed\": true, so that the facilitator moves on and the "
               "seconds are a guide for planning, or give it at least %d seconds",
               owner, out->seconds, CATALOG_GROUP_MIN_SECONDS);
        ok = false;
    }
    ok = cat_get_text(c, s, "prompt", owner, "prompt", 220, true,
                  ", so that it reads from four metres away", &out->prompt) && ok;
    ok = cat_get_text(c, s, "notes", owner, "note", 600, false, NULL, &out->notes) && ok;
    const cJSON *pattern = cat_member(s, "pattern");
    if (kind_ok && out->kind == STEP_BREATHE && !pattern) {
        cat_report(c, s,
               "%s is a breathe step but has no \"pattern\": add the seconds to breathe in, "
               "hold, breathe out and hold, such as \"pattern\": [4, 0, 6, 0]",
               owner);
        ok = false;
    } else if (kind_ok && out->kind != STEP_BREATHE && pattern) {
        cat_report(c, pattern,
               "%s is a %s step, so it must not have a \"pattern\" (only breathe steps do)",
               owner, cat_step_kind_names[out->kind]);
        ok = false;
    } else if (kind_ok && pattern) {
        ok = parse_pattern(c, pattern, owner, out->pattern) && ok;
    }
    if (ok && out->kind == STEP_BREATHE) {
        int cycle = out->pattern[0] + out->pattern[1] + out->pattern[2] + out->pattern[3];
        if (out->seconds % cycle != 0) {
            int lo = out->seconds / cycle * cycle, hi = lo + cycle;
            char fit[64];
            if (lo >= 5 && hi <= 3600)
                snprintf(fit, sizeof fit, "%d or %d seconds would fit", lo, hi);
            else
                snprintf(fit, sizeof fit, "%d seconds would fit", lo >= 5 ? lo : hi);
            cat_warn(c, cat_member(s, "seconds"),
                 "%s lasts %d seconds, which is not a whole number of %d-second breathing "
                 "cycles, so the pacer stops mid-breath (%s)",
                 owner, out->seconds, cycle, fit);
        }
    }
    return ok;
}

Exercise *cat_parse_exercise(Ctx *c, const cJSON *root)
{
    if (!cat_require_object(c, root))
        return NULL;
    Exercise *ex = arena_alloc(&c->cat->arena, sizeof *ex);
    if (!ex) {
        c->cat->oom = true;
        return NULL;
    }
    memset(ex, 0, sizeof *ex);
    const char *owner = "the exercise";
    cat_check_fields(c, root, exercise_fields, COUNT(exercise_fields), owner);
    bool ok = cat_get_own_id(c, root, ex->id);
    int module = 0;
    ok = cat_get_enum(c, root, "module", owner, cat_module_names, MODULE_COUNT, &module) && ok;
    ex->module = (Module)module;
    ok = cat_get_text(c, root, "title", owner, "title", 60, true, NULL, &ex->title) && ok;
    ok = cat_get_text(c, root, "summary", owner, "summary", 200, true, NULL, &ex->summary) && ok;

    const cJSON *rating = cat_member(root, "rating");
    if (rating && !cJSON_IsObject(rating)) {
        cat_report(c, rating,
               "\"rating\" must be an object such as {\"instrument\": \"distress\", "
               "\"before\": true, \"after\": true}, not %s",
               cat_json_kind(rating));
        ok = false;
    } else if (rating) {
        const char *rowner = "the rating";
        cat_check_fields(c, rating, rating_fields, COUNT(rating_fields), rowner);
        const cJSON *ref;
        bool rok = cat_get_ref(c, rating, "instrument", rowner, true, ex->instrument, &ref);
        rok = cat_get_bool(c, rating, "before", rowner, false, &ex->rate_before) && rok;
        rok = cat_get_bool(c, rating, "after", rowner, false, &ex->rate_after) && rok;
        if (rok && !ex->rate_before && !ex->rate_after) {
            cat_report(c, rating,
                   "the rating asks neither before nor after: set \"before\" or \"after\" to "
                   "true, or remove \"rating\"");
            rok = false;
        }
        if (rok)
            rok = cat_check_ref(c, ref, KIND_INSTRUMENT, "the exercise is rated with the instrument",
                            ex->instrument);
        ok = rok && ok;
    }

    bool said_personal = false;
    ok = cat_get_bool(c, root, "personal", owner, false, &said_personal) && ok;
    const cJSON *disclosure = cat_member(root, "disclosure");
    if (cJSON_IsString(disclosure)) {
        if (strcmp(disclosure->valuestring, "standard") != 0) {
            cat_report(c, disclosure,
                   "\"disclosure\" is \"%.40s\"; write \"standard\" for the note in "
                   "crisis.json, or the exercise's own note as {\"en\": \"...\", \"es\": "
                   "\"...\"}",
                   disclosure->valuestring);
            ok = false;
        } else if (c->cat->crisis) {
            ex->disclosure = c->cat->crisis->disclosure_note;
        } else {
            /* crisis.json is missing or broken and says so itself; the
             * exercise still runs. */
            ex->disclosure = (Text){{"", ""}};
        }
    } else {
        ok = cat_get_text(c, root, "disclosure", owner, "disclosure note", 600, false, NULL,
                      &ex->disclosure) && ok;
    }

    const cJSON *steps = cat_member(root, "steps");
    int n = steps ? cJSON_GetArraySize(steps) : 0;
    if (!steps) {
        cat_report_missing(c, root, "steps", "the exercise has no \"steps\" (a list of 1 to %d steps)",
                       CATALOG_MAX_STEPS);
        ok = false;
    } else if (!cJSON_IsArray(steps)) {
        cat_report(c, steps, "\"steps\" must be a list [...] of steps, not %s", cat_json_kind(steps));
        ok = false;
    } else if (n < 1 || n > CATALOG_MAX_STEPS) {
        cat_report(c, steps, "the exercise has %d steps; it must have 1 to %d", n,
               CATALOG_MAX_STEPS);
        ok = false;
    } else {
        Step *st = arena_alloc(&c->cat->arena, (size_t)n * sizeof *st);
        if (!st) {
            c->cat->oom = true;
            return NULL;
        }
        int i = 0, talk = -1;
        const cJSON *talk_node = NULL;
        for (const cJSON *s = steps->child; s; s = s->next, i++) {
            ok = parse_step(c, s, i, &st[i]) && ok;
            ex->total_seconds += st[i].seconds;
            if (talk < 0 && (st[i].kind == STEP_PAIRS || st[i].kind == STEP_GROUP)) {
                talk = i;
                talk_node = s;
            }
        }
        ex->steps = st;
        ex->nsteps = n;
        ex->personal = said_personal || talk >= 0;
        /* Whoever is invited to speak about their own life may disclose
         * risk; the facilitator needs to know what to do before it
         * happens, not look it up after. */
        if (ex->personal && !disclosure) {
            char why[80];
            if (said_personal)
                snprintf(why, sizeof why, "it says \"personal\": true");
            else
                snprintf(why, sizeof why, "step %d is a %s step", talk + 1,
                         st[talk].kind == STEP_PAIRS ? "pairs" : "group");
            cat_report(c, said_personal ? cat_member(root, "personal") : talk_node,
                   "the exercise invites personal material (%s), so it needs a note on "
                   "disclosures for the facilitator: add \"disclosure\": \"standard\" (the note "
                   "in crisis.json) or its own {\"en\": \"...\", \"es\": \"...\"}",
                   why);
            ok = false;
        }
    }
    return ok ? ex : NULL;
}
