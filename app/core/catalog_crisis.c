/* The crisis card, data/crisis.json: what the door and the room show at
 * any time, and the standard note on disclosures. */
#include "core/catalog_internal.h"

#include <stdio.h>
#include <string.h>

static const char *const crisis_fields[] = {"title",          "lines",          "clinic_heading",
                                            "clinic_missing", "disclosure_note"};
static const char *const crisis_line_fields[] = {"number", "text"};

Crisis *cat_parse_crisis(Ctx *c, const cJSON *root)
{
    if (!cat_require_object(c, root))
        return NULL;
    if (c->cat->crisis) {
        cat_report(c, root, "there is already a crisis card; a catalog holds one");
        return NULL;
    }
    Crisis *cr = arena_alloc(&c->cat->arena, sizeof *cr);
    if (!cr) {
        c->cat->oom = true;
        return NULL;
    }
    memset(cr, 0, sizeof *cr);
    const char *owner = "the crisis card";
    cat_check_fields(c, root, crisis_fields, COUNT(crisis_fields), owner);
    bool ok = cat_get_text(c, root, "title", owner, "title", 60, true, NULL, &cr->title);
    ok = cat_get_text(c, root, "clinic_heading", owner, "heading for the clinic's numbers", 60,
                  true, NULL, &cr->clinic_heading) && ok;
    ok = cat_get_text(c, root, "clinic_missing", owner, "text for a clinic without numbers", 160,
                  true, NULL, &cr->clinic_missing) && ok;
    ok = cat_get_text(c, root, "disclosure_note", owner, "disclosure note", 600, true, NULL,
                  &cr->disclosure_note) && ok;
    const cJSON *lines = cat_member(root, "lines");
    int n = lines ? cJSON_GetArraySize(lines) : 0;
    if (!lines) {
        cat_report_missing(c, root, "lines", "the crisis card has no \"lines\" (a list of 1 to %d)",
                       CATALOG_MAX_CRISIS_LINES);
        ok = false;
    } else if (!cJSON_IsArray(lines)) {
        cat_report(c, lines, "\"lines\" must be a list [...], not %s", cat_json_kind(lines));
        ok = false;
    } else if (n < 1 || n > CATALOG_MAX_CRISIS_LINES) {
        cat_report(c, lines, "the crisis card has %d lines; it must have 1 to %d", n,
               CATALOG_MAX_CRISIS_LINES);
        ok = false;
    } else {
        CrisisLine *cl = arena_alloc(&c->cat->arena, (size_t)n * sizeof *cl);
        if (!cl) {
            c->cat->oom = true;
            return NULL;
        }
        int i = 0;
        for (const cJSON *l = lines->child; l; l = l->next, i++) {
            char lowner[32];
            snprintf(lowner, sizeof lowner, "line %d", i + 1);
            cl[i] = (CrisisLine){"", {{"", ""}}};
            if (!cJSON_IsObject(l)) {
                cat_report(c, l, "%s must be an object {\"number\": ..., \"text\": ...}, not %s",
                       lowner, cat_json_kind(l));
                ok = false;
                continue;
            }
            cat_check_fields(c, l, crisis_line_fields, COUNT(crisis_line_fields), lowner);
            ok = cat_get_plain(c, l, "number", lowner, 40, true, &cl[i].number) && ok;
            ok = cat_get_text(c, l, "text", lowner, "text", 160, true, NULL, &cl[i].text) && ok;
        }
        cr->lines = cl;
        cr->nlines = n;
    }
    return ok ? cr : NULL;
}
