/* A rating instrument file: its scale, labels, what it is and is not,
 * and the answers that offer help or prompt the facilitator
 * (data/README.md). */
#include "core/catalog_internal.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

static const char *const instrument_fields[] = {
    "id",     "title",          "prompt",          "min",           "max",
    "style",  "labels",         "higher_is_better", "validity",     "source",
    "reference_line", "reference_label", "marked_change", "offer_help", "ask_room"};
static const char *const label_fields[] = {"min", "mid", "max"};
static const char *const ask_room_fields[] = {"answers", "note"};

/* Words that claim a line means something clinically: only a published
 * source can back them, never a clinic's choice on one unvalidated item.
 * Spanish "clínica" alone is left out: it is also "the clinic". */
static const char *const claim_words[] = {
    "clinical",    "clinically",  "cutoff",       "cut-off",     "cut off",
    "threshold",   "clínico",     "clínicos",     "clínicamente", "línea clínica",
    "relevancia clínica", "significación clínica", "significancia clínica",
    "punto de corte", "umbral"};

static unsigned char ascii_lower(unsigned char ch)
{
    return ch >= 'A' && ch <= 'Z' ? (unsigned char)(ch + ('a' - 'A')) : ch;
}

/* The first claim word in s, compared without regard to ASCII case. */
static const char *claim_in(const char *s)
{
    for (int i = 0; i < COUNT(claim_words); i++) {
        size_t n = strlen(claim_words[i]);
        for (const char *p = s; *p; p++) {
            size_t k = 0;
            while (k < n && p[k] &&
                   ascii_lower((unsigned char)p[k]) == (unsigned char)claim_words[i][k])
                k++;
            if (k == n)
                return claim_words[i];
        }
    }
    return NULL;
}

/* A list of answers on the scale min..max, as bits of out. */
static bool get_answers(Ctx *c, const cJSON *v, const char *what, int min, int max,
                        uint16_t *out)
{
    *out = 0;
    if (!cJSON_IsArray(v)) {
        cat_report(c, v, "%s must be a list of answers such as [%d, %d], or [] for none, not %s",
               what, max - 1, max, cat_json_kind(v));
        return false;
    }
    bool ok = true;
    for (const cJSON *e = v->child; e; e = e->next) {
        if (!cJSON_IsNumber(e) || !cat_whole_in(e->valuedouble, min, max)) {
            if (cJSON_IsNumber(e))
                cat_report(c, e, "%s has %g, which is not an answer on the scale %d to %d", what,
                       e->valuedouble, min, max);
            else
                cat_report(c, e, "%s has %s; each answer is a whole number from %d to %d", what,
                       cat_json_kind(e), min, max);
            ok = false;
            continue;
        }
        *out |= (uint16_t)(1u << (int)e->valuedouble);
    }
    return ok;
}

Instrument *cat_parse_instrument(Ctx *c, const cJSON *root)
{
    if (!cat_require_object(c, root))
        return NULL;
    Instrument *in = arena_alloc(&c->cat->arena, sizeof *in);
    if (!in) {
        c->cat->oom = true;
        return NULL;
    }
    memset(in, 0, sizeof *in);
    const char *owner = "the instrument";
    cat_check_fields(c, root, instrument_fields, COUNT(instrument_fields), owner);
    bool ok = cat_get_own_id(c, root, in->id);
    ok = cat_get_text(c, root, "title", owner, "title", 60, true, NULL, &in->title) && ok;
    ok = cat_get_text(c, root, "prompt", owner, "prompt", 220, true,
                  ", so that it reads from across the room", &in->prompt) && ok;
    bool range = cat_get_int(c, root, "min", owner, 0, 10, "the lowest answer", &in->min);
    range = cat_get_int(c, root, "max", owner, 0, 10, "the highest answer", &in->max) && range;
    if (range && in->min >= in->max) {
        cat_report(c, cat_member(root, "max"), "\"max\" (%d) must be greater than \"min\" (%d)", in->max,
               in->min);
        range = false;
    }
    ok = ok && range;
    int style = 0;
    bool sok = cat_get_enum(c, root, "style", owner, cat_style_names, CAT_STYLES, &style);
    in->style = (InstrumentStyle)style;
    if (sok && range && in->style == INSTRUMENT_FACES && (in->min != 1 || in->max != 5)) {
        cat_report(c, cat_member(root, "style"),
               "the \"faces\" style shows five faces, so it needs \"min\": 1 and \"max\": 5; "
               "use \"buttons\" or \"slider\" for %d to %d",
               in->min, in->max);
        sok = false;
    }
    ok = ok && sok;

    const cJSON *labels = cat_member(root, "labels");
    if (!labels) {
        cat_report_missing(c, root, "labels",
                       "the instrument has no \"labels\" (words for the lowest and highest "
                       "answers: \"labels\": {\"min\": {...}, \"max\": {...}})");
        ok = false;
    } else if (!cJSON_IsObject(labels)) {
        cat_report(c, labels, "\"labels\" must be an object {\"min\": ..., \"max\": ...}, not %s",
               cat_json_kind(labels));
        ok = false;
    } else {
        cat_check_fields(c, labels, label_fields, COUNT(label_fields), "the labels");
        ok = cat_get_text(c, labels, "min", owner, "label for the lowest answer", 40, true, NULL,
                      &in->label_min) && ok;
        ok = cat_get_text(c, labels, "mid", owner, "label for the middle", 40, false, NULL,
                      &in->label_mid) && ok;
        ok = cat_get_text(c, labels, "max", owner, "label for the highest answer", 40, true, NULL,
                      &in->label_max) && ok;
    }
    bool hib_ok = cat_get_bool(c, root, "higher_is_better", owner, true, &in->higher_is_better);
    ok = hib_ok && ok;
    ok = cat_get_text(c, root, "validity", owner, "validity statement", 200, true,
                  " (say plainly what the measure is, such as \"Not a validated measure: one "
                  "question written for this program\")",
                  &in->validity) && ok;
    ok = cat_get_plain(c, root, "source", owner, 300, false, &in->source) && ok;

    if (!cat_get_number(c, root, "reference_line", owner, &in->has_reference_line,
                    &in->reference_line)) {
        ok = false;
    } else if (in->has_reference_line && range &&
               !(in->reference_line >= in->min && in->reference_line <= in->max)) {
        cat_report(c, cat_member(root, "reference_line"),
               "the \"reference_line\" %g is outside the scale %d to %d", in->reference_line,
               in->min, in->max);
        ok = false;
    }
    bool label_ok = cat_get_text(c, root, "reference_label", owner, "reference label", 60, false,
                             NULL, &in->reference_label);
    ok = label_ok && ok;
    if (label_ok && in->reference_label.en[0] && !in->has_reference_line) {
        cat_report(c, cat_member(root, "reference_label"),
               "the \"reference_label\" names a line, but there is no \"reference_line\"");
        ok = false;
    }
    if (label_ok && !in->source[0]) {
        const char *word = claim_in(in->reference_label.en);
        if (!word)
            word = claim_in(in->reference_label.es);
        if (word) {
            /* A clinic's line on one unvalidated question is not a
             * clinical cutoff, and the charts must not say it is. */
            cat_report(c, cat_member(root, "reference_label"),
                   "the reference line is labelled with \"%s\", a claim only a validated "
                   "measure can make: add the \"source\" that establishes it, or call it what "
                   "it is, such as \"a line the clinic set\"",
                   word);
            ok = false;
        }
    }
    if (!cat_get_number(c, root, "marked_change", owner, &in->has_marked_change,
                    &in->marked_change)) {
        ok = false;
    } else if (in->has_marked_change && !(in->marked_change > 0)) {
        cat_report(c, cat_member(root, "marked_change"),
               "the \"marked_change\" is %g; it must be more than 0", in->marked_change);
        ok = false;
    }

    const cJSON *offer = cat_member(root, "offer_help");
    if (offer && range) {
        ok = get_answers(c, offer, "\"offer_help\"", in->min, in->max, &in->offer_help) && ok;
    } else if (range && hib_ok) {
        /* The two worst answers of the scale. */
        int worst = in->higher_is_better ? in->min : in->max;
        int next = in->higher_is_better ? in->min + 1 : in->max - 1;
        in->offer_help = (uint16_t)(1u << worst | 1u << next);
    }
    const cJSON *ask = cat_member(root, "ask_room");
    if (ask && !cJSON_IsObject(ask)) {
        cat_report(c, ask,
               "\"ask_room\" must be an object {\"answers\": [...], \"note\": {\"en\": ..., "
               "\"es\": ...}}, not %s",
               cat_json_kind(ask));
        ok = false;
    } else if (ask) {
        cat_check_fields(c, ask, ask_room_fields, COUNT(ask_room_fields), "\"ask_room\"");
        const cJSON *answers = cat_member(ask, "answers");
        if (!answers) {
            cat_report_missing(c, ask, "answers",
                           "\"ask_room\" has no \"answers\" (the answers that prompt it)");
            ok = false;
        } else if (range) {
            ok = get_answers(c, answers, "\"ask_room\"'s \"answers\"", in->min, in->max,
                             &in->ask_room) && ok;
        }
        ok = cat_get_text(c, ask, "note", "\"ask_room\"", "note", 300, true, NULL,
                      &in->ask_room_note) && ok;
    } else {
        in->ask_room_note = (Text){{"", ""}};
    }
    return ok ? in : NULL;
}

bool instrument_offers_help(const Instrument *in, int value)
{
    return value >= 0 && value <= 15 && (in->offer_help >> value & 1u);
}

bool instrument_asks_room(const Instrument *in, int value)
{
    return value >= 0 && value <= 15 && (in->ask_room >> value & 1u);
}
