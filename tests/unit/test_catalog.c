/* The catalog: data/README.md's rules, file:line problems, and the real
 * data/ folder once it has content. */
#include "testkit.h"

#include "core/catalog.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* --- helpers -------------------------------------------------------------- */

static char *fixture(const char *name)
{
    static char path[1024];
    snprintf(path, sizeof path, "%s/tests/unit/fixtures/%s", tk_source_dir(), name);
    return path;
}

static void dump(const Catalog *cat)
{
    for (int i = 0; i < catalog_problem_count(cat); i++) {
        char line[600];
        catalog_problem_format(catalog_problem_at(cat, i), line, sizeof line);
        print_message("  problem: %s\n", line);
    }
}

/* The formatted problem that starts with prefix ("file:line: ") and holds
 * words, or NULL. */
static const char *find_problem(const Catalog *cat, const char *prefix, const char *words)
{
    static char line[600];
    for (int i = 0; i < catalog_problem_count(cat); i++) {
        catalog_problem_format(catalog_problem_at(cat, i), line, sizeof line);
        if (!strncmp(line, prefix, strlen(prefix)) && (!words || strstr(line, words)))
            return line;
    }
    return NULL;
}

static void expect_problem(const Catalog *cat, const char *prefix, const char *words)
{
    if (!find_problem(cat, prefix, words)) {
        dump(cat);
        fail_msg("no problem \"%s ... %s\"", prefix, words ? words : "");
    }
}

static int problems_in(const Catalog *cat, const char *file)
{
    int n = 0;
    for (int i = 0; i < catalog_problem_count(cat); i++)
        n += !strcmp(catalog_problem_at(cat, i)->file, file);
    return n;
}

/* A copy of text with the first `from` replaced by `to`. */
static char *edit(const char *text, const char *from, const char *to)
{
    const char *at = strstr(text, from);
    if (!at)
        fail_msg("the test's base text has no \"%s\"", from);
    size_t head = (size_t)(at - text), n = strlen(text) - strlen(from) + strlen(to);
    char *out = malloc(n + 1);
    assert_non_null(out);
    memcpy(out, text, head);
    strcpy(out + head, to);
    strcat(out, at + strlen(from));
    return out;
}

static void write_file(const char *path, const char *text, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

static void write_text(const char *dir, const char *name, const char *text)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    write_file(path, text, strlen(text));
}

/* A fresh data folder with the three sub-folders and a crisis card. */
static const char *new_data_dir(const char *name)
{
    static char dir[512];
    snprintf(dir, sizeof dir, "%s", tk_path(name));
    assert_int_equal(
        tk_system("mkdir -p '%s/exercises' '%s/instruments' '%s/plans' && cp '%s/crisis.json' '%s/'",
                  dir, dir, dir, fixture("catalog-good"), dir),
        0);
    return dir;
}

static const char base_instrument[] =
    "{\n"                                                                   /* 1 */
    "  \"id\": \"mood\",\n"                                                 /* 2 */
    "  \"title\":  {\"en\": \"Mood now\", \"es\": \"Ánimo ahora\"},\n"      /* 3 */
    "  \"prompt\": {\"en\": \"How are you?\", \"es\": \"¿Cómo estás?\"},\n" /* 4 */
    "  \"min\": 1, \"max\": 5,\n"                                           /* 5 */
    "  \"style\": \"faces\",\n"                                             /* 6 */
    "  \"labels\": {\"min\": {\"en\": \"Low\", \"es\": \"Bajo\"},\n"        /* 7 */
    "             \"max\": {\"en\": \"Good\", \"es\": \"Bien\"}},\n"        /* 8 */
    "  \"validity\": {\"en\": \"Not validated.\", \"es\": \"No validada.\"}, "  /* 9 */
    "\"higher_is_better\": true\n"
    "}\n";                                                                  /* 10 */

static const char base_exercise[] =
    "{\n"                                                                       /* 1 */
    "  \"id\": \"ex\",\n"                                                       /* 2 */
    "  \"module\": \"mindfulness\",\n"                                          /* 3 */
    "  \"title\":   {\"en\": \"Title\", \"es\": \"Título\"},\n"                 /* 4 */
    "  \"summary\": {\"en\": \"Summary.\", \"es\": \"Resumen.\"},\n"            /* 5 */
    "  \"steps\": [\n"                                                          /* 6 */
    "    {\"kind\": \"read\", \"seconds\": 30,\n"                               /* 7 */
    "     \"prompt\": {\"en\": \"Read.\", \"es\": \"Lee.\"}},\n"                /* 8 */
    "    {\"kind\": \"breathe\", \"seconds\": 60, \"pattern\": [4, 0, 6, 0],\n" /* 9 */
    "     \"prompt\": {\"en\": \"Breathe.\", \"es\": \"Respira.\"}}\n"          /* 10 */
    "  ]\n"                                                                     /* 11 */
    "}\n";                                                                      /* 12 */

static const char base_plan[] =
    "{\n"                                                                   /* 1 */
    "  \"id\": \"plan\",\n"                                                 /* 2 */
    "  \"title\": {\"en\": \"Group\", \"es\": \"Grupo\"},\n"                /* 3 */
    "  \"blocks\": [\n"                                                     /* 4 */
    "    {\"kind\": \"checkin\", \"minutes\": 15,\n"                        /* 5 */
    "     \"title\": {\"en\": \"Arrive\", \"es\": \"Llegada\"}},\n"         /* 6 */
    "    {\"kind\": \"practice\", \"minutes\": 20, \"exercise\": \"ex\",\n" /* 7 */
    "     \"title\": {\"en\": \"Practice\", \"es\": \"Práctica\"}}\n"       /* 8 */
    "  ]\n"                                                                 /* 9 */
    "}\n";                                                                  /* 10 */

/* A catalog holding the base instrument and, with_exercise, the base
 * exercise, to check one more file against. */
static Catalog *catalog_with_bases(bool with_exercise)
{
    Catalog *cat = catalog_new();
    assert_non_null(cat);
    assert_true(catalog_add_instrument(cat, "instruments/mood.json", base_instrument,
                                       strlen(base_instrument)));
    if (with_exercise)
        assert_true(
            catalog_add_exercise(cat, "exercises/ex.json", base_exercise, strlen(base_exercise)));
    assert_int_equal(catalog_problem_count(cat), 0);
    return cat;
}

typedef enum { EX, INS, PLAN } Which;

/* Checks one edited base file: refused, with a problem at prefix holding
 * words; or accepted without problems when prefix is NULL. */
static void check_edit(Which which, const char *from, const char *to, const char *prefix,
                       const char *words)
{
    const char *base = which == EX ? base_exercise : which == INS ? base_instrument : base_plan;
    char *text = edit(base, from, to);
    Catalog *cat = catalog_with_bases(which == PLAN);
    bool added;
    if (which == EX)
        added = catalog_add_exercise(cat, "exercises/ex.json", text, strlen(text));
    else if (which == INS)
        added = catalog_add_instrument(cat, "instruments/mood2.json", text, strlen(text));
    else
        added = catalog_add_plan(cat, "plans/plan.json", text, strlen(text));
    if (prefix) {
        if (added) {
            dump(cat);
            fail_msg("accepted after \"%s\" -> \"%s\"", from, to);
        }
        expect_problem(cat, prefix, words);
    } else if (!added || catalog_problem_count(cat) != 0) {
        dump(cat);
        fail_msg("refused after \"%s\" -> \"%s\"", from, to);
    }
    catalog_free(cat);
    free(text);
}

static char *repeat(const char *unit, int n)
{
    size_t len = strlen(unit);
    char *s = malloc(len * (size_t)n + 1);
    assert_non_null(s);
    for (int i = 0; i < n; i++)
        memcpy(s + len * (size_t)i, unit, len);
    s[len * (size_t)n] = '\0';
    return s;
}

/* --- the fixture folders -------------------------------------------------- */

static void test_good_folder_loads_everything(void **state)
{
    (void)state;
    Catalog *cat = catalog_load(fixture("catalog-good"));
    assert_non_null(cat);
    if (catalog_problem_count(cat))
        dump(cat);
    assert_int_equal(catalog_problem_count(cat), 0);
    assert_int_equal(catalog_exercise_count(cat), 2);
    assert_int_equal(catalog_instrument_count(cat), 2);
    assert_int_equal(catalog_plan_count(cat), 1);
    /* File-name order, the same on every device. */
    assert_string_equal(catalog_exercise_at(cat, 0)->id, "notice-five");
    assert_string_equal(catalog_exercise_at(cat, 1)->id, "slow-breath");
    assert_null(catalog_exercise_at(cat, 2));

    const Exercise *ex = catalog_exercise(cat, "slow-breath");
    assert_non_null(ex);
    assert_int_equal(ex->module, MODULE_DISTRESS_TOLERANCE);
    assert_string_equal(ex->instrument, "tension");
    assert_true(ex->rate_before && ex->rate_after);
    assert_int_equal(ex->nsteps, 3);
    assert_int_equal(ex->total_seconds, 30 + 190 + 120);
    assert_int_equal(ex->steps[1].kind, STEP_BREATHE);
    assert_int_equal(ex->steps[1].seconds, 190);
    assert_memory_equal(ex->steps[1].pattern, ((int[4]){4, 7, 8, 0}), sizeof(int[4]));
    assert_int_equal(ex->steps[0].pattern[0], 0);
    assert_string_equal(text_in(&ex->title, "es"), "Respiración lenta");
    assert_string_equal(text_in(&ex->title, "en"), "Slow breathing");
    assert_string_equal(ex->steps[1].notes.en, ""); /* absent: empty, never NULL */
    assert_string_equal(text_in(&ex->steps[0].notes, "es"),
                        "Invita a cerrar los ojos o bajar la mirada.");
    assert_int_equal(ex->steps[2].kind, STEP_PAIRS);
    assert_false(ex->steps[2].untimed);
    /* A pairs step invites personal material; its own disclosure note. */
    assert_true(ex->personal);
    assert_string_equal(text_in(&ex->disclosure, "es"),
                        "Alguien puede contar más de lo esperado: escucha y habla con esa persona "
                        "después.");

    const Exercise *five = catalog_exercise(cat, "notice-five");
    assert_string_equal(five->instrument, "");
    assert_false(five->rate_before || five->rate_after);
    assert_true(five->steps[1].untimed);
    assert_int_equal(five->steps[1].seconds, 240);
    /* "standard": the crisis card's note, the same text, not a copy. */
    const Crisis *crisis = catalog_crisis(cat);
    assert_non_null(crisis);
    assert_true(five->personal);
    assert_ptr_equal(five->disclosure.en, crisis->disclosure_note.en);
    assert_int_equal(crisis->nlines, 2);
    assert_string_equal(crisis->lines[0].number, "988");
    assert_string_equal(text_in(&crisis->lines[1].text, "es"), "Si hay peligro inmediato.");
    assert_string_equal(text_in(&crisis->clinic_heading, "en"), "This program");

    const Instrument *calm = catalog_instrument(cat, "calm");
    assert_non_null(calm);
    assert_int_equal(calm->style, INSTRUMENT_FACES);
    assert_int_equal(calm->min, 1);
    assert_int_equal(calm->max, 5);
    assert_true(calm->higher_is_better);
    assert_true(calm->has_reference_line);
    assert_true(calm->reference_line == 2.0);
    assert_string_equal(text_in(&calm->reference_label, "en"), "Low calm (the clinic's line)");
    assert_true(calm->has_marked_change);
    assert_true(calm->marked_change == 1.5);
    assert_string_equal(text_in(&calm->label_mid, "es"), "Algo");
    assert_string_equal(text_in(&calm->validity, "es"), "No es una medida validada.");
    assert_string_equal(calm->source, "");
    /* offer_help as the file says: only 1. */
    assert_int_equal(calm->offer_help, 1 << 1);
    assert_true(instrument_offers_help(calm, 1));
    assert_false(instrument_offers_help(calm, 2));
    assert_false(instrument_asks_room(calm, 1));
    assert_string_equal(calm->ask_room_note.en, "");
    const Instrument *tension = catalog_instrument(cat, "tension");
    assert_int_equal(tension->style, INSTRUMENT_SLIDER);
    assert_false(tension->higher_is_better);
    assert_false(tension->has_reference_line);
    assert_false(tension->has_marked_change);
    assert_string_equal(tension->label_mid.es, "");
    assert_string_equal(tension->reference_label.en, "");
    /* No offer_help: the two worst answers, 9 and 10 when lower is better. */
    assert_int_equal(tension->offer_help, 1 << 9 | 1 << 10);
    assert_false(instrument_offers_help(tension, 8));
    assert_true(instrument_offers_help(tension, 10));
    assert_false(instrument_offers_help(tension, 11));
    assert_false(instrument_offers_help(tension, -1));
    assert_true(instrument_asks_room(tension, 8));
    assert_false(instrument_asks_room(tension, 7));
    assert_string_equal(text_in(&tension->ask_room_note, "es"),
                        "Pregunta al grupo qué aliviaría la tensión.");

    const Plan *plan = catalog_plan(cat, "short-group");
    assert_non_null(plan);
    assert_int_equal(plan->nblocks, 4);
    assert_int_equal(plan->total_minutes, 35);
    assert_int_equal(plan->blocks[1].kind, BLOCK_PRACTICE);
    assert_string_equal(plan->blocks[1].exercise, "slow-breath");
    assert_int_equal(plan->blocks[2].kind, BLOCK_RATING);
    assert_string_equal(plan->blocks[2].instrument, "calm");
    assert_string_equal(plan->blocks[0].exercise, "");

    assert_null(catalog_exercise(cat, "nothing"));
    assert_null(catalog_plan(cat, "slow-breath")); /* ids are per kind */
    catalog_free(cat);
}

static void test_broken_folder_reports_each_file_and_keeps_the_rest(void **state)
{
    (void)state;
    Catalog *cat = catalog_load(fixture("catalog-broken"));
    assert_non_null(cat);

    /* The valid files in the same folders still load. */
    assert_int_equal(catalog_instrument_count(cat), 1);
    assert_non_null(catalog_instrument(cat, "mood"));
    assert_int_equal(catalog_exercise_count(cat), 1);
    assert_non_null(catalog_exercise(cat, "good"));
    assert_int_equal(catalog_plan_count(cat), 1);
    assert_non_null(catalog_plan(cat, "good-plan"));
    assert_non_null(catalog_crisis(cat));

    expect_problem(cat, "exercises/bad-json.json:7: ", "comma is missing at the end of this line");
    expect_problem(cat, "instruments/trailing-comma.json:10: ", "comma after the last item");
    expect_problem(cat, "exercises/no-spanish.json:13: ", "step 3 has no Spanish prompt (\"es\")");
    expect_problem(cat, "exercises/negative.json:8: ", "step 1's \"seconds\" is -30");
    expect_problem(cat, "exercises/unknown-kind.json:9: ",
                   "step 2 has the unknown kind \"breath\" (did you mean \"breathe\"?)");
    expect_problem(cat,
                   "exercises/unknown-instrument.json:6: ", "there is no instruments/stress.json");
    expect_problem(cat, "exercises/unknown-field.json:11: ",
                   "unknown field \"secnds\" in step 2 (did you mean \"seconds\"?)");
    expect_problem(cat, "exercises/wrong-id.json:2: ",
                   "the id \"check-facts\" does not match the file name: it must be \"wrong-id\"");
    expect_problem(cat, "exercises/no-pattern.json:7: ", "breathe step but has no \"pattern\"");
    expect_problem(cat, "exercises/read-pattern.json:9: ",
                   "step 1 is a read step, so it must not have a \"pattern\"");
    expect_problem(cat, "exercises/long-prompt.json:9: ",
                   "step 1's English prompt is 274 characters long; the limit is 220");
    expect_problem(cat, "plans/missing-exercise.json:7: ",
                   "block 2 suggests the exercise \"wise-mind\", but there is no "
                   "exercises/wise-mind.json");
    expect_problem(cat, "exercises/good-copy.json:2: ",
                   "the id \"good\" is already used by exercises/good.json");
    /* A skipped instrument takes the exercise rated with it along, and a
     * skipped exercise the plan suggesting it: each says why. */
    expect_problem(cat, "instruments/faces-wide.json:6: ", "\"faces\" style");
    expect_problem(cat, "exercises/skipped-instrument.json:6: ",
                   "instruments/faces-wide.json has problems of its own");
    expect_problem(cat, "plans/missing-exercise.json:9: ",
                   "exercises/no-pattern.json has problems of its own");
    /* The content checks: each refuses its file. */
    expect_problem(cat, "instruments/clinical-line.json:12: ",
                   "the reference line is labelled with \"clinical\", a claim only a validated "
                   "measure can make");
    expect_problem(cat, "exercises/short-talk.json:10: ",
                   "step 2 is a group discussion timed to 90 seconds, too short");
    expect_problem(cat, "exercises/no-disclosure.json:9: ",
                   "the exercise invites personal material (step 2 is a pairs step)");
    expect_problem(cat, "plans/over-time.json:4: ",
                   "the plan lasts 60 minutes, but its blocks add up to 65");
    expect_problem(cat, "plans/short-practice.json:6: ",
                   "block 2 gives \"good\" 5 minutes, but the exercise takes 1:30 and 2 rating "
                   "rounds of about 2 minutes: give the block at least 6 minutes");
    expect_problem(cat, "plans/short-practice.json:8: ",
                   "block 3 is a rating round of 1 minute");

    /* One problem each: the scanner never cascades into noise. */
    assert_int_equal(problems_in(cat, "exercises/bad-json.json"), 1);
    assert_int_equal(problems_in(cat, "exercises/unknown-field.json"), 1);
    assert_int_equal(problems_in(cat, "exercises/no-spanish.json"), 1);
    assert_int_equal(problems_in(cat, "exercises/short-talk.json"), 1);
    assert_int_equal(problems_in(cat, "exercises/no-disclosure.json"), 1);
    assert_int_equal(problems_in(cat, "instruments/clinical-line.json"), 1);
    assert_int_equal(problems_in(cat, "crisis.json"), 0);
    assert_int_equal(catalog_problem_count(cat), 22);

    /* Instruments first, then exercises, then plans; by line in a file. */
    assert_string_equal(catalog_problem_at(cat, 0)->file, "instruments/clinical-line.json");
    assert_string_equal(catalog_problem_at(cat, 21)->file, "plans/short-practice.json");
    for (int i = 0; i < catalog_problem_count(cat); i++) {
        const CatalogProblem *p = catalog_problem_at(cat, i);
        assert_false(p->warning);
        assert_true(p->line >= 1);
        assert_null(strstr(p->message, "line numbers could not"));
    }
    catalog_free(cat);
}

/* --- syntax errors point where the mistake is ------------------------------ */

static void check_syntax(const char *from, const char *to, int line, const char *words)
{
    char prefix[64];
    snprintf(prefix, sizeof prefix, "exercises/ex.json:%d: ", line);
    char *text = edit(base_exercise, from, to);
    Catalog *cat = catalog_new();
    assert_false(catalog_add_exercise(cat, "exercises/ex.json", text, strlen(text)));
    if (catalog_problem_count(cat) != 1) {
        dump(cat);
        fail_msg("expected one problem for \"%s\" -> \"%s\"", from, to);
    }
    expect_problem(cat, prefix, words);
    catalog_free(cat);
    free(text);
}

static void test_syntax_errors_name_the_line(void **state)
{
    (void)state;
    check_syntax("\"mindfulness\",", "\"mindfulness\"", 3,
                 "a comma is missing at the end of this line (before \"title\" on line 4)");
    check_syntax("\"Respira.\"}}\n", "\"Respira.\"}},\n", 10, "comma after the last item");
    check_syntax("\"seconds\": 30,", "\"seconds\": 30,,", 7, "a name in double quotes");
    check_syntax("  \"title\":   {", "  // the title\n  \"title\":   {", 4, "comments");
    check_syntax("\"id\": \"ex\"", "'id': \"ex\"", 2, "double quotes");
    check_syntax("\"id\": \"ex\",", "\"id\": \"ex,", 2, "missing closing quote");
    check_syntax("  ]\n}\n", "  ]\n", 11, "the { opened on line 1 is never closed");
    check_syntax("\"seconds\": 30", "\"seconds\": thirty", 7, "thirty is not a value");
    check_syntax("\"id\": \"ex\"", "\"id\" \"ex\"", 2, "a colon : is missing");
    check_syntax("  ]\n}\n", "  ]\n}\n}\n", 13, "something follows the end of the JSON");
    check_syntax("[4, 0, 6, 0]", "[4, 0, 6, 0}", 9, "does not match the [ opened on line 9");
    check_syntax("\"Lee.\"", "\"Le\\qe.\"", 8, "a backslash in a text");
    check_syntax("\"seconds\": 60", "\"seconds\": True", 9,
                 "write true, false and null in lower case");
    check_syntax("\"id\":", "id:", 2, "the name id needs double quotes");
    check_syntax("\"seconds\": 30", "\"seconds\": 3 0", 7, "a comma is missing before 0");
    check_syntax("\"seconds\": 30", "\"seconds\": -", 7, "- is not a number");
    check_syntax("\"es\": \"Lee.\"", "\"es\": \"\\ud800\"", 8, "a backslash in a text");
}

static void test_encoding_problems(void **state)
{
    (void)state;
    /* Latin-1 "é" as many Windows editors save it. */
    char *latin1 = edit(base_exercise, "Título", "T\xEDtulo");
    Catalog *cat = catalog_new();
    assert_false(catalog_add_exercise(cat, "exercises/ex.json", latin1, strlen(latin1)));
    expect_problem(cat, "exercises/ex.json:4: ", "not UTF-8 text (byte 0xED)");
    catalog_free(cat);
    free(latin1);

    cat = catalog_new();
    const char utf16[] = "\xFF\xFE{\0}\0";
    assert_false(catalog_add_exercise(cat, "exercises/ex.json", utf16, sizeof utf16 - 1));
    expect_problem(cat, "exercises/ex.json:1: ", "UTF-16");
    catalog_free(cat);

    cat = catalog_new();
    char nul[] = "{\n  \"id\": \"ex\"\0}";
    assert_false(catalog_add_exercise(cat, "exercises/ex.json", nul, sizeof nul - 1));
    expect_problem(cat, "exercises/ex.json:2: ", "NUL byte");
    catalog_free(cat);

    cat = catalog_new();
    assert_false(catalog_add_exercise(cat, "exercises/ex.json", " \n\t", 3));
    expect_problem(cat, "exercises/ex.json:1: ", "the file is empty");
    catalog_free(cat);

    /* A UTF-8 byte-order mark and Windows line ends are fine, and lines
     * still count right. */
    char *crlf = malloc(2 * sizeof base_exercise + 4);
    char *o = crlf;
    o += sprintf(o, "\xEF\xBB\xBF");
    for (const char *s = base_exercise; *s; s++) {
        if (*s == '\n')
            *o++ = '\r';
        *o++ = *s;
    }
    *o = '\0';
    cat = catalog_with_bases(false);
    assert_true(catalog_add_exercise(cat, "exercises/ex.json", crlf, strlen(crlf)));
    char *bad = edit(crlf, "\"seconds\": 60", "\"seconds\": 61");
    assert_false(catalog_add_plan(cat, "plans/ex.json", crlf, strlen(crlf))); /* wrong kind */
    catalog_free(cat);
    cat = catalog_with_bases(false);
    assert_true(catalog_add_exercise(cat, "exercises/ex.json", bad, strlen(bad)));
    expect_problem(cat, "exercises/ex.json:9: ", "not a whole number of 10-second");
    catalog_free(cat);
    free(bad);
    free(crlf);
}

/* --- line numbers of values in tricky places ------------------------------- */

static void test_lines_of_values_after_tricky_text(void **state)
{
    (void)state;
    /* Strings holding brackets, commas, colons and escaped quotes, several
     * values on one line, and a value alone on a later line. */
    const char *text =
        "{\"id\": \"ex\", \"module\": \"mindfulness\", \"title\": {\"en\": \"A \\\"{[x]}\\\", "
        "y: z\", \"es\": \"\\u00bfY?\\\\\"},\n"                                             /* 1 */
        "\"summary\": {\"en\": \"S.\", \"es\": \"S.\"}, \"steps\": [{\"kind\": \"read\",\n" /* 2 */
        "\"seconds\": 30, \"prompt\": {\"en\": \"[}{]\", \"es\": \"R.\"}}, {\"kind\":\n"    /* 3 */
        "\"breathe\", \"seconds\": 60, \"prompt\": {\"en\": \"B.\", \"es\": \"R.\"},\n"     /* 4 */
        "\"pattern\": [4,\n"                                                                /* 5 */
        "0,\n"                                                                              /* 6 */
        "21,\n"                                                                             /* 7 */
        "0]}]}\n";                                                                          /* 8 */
    Catalog *cat = catalog_new();
    assert_false(catalog_add_exercise(cat, "exercises/ex.json", text, strlen(text)));
    expect_problem(cat, "exercises/ex.json:7: ", "has 21 for the breath out");
    assert_int_equal(catalog_problem_count(cat), 1);
    catalog_free(cat);

    /* A key given twice: the second is the problem. */
    check_edit(EX, "  \"summary\":", "  \"title\": {\"en\": \"T\", \"es\": \"T\"},\n  \"summary\":",
               "exercises/ex.json:5: ", "\"title\" appears twice in the exercise");
    /* A problem in the last element of a nested list. */
    check_edit(EX, "[4, 0, 6, 0]", "[4, 0,\n 6, 25]",
               "exercises/ex.json:10: ", "has 25 for the hold after breathing out");
}

static void test_deep_nesting_is_refused_without_a_crash(void **state)
{
    (void)state;
    char *open = repeat("[", 900), *close = repeat("]", 900);
    size_t n = strlen(base_exercise) + 4000;
    char *text = malloc(n);
    snprintf(text, n, "{\"deep\": %s%s,\n%s", open, close, base_exercise + 2);
    Catalog *cat = catalog_with_bases(false);
    assert_false(catalog_add_exercise(cat, "exercises/ex.json", text, strlen(text)));
    expect_problem(cat, "exercises/ex.json:1: ", "unknown field \"deep\"");
    catalog_free(cat);
    free(open);
    free(close);
    free(text);

    open = repeat("[", 5000);
    cat = catalog_new();
    assert_false(catalog_add_exercise(cat, "exercises/ex.json", open, strlen(open)));
    assert_int_equal(catalog_problem_count(cat), 1);
    catalog_free(cat);
    free(open);
}

/* --- every rule of data/README.md ------------------------------------------ */

static void test_exercise_rules(void **state)
{
    (void)state;
    const char *L = "exercises/ex.json:";
    char p[64];
#define AT(n) (snprintf(p, sizeof p, "%s%d: ", L, n), p)
    check_edit(EX, "\"id\": \"ex\"", "\"id\": \"Ex\"", AT(2), "ids are 1 to 48 characters");
    check_edit(EX, "  \"id\": \"ex\",\n", "", AT(1),
               "the exercise has no \"id\"; add \"id\": \"ex\"");
    check_edit(EX, "\"mindfulness\"", "\"mindfullness\"", AT(3), "did you mean \"mindfulness\"");
    check_edit(EX, "\"mindfulness\"", "\"yoga\"", AT(3),
               "use one of mindfulness, distress_tolerance");
    check_edit(EX, "  \"module\": \"mindfulness\",\n", "", AT(1), "has no \"module\"");
    /* Titles: 1 to 60 characters, counted as a person counts them. */
    char *t60 = repeat("é", 60), *t61 = repeat("é", 61);
    char buf[400];
    snprintf(buf, sizeof buf, "\"es\": \"%s\"}", t60);
    check_edit(EX, "\"es\": \"Título\"}", buf, NULL, NULL);
    snprintf(buf, sizeof buf, "\"es\": \"%s\"}", t61);
    check_edit(EX, "\"es\": \"Título\"}", buf, AT(4),
               "the exercise's Spanish title is 61 characters long; the limit is 60");
    free(t60);
    free(t61);
    check_edit(EX, "\"es\": \"Título\"", "\"es\": \"  \"", AT(4), "Spanish title is empty");
    check_edit(EX, "\"es\": \"Título\"", "\"es\": 3", AT(4),
               "must be text in quotes, not a number");
    check_edit(EX, "\"es\": \"Título\"", "\"es\": \"Título\", \"fr\": \"Titre\"", AT(4),
               "unknown field \"fr\" in the exercise's title");
    check_edit(EX, "{\"en\": \"Title\", \"es\": \"Título\"}", "\"Title\"", AT(4),
               "title must be {\"en\": \"...\", \"es\": \"...\"}, not text in quotes");
    char *s201 = repeat("s", 201);
    snprintf(buf, sizeof buf, "\"en\": \"%s\"", s201);
    check_edit(EX, "\"en\": \"Summary.\"", buf, AT(5), "English summary is 201 characters long");
    free(s201);
    /* Steps: 1 to 40. */
    check_edit(EX, "\"steps\": [\n", "\"steps\": [], \"x\": [\n", AT(6),
               "has 0 steps; it must have 1 to 40");
    check_edit(EX, "\"steps\": [\n", "\"steps\": {\n", AT(7), NULL); /* broken JSON, reported */
    check_edit(EX, "    {\"kind\": \"read\", \"seconds\": 30,",
               "    3, {\"kind\": \"read\", \"seconds\": 30,", AT(7), "step 1 must be an object");
    /* seconds: whole, 5 to 3600. */
    check_edit(EX, "\"seconds\": 30", "\"seconds\": 5", NULL, NULL);
    check_edit(EX, "\"seconds\": 30", "\"seconds\": 3600", NULL, NULL);
    check_edit(EX, "\"seconds\": 30", "\"seconds\": 4", AT(7),
               "is 4; it must be a whole number from 5 to 3600");
    check_edit(EX, "\"seconds\": 30", "\"seconds\": 3601", AT(7), "from 5 to 3600");
    check_edit(EX, "\"seconds\": 30", "\"seconds\": 30.5", AT(7), "is 30.5");
    check_edit(EX, "\"seconds\": 30", "\"seconds\": \"30\"", AT(7), "a number without quotes");
    check_edit(EX, "\"seconds\": 30", "\"seconds\": 1e9", AT(7), "from 5 to 3600");
    check_edit(EX, "\"seconds\": 30,", "", AT(7), "step 1 has no \"seconds\"");
    /* prompt up to 220, notes optional up to 600. */
    char *p220 = repeat("p", 220);
    snprintf(buf, sizeof buf, "\"en\": \"%s\"", p220);
    check_edit(EX, "\"en\": \"Read.\"", buf, NULL, NULL);
    free(p220);
    char *n600 = repeat("n", 600), *n601 = repeat("n", 601);
    char big[1400];
    snprintf(big, sizeof big,
             "\"prompt\": {\"en\": \"Read.\", \"es\": \"Lee.\"},\n"
             "     \"notes\": {\"en\": \"%s\", \"es\": \"N.\"}}",
             n600);
    check_edit(EX, "\"prompt\": {\"en\": \"Read.\", \"es\": \"Lee.\"}}", big, NULL, NULL);
    snprintf(big, sizeof big,
             "\"prompt\": {\"en\": \"Read.\", \"es\": \"Lee.\"},\n"
             "     \"notes\": {\"en\": \"%s\", \"es\": \"N.\"}}",
             n601);
    check_edit(EX, "\"prompt\": {\"en\": \"Read.\", \"es\": \"Lee.\"}}", big, AT(9),
               "step 1's English note is 601 characters long; the limit is 600");
    free(n600);
    free(n601);
    check_edit(EX, "\"prompt\": {\"en\": \"Read.\", \"es\": \"Lee.\"}",
               "\"prompt\": {\"es\": \"Lee.\"}", AT(8), "step 1 has no English prompt (\"en\")");
    /* pattern: four whole seconds 0 to 20, in and out at least 1. */
    check_edit(EX, "[4, 0, 6, 0]", "[4, 0, 6]", AT(9), "must be four whole numbers of seconds");
    check_edit(EX, "[4, 0, 6, 0]", "[0, 0, 6, 0]", AT(9), "0 seconds for the breath in");
    check_edit(EX, "[4, 0, 6, 0]", "[4, 0, 0, 0]", AT(9), "0 seconds for the breath out");
    check_edit(EX, "[4, 0, 6, 0]", "[4, 21, 5, 0]", AT(9), "21 for the hold after breathing in");
    check_edit(EX, "[4, 0, 6, 0]", "[4, -1, 5, 0]", AT(9), "-1 for the hold");
    check_edit(EX, "[4, 0, 6, 0]", "[4, \"0\", 6, 0]", AT(9), "text in quotes for the hold");
    check_edit(EX, "[4, 0, 6, 0]", "[20, 20, 10, 10]", NULL, NULL);
    check_edit(EX, "\"breathe\"", "\"silent\"", AT(9),
               "step 2 is a silent step, so it must not have");
    /* rating: an instrument that exists, at least one of before/after. */
    check_edit(EX, "  \"steps\": [",
               "  \"rating\": {\"instrument\": \"mood\", \"after\": true},\n  \"steps\": [", NULL,
               NULL);
    check_edit(EX, "  \"steps\": [",
               "  \"rating\": {\"instrument\": \"mood\", \"before\": false},\n  \"steps\": [",
               AT(6), "asks neither before nor after");
    check_edit(EX, "  \"steps\": [",
               "  \"rating\": {\"instrument\": \"mood\", \"before\": \"yes\"},\n  \"steps\": [",
               AT(6), "\"before\" must be true or false");
    check_edit(EX, "  \"steps\": [", "  \"rating\": {\"before\": true},\n  \"steps\": [", AT(6),
               "the rating has no \"instrument\"");
    check_edit(EX, "  \"steps\": [",
               "  \"rating\": {\"instrument\": \"mod\", \"before\": true},\n  \"steps\": [", AT(6),
               "there is no instruments/mod.json");
    check_edit(EX, "  \"steps\": [", "  \"rating\": true,\n  \"steps\": [", AT(6),
               "\"rating\" must be an object");
    /* Field names are case-sensitive, and typos are caught. */
    check_edit(EX, "\"title\":", "\"Title\":", AT(4),
               "unknown field \"Title\" in the exercise (did you mean \"title\"?)");
    check_edit(EX, "\"title\":", "\"heading\":", AT(4),
               "the fields here are id, module, title, summary, rating, personal, disclosure, steps");
    /* The top level must be an object. */
    Catalog *cat = catalog_new();
    assert_false(catalog_add_exercise(cat, "exercises/ex.json", "[1, 2]", 6));
    expect_problem(cat, "exercises/ex.json:1: ", "one JSON object");
    catalog_free(cat);
#undef AT
}

static void test_a_breath_that_does_not_fit_is_a_warning(void **state)
{
    (void)state;
    char *text = edit(base_exercise, "\"seconds\": 60", "\"seconds\": 105");
    Catalog *cat = catalog_with_bases(false);
    assert_true(catalog_add_exercise(cat, "exercises/ex.json", text, strlen(text)));
    assert_int_equal(catalog_problem_count(cat), 1);
    const CatalogProblem *p = catalog_problem_at(cat, 0);
    assert_true(p->warning);
    expect_problem(cat, "exercises/ex.json:9: ",
                   "step 2 lasts 105 seconds, which is not a whole number of 10-second breathing "
                   "cycles, so the pacer stops mid-breath (100 or 110 seconds would fit)");
    catalog_free(cat);
    free(text);
}

static void test_instrument_rules(void **state)
{
    (void)state;
    const char *L = "instruments/mood2.json:";
    char p[64];
#define AT(n) (snprintf(p, sizeof p, "%s%d: ", L, n), p)
    check_edit(INS, "\"id\": \"mood\"", "\"id\": \"mood2\"", NULL, NULL);
#define INS2(from, to, line, words)                                                                \
    do {                                                                                           \
        char *t1 = edit(base_instrument, "\"id\": \"mood\"", "\"id\": \"mood2\"");                 \
        char *t2 = edit(t1, from, to);                                                             \
        Catalog *c2 = catalog_new();                                                               \
        bool added = catalog_add_instrument(c2, "instruments/mood2.json", t2, strlen(t2));         \
        if ((line) == 0) {                                                                         \
            if (!added || catalog_problem_count(c2)) {                                             \
                dump(c2);                                                                          \
                fail_msg("refused: %s", to);                                                       \
            }                                                                                      \
        } else {                                                                                   \
            assert_false(added);                                                                   \
            expect_problem(c2, AT(line), words);                                                   \
        }                                                                                          \
        catalog_free(c2);                                                                          \
        free(t1);                                                                                  \
        free(t2);                                                                                  \
    } while (0)
    INS2("\"min\": 1, \"max\": 5", "\"min\": 5, \"max\": 5", 5,
         "\"max\" (5) must be greater than \"min\" (5)");
    INS2("\"min\": 1, \"max\": 5", "\"min\": 1, \"max\": 11", 5,
         "is 11; it must be a whole number from 0 to 10");
    INS2("\"min\": 1, \"max\": 5", "\"min\": -1, \"max\": 5", 5, "from 0 to 10");
    INS2("\"min\": 1, \"max\": 5", "\"min\": 0, \"max\": 4", 6, "\"faces\" style shows five faces");
    INS2("\"min\": 1, \"max\": 5,\n  \"style\": \"faces\"",
         "\"min\": 0, \"max\": 10,\n  \"style\": \"buttons\"", 0, NULL);
    INS2("\"min\": 1, \"max\": 5,\n  \"style\": \"faces\"",
         "\"min\": 0, \"max\": 10,\n  \"style\": \"slider\"", 0, NULL);
    INS2("\"faces\"", "\"stars\"", 6, "use one of faces, buttons, slider");
    INS2("\"higher_is_better\": true", "\"higher_is_better\": 1", 9, "must be true or false");
    INS2("\"higher_is_better\": true\n", "\"x\": 0\n", 1, "has no \"higher_is_better\"");
    /* The honest names, and the old ones said to be unknown. */
    INS2("\"higher_is_better\": true", "\"higher_is_better\": true, \"reference_line\": 2.5", 0,
         NULL);
    INS2("\"higher_is_better\": true", "\"higher_is_better\": true, \"reference_line\": 6", 9,
         "\"reference_line\" 6 is outside the scale 1 to 5");
    INS2("\"higher_is_better\": true", "\"higher_is_better\": true, \"reference_line\": \"2\"",
         9, "\"reference_line\" must be a number");
    INS2("\"higher_is_better\": true", "\"higher_is_better\": true, \"marked_change\": 1.5", 0,
         NULL);
    INS2("\"higher_is_better\": true", "\"higher_is_better\": true, \"marked_change\": 0", 9,
         "more than 0");
    INS2("\"higher_is_better\": true", "\"higher_is_better\": true, \"cutoff\": 2", 9,
         "unknown field \"cutoff\"");
    INS2("\"higher_is_better\": true", "\"higher_is_better\": true, \"reliable_change\": 1", 9,
         "unknown field \"reliable_change\"");
    /* Every instrument says whether it is validated. */
    INS2("\"validity\": {\"en\": \"Not validated.\", \"es\": \"No validada.\"}, ", "", 1,
         "the instrument has no validity statement");
    INS2("\"es\": \"No validada.\"", "\"es\": \" \"", 9, "Spanish validity statement is empty");
    /* A line called clinical (or a cutoff) needs a source; a clinic's own
     * line is fine under its own name. */
#define LINE(label) "\"higher_is_better\": true, \"reference_line\": 2, \"reference_label\": " label
    INS2("\"higher_is_better\": true", LINE("{\"en\": \"Low (set by the clinic)\", "
                                           "\"es\": \"Bajo (fijada por la clínica)\"}"),
         0, NULL);
    INS2("\"higher_is_better\": true", LINE("{\"en\": \"Clinical cutoff\", \"es\": \"Bajo\"}"), 9,
         "labelled with \"clinical\", a claim only a validated measure can make");
    INS2("\"higher_is_better\": true", LINE("{\"en\": \"Low\", \"es\": \"Punto de corte\"}"), 9,
         "labelled with \"punto de corte\"");
    INS2("\"higher_is_better\": true", LINE("{\"en\": \"CUT-OFF\", \"es\": \"Bajo\"}"), 9,
         "labelled with \"cut-off\"");
    INS2("\"higher_is_better\": true", LINE("{\"en\": \"Low\", \"es\": \"Umbral clínico\"}"), 9,
         "labelled with \"clínico\"");
    INS2("\"higher_is_better\": true",
         LINE("{\"en\": \"Clinical cutoff\", \"es\": \"Punto de corte clínico\"}, "
              "\"source\": \"A. Author, Validation study, Journal 2020\""),
         0, NULL);
#undef LINE
    INS2("\"higher_is_better\": true",
         "\"higher_is_better\": true, \"reference_label\": {\"en\": \"Low\", \"es\": \"Bajo\"}", 9,
         "there is no \"reference_line\"");
    INS2("\"higher_is_better\": true", "\"higher_is_better\": true, \"source\": 3", 9,
         "\"source\" must be text in quotes");
    /* offer_help: answers on the scale; [] for none. */
    INS2("\"higher_is_better\": true", "\"higher_is_better\": true, \"offer_help\": []", 0, NULL);
    INS2("\"higher_is_better\": true", "\"higher_is_better\": true, \"offer_help\": [1, 5]", 0,
         NULL);
    INS2("\"higher_is_better\": true", "\"higher_is_better\": true, \"offer_help\": [0]", 9,
         "has 0, which is not an answer on the scale 1 to 5");
    INS2("\"higher_is_better\": true", "\"higher_is_better\": true, \"offer_help\": [\"1\"]", 9,
         "each answer is a whole number from 1 to 5");
    INS2("\"higher_is_better\": true", "\"higher_is_better\": true, \"offer_help\": 1", 9,
         "must be a list of answers");
    /* ask_room: answers and a note. */
    INS2("\"higher_is_better\": true",
         "\"higher_is_better\": true, \"ask_room\": {\"answers\": [1, 2], \"note\": "
         "{\"en\": \"Ask.\", \"es\": \"Pregunta.\"}}",
         0, NULL);
    INS2("\"higher_is_better\": true",
         "\"higher_is_better\": true, \"ask_room\": {\"answers\": [1, 2]}", 9,
         "\"ask_room\" has no note");
    INS2("\"higher_is_better\": true",
         "\"higher_is_better\": true, \"ask_room\": {\"note\": {\"en\": \"A\", \"es\": \"B\"}}", 9,
         "\"ask_room\" has no \"answers\"");
    INS2("\"higher_is_better\": true", "\"higher_is_better\": true, \"ask_room\": [1]", 9,
         "\"ask_room\" must be an object");
    INS2("\"max\": {\"en\": \"Good\", \"es\": \"Bien\"}",
         "\"mid\": {\"en\": \"OK\", \"es\": \"Regular\"}", 7,
         "has no label for the highest answer");
    INS2("{\"en\": \"Low\"", "{\"en\": \"Lowest lowest lowest lowest lowest lowest\"", 7,
         "the limit is 40");
    INS2("\"min\": {\"en\"", "\"mni\": {\"en\"", 7,
         "unknown field \"mni\" in the labels (did you mean \"min\"?)");
    INS2("  \"labels\"", "  \"label\"", 7, "(did you mean \"labels\"?)");
#undef INS2
#undef AT
}

static void test_plan_rules(void **state)
{
    (void)state;
    const char *L = "plans/plan.json:";
    char p[64];
#define AT(n) (snprintf(p, sizeof p, "%s%d: ", L, n), p)
    check_edit(PLAN, "\"minutes\": 15", "\"minutes\": 240", NULL, NULL);
    check_edit(PLAN, "\"minutes\": 15", "\"minutes\": 0", AT(5), "from 1 to 240");
    check_edit(PLAN, "\"minutes\": 15", "\"minutes\": 241", AT(5), "from 1 to 240");
    check_edit(PLAN, "\"checkin\"", "\"lunch\"", AT(5),
               "use one of checkin, teaching, practice, break, process, rating, checkout");
    check_edit(PLAN, "\"exercise\": \"ex\"", "\"exercise\": \"nope\"", AT(7),
               "block 2 suggests the exercise \"nope\", but there is no exercises/nope.json");
    check_edit(PLAN, "\"exercise\": \"ex\"", "\"exercise\": \"Ex!\"", AT(7), "which is not an id");
    check_edit(PLAN, "\"exercise\": \"ex\"", "\"instrument\": \"nope\"", AT(7),
               "there is no instruments/nope.json");
    check_edit(PLAN, "\"blocks\": [", "\"blocks\": [], \"x\": [", AT(4), "has 0 blocks");
    check_edit(PLAN, "\"title\": {\"en\": \"Arrive\", \"es\": \"Llegada\"}",
               "\"title\": {\"en\": \"Arrive\"}", AT(6), "block 1 has no Spanish title (\"es\")");
    check_edit(PLAN, "\"kind\": \"practice\", \"minutes\": 20, \"exercise\": \"ex\"",
               "\"kind\": \"rating\", \"minutes\": 20, \"instrument\": \"mood\"", NULL, NULL);

    /* An instrument on a block other than rating: said, but the plan loads. */
    char *text = edit(base_plan, "\"exercise\": \"ex\"", "\"instrument\": \"mood\"");
    Catalog *cat = catalog_with_bases(true);
    assert_true(catalog_add_plan(cat, "plans/plan.json", text, strlen(text)));
    assert_int_equal(catalog_problem_count(cat), 1);
    assert_true(catalog_problem_at(cat, 0)->warning);
    expect_problem(cat, "plans/plan.json:7: ", "only used by rating blocks");
    catalog_free(cat);
    free(text);

    /* 30 blocks at most. */
    char *blocks = repeat(
        "{\"kind\": \"break\", \"minutes\": 5, \"title\": {\"en\": \"B\", \"es\": \"P\"}},\n", 31);
    blocks[strlen(blocks) - 2] = '\0'; /* no comma after the last */
    size_t n = strlen(blocks) + 200;
    char *plan = malloc(n);
    snprintf(plan, n,
             "{\"id\": \"plan\", \"title\": {\"en\": \"G\", \"es\": \"G\"},\n\"blocks\": [\n%s]}",
             blocks);
    cat = catalog_new();
    assert_false(catalog_add_plan(cat, "plans/plan.json", plan, strlen(plan)));
    expect_problem(cat, "plans/plan.json:2: ", "has 31 blocks; it must have 1 to 30");
    catalog_free(cat);
    /* ... and exactly 30 is fine. */
    char *nl = strrchr(blocks, '\n');
    *nl = '\0';
    nl = strrchr(blocks, ',');
    *nl = '\0';
    snprintf(plan, n,
             "{\"id\": \"plan\", \"title\": {\"en\": \"G\", \"es\": \"G\"},\n\"blocks\": [\n%s]}",
             blocks);
    cat = catalog_new();
    assert_true(catalog_add_plan(cat, "plans/plan.json", plan, strlen(plan)));
    assert_int_equal(catalog_plan(cat, "plan")->nblocks, 30);
    assert_int_equal(catalog_plan(cat, "plan")->total_minutes, 150);
    catalog_free(cat);
    free(blocks);
    free(plan);
#undef AT
}

static void test_forty_steps_at_most(void **state)
{
    (void)state;
    const char *step =
        "{\"kind\": \"silent\", \"seconds\": 10, \"prompt\": {\"en\": \"S\", \"es\": \"S\"}},";
    for (int count = 40; count <= 41; count++) {
        char *steps = repeat(step, count);
        steps[strlen(steps) - 1] = '\0';
        size_t n = strlen(steps) + 300;
        char *text = malloc(n);
        snprintf(text, n,
                 "{\"id\": \"ex\", \"module\": \"cbt_cognitive\", \"title\": {\"en\": \"T\", "
                 "\"es\": \"T\"},\n"
                 "\"summary\": {\"en\": \"S\", \"es\": \"S\"}, \"steps\": [%s]}",
                 steps);
        Catalog *cat = catalog_new();
        bool added = catalog_add_exercise(cat, "exercises/ex.json", text, strlen(text));
        if (count == 40) {
            assert_true(added);
            assert_int_equal(catalog_exercise(cat, "ex")->nsteps, 40);
            assert_int_equal(catalog_exercise(cat, "ex")->total_seconds, 400);
        } else {
            assert_false(added);
            expect_problem(cat, "exercises/ex.json:2: ", "has 41 steps; it must have 1 to 40");
        }
        catalog_free(cat);
        free(steps);
        free(text);
    }
}

static void test_duplicate_ids(void **state)
{
    (void)state;
    Catalog *cat = catalog_with_bases(true);
    assert_false(
        catalog_add_exercise(cat, "exercises/ex.json", base_exercise, strlen(base_exercise)));
    expect_problem(cat,
                   "exercises/ex.json:2: ", "the id \"ex\" is already used by another exercise");
    /* The first stays. */
    assert_int_equal(catalog_exercise_count(cat), 1);
    /* The same id in another kind is no clash. */
    char *as_plan = edit(base_plan, "\"id\": \"plan\"", "\"id\": \"ex\"");
    assert_true(catalog_add_plan(cat, "plans/ex.json", as_plan, strlen(as_plan)));
    catalog_free(cat);
    free(as_plan);
}

static void test_problems_per_file_are_capped(void **state)
{
    (void)state;
    char *fields = repeat("\"zzzzzzzzzz\": 1,\n", 50);
    size_t n = strlen(fields) + strlen(base_exercise) + 10;
    char *text = malloc(n);
    snprintf(text, n, "{\n%s%s", fields, base_exercise + 2);
    Catalog *cat = catalog_with_bases(false);
    assert_false(catalog_add_exercise(cat, "exercises/ex.json", text, strlen(text)));
    assert_int_equal(catalog_problem_count(cat), CATALOG_PROBLEMS_PER_FILE + 1);
    expect_problem(cat, "exercises/ex.json:31: ", "... and 20 more problems in this file");
    expect_problem(cat, "exercises/ex.json:2: ", "unknown field \"zzzzzzzzzz\"");
    catalog_free(cat);
    free(fields);
    free(text);
}

static void test_a_megabyte_of_mistakes(void **state)
{
    (void)state;
    /* Once a file's problems stop being shown, the rest are only counted:
     * a near-1 MiB file of 60,000 unknown or repeated fields loads in a
     * tenth of a second rather than half a minute (lines and guesses were
     * worked out for every one, and repeats were found by rescanning). */
    size_t cap = CATALOG_FILE_MAX;
    char *text = malloc(cap);
    size_t n = (size_t)snprintf(text, cap, "{");
    for (int i = 0; n + 32 < cap; i++)
        n += (size_t)snprintf(text + n, cap - n, "%s\"%s\": 1", i ? ",\n" : "",
                              i % 2 ? "zzzzzz" : "id");
    n += (size_t)snprintf(text + n, cap - n, "}");
    Catalog *cat = catalog_new();
    assert_false(catalog_add_exercise(cat, "exercises/ex.json", text, n));
    assert_int_equal(catalog_problem_count(cat), CATALOG_PROBLEMS_PER_FILE + 1);
    expect_problem(cat, "exercises/ex.json:2: ", "unknown field \"zzzzzz\"");
    expect_problem(cat, "exercises/ex.json:3: ", "\"id\" appears twice");
    const CatalogProblem *last = catalog_problem_at(cat, CATALOG_PROBLEMS_PER_FILE);
    assert_non_null(strstr(last->message, "more problems in this file"));
    catalog_free(cat);
    free(text);
}

/* --- folders and files ---------------------------------------------------- */

static void test_missing_folders_are_problems(void **state)
{
    (void)state;
    const char *dir = tk_path("only-exercises");
    assert_int_equal(tk_system("mkdir -p '%s/exercises'", dir), 0);
    Catalog *cat = catalog_load(dir);
    assert_non_null(cat);
    assert_int_equal(catalog_problem_count(cat), 3);
    expect_problem(cat, "crisis.json: ", "this file is missing");
    const CatalogProblem *p = catalog_problem_at(cat, 1);
    assert_string_equal(p->file, "instruments/");
    assert_int_equal(p->line, 0);
    char line[600];
    catalog_problem_format(p, line, sizeof line);
    const char *want = "instruments/: this folder is missing from ";
    assert_true(!strncmp(line, want, strlen(want)));
    expect_problem(cat, "plans/: ", "missing");
    catalog_free(cat);

    cat = catalog_load(tk_path("no-such-folder"));
    assert_non_null(cat);
    assert_int_equal(catalog_problem_count(cat), 1);
    expect_problem(cat, tk_path("no-such-folder"), "the data folder cannot be read");
    catalog_free(cat);

    /* A file where a folder should be. */
    dir = new_data_dir("file-for-folder");
    assert_int_equal(tk_system("rmdir '%s/plans' && touch '%s/plans'", dir, dir), 0);
    cat = catalog_load(dir);
    expect_problem(cat, "plans/: ", "cannot read this folder");
    catalog_free(cat);
}

static void test_oversized_odd_and_unreadable_files(void **state)
{
    (void)state;
    const char *dir = new_data_dir("odd-files");
    char sub[600];
    snprintf(sub, sizeof sub, "%s/exercises", dir);
    write_text(sub, "ex.json", base_exercise);
    /* 1 MiB and a byte: refused without being parsed. */
    size_t big = CATALOG_FILE_MAX + 1;
    char *huge = malloc(big);
    memset(huge, ' ', big);
    huge[0] = '{';
    huge[big - 1] = '}';
    char path[700];
    snprintf(path, sizeof path, "%s/huge.json", sub);
    write_file(path, huge, big);
    free(huge);
    /* Not read: other names, hidden files, folders. */
    write_text(sub, "notes.txt", "not json");
    write_text(sub, ".ex.json.swp", "{");
    write_text(sub, "ex.json~", "{");
    assert_int_equal(tk_system("mkdir -p '%s/folder.json'", sub), 0);
    write_text(sub, "locked.json", base_exercise);
    snprintf(path, sizeof path, "%s/locked.json", sub);
    chmod(path, 0);

    Catalog *cat = catalog_load(dir);
    assert_non_null(cat);
    expect_problem(cat, "exercises/huge.json:1: ", "files over 1024 KiB are refused");
    expect_problem(cat, "exercises/folder.json:1: ", "not a regular file");
    if (geteuid() != 0)
        expect_problem(cat, "exercises/locked.json:1: ", "cannot read this file");
    assert_non_null(catalog_exercise(cat, "ex"));
    assert_null(find_problem(cat, "exercises/notes", NULL));
    assert_null(find_problem(cat, "exercises/.ex", NULL));
    assert_null(find_problem(cat, "exercises/ex.json", NULL));
    catalog_free(cat);
}

static void test_copied_file_with_the_old_id(void **state)
{
    (void)state;
    /* "a-copy.json" sorts before "a.json", yet the copy is the one blamed. */
    const char *dir = new_data_dir("copied");
    char sub[600];
    snprintf(sub, sizeof sub, "%s/exercises", dir);
    char *a = edit(base_exercise, "\"id\": \"ex\"", "\"id\": \"a\"");
    write_text(sub, "a.json", a);
    write_text(sub, "a-copy.json", a);
    Catalog *cat = catalog_load(dir);
    assert_non_null(catalog_exercise(cat, "a"));
    expect_problem(cat, "exercises/a-copy.json:2: ",
                   "the id \"a\" is already used by exercises/a.json: give this exercise its own "
                   "id, \"a-copy\", to match its file name");
    assert_int_equal(catalog_problem_count(cat), 1);
    catalog_free(cat);
    free(a);

    /* A file whose name cannot be an id. */
    dir = new_data_dir("bad-name");
    snprintf(sub, sizeof sub, "%s/exercises", dir);
    write_text(sub, "Box Breathing.json", base_exercise);
    cat = catalog_load(dir);
    expect_problem(cat, "exercises/Box Breathing.json:2: ", "cannot be an id");
    catalog_free(cat);
}

/* --- names, languages, memory ---------------------------------------------- */

static void test_names_and_languages(void **state)
{
    (void)state;
    Text t = {{"Breathe", "Respira"}};
    assert_string_equal(text_in(&t, "es"), "Respira");
    assert_string_equal(text_in(&t, "es_MX.UTF-8"), "Respira");
    assert_string_equal(text_in(&t, "en"), "Breathe");
    assert_string_equal(text_in(&t, "fr"), "Breathe");
    assert_string_equal(text_in(&t, "esperanto"), "Breathe");
    assert_string_equal(text_in(&t, NULL), "Breathe");
    Text empty_es = {{"Only English", ""}};
    assert_string_equal(text_in(&empty_es, "es"), "Only English");

    for (int m = 0; m < MODULE_COUNT; m++) {
        Module back;
        assert_true(module_parse(module_name((Module)m), &back));
        assert_int_equal(back, m);
        assert_true(strlen(module_title((Module)m, "en")) > 3);
        assert_true(strcmp(module_title((Module)m, "en"), module_title((Module)m, "es")) != 0);
    }
    assert_string_equal(module_name(MODULE_DISTRESS_TOLERANCE), "distress_tolerance");
    assert_string_equal(module_title(MODULE_DISTRESS_TOLERANCE, "en"), "Distress tolerance");
    assert_string_equal(module_title(MODULE_DISTRESS_TOLERANCE, "es"), "Tolerancia al malestar");
    assert_string_equal(module_name(MODULE_CBT_BEHAVIOURAL), "cbt_behavioural");
    Module m;
    assert_false(module_parse("yoga", &m));
    assert_string_equal(module_name(MODULE_COUNT), "");
    assert_string_equal(step_kind_name(STEP_BREATHE), "breathe");
    assert_string_equal(block_kind_name(BLOCK_CHECKOUT), "checkout");
    assert_string_equal(instrument_style_name(INSTRUMENT_SLIDER), "slider");
}

static size_t text_bytes(const Text *t)
{
    return strlen(t->en) + strlen(t->es) + 2;
}

static void test_a_hundred_exercises_stay_small(void **state)
{
    (void)state;
    const char *dir = new_data_dir("hundred");
    char sub[600];
    snprintf(sub, sizeof sub, "%s/exercises", dir);
    /* Realistic lengths: prompts of about 120 characters, notes of 250 on
     * half the steps, eight steps. */
    char *prompt = repeat("word ", 24), *notes = repeat("note ", 50);
    size_t cap = 64 * 1024;
    char *text = malloc(cap);
    for (int i = 0; i < 100; i++) {
        char id[16];
        snprintf(id, sizeof id, "ex-%03d", i);
        int n = snprintf(
            text, cap,
            "{\"id\": \"%s\", \"module\": \"mindfulness\",\n"
            "\"title\": {\"en\": \"An exercise title\", \"es\": \"Un título de ejercicio\"},\n"
            "\"summary\": {\"en\": \"One sentence that says what the exercise is for.\", "
            "\"es\": \"Una frase que dice para qué sirve el ejercicio.\"},\n\"steps\": [",
            id);
        for (int s = 0; s < 8; s++)
            n += snprintf(text + n, cap - (size_t)n,
                          "%s{\"kind\": \"read\", \"seconds\": 60, \"prompt\": {\"en\": \"%s\", "
                          "\"es\": \"%s\"}%s%s%s%s%s}",
                          s ? "," : "", prompt, prompt, s % 2 ? ", \"notes\": {\"en\": \"" : "",
                          s % 2 ? notes : "", s % 2 ? "\", \"es\": \"" : "", s % 2 ? notes : "",
                          s % 2 ? "\"}" : "");
        snprintf(text + n, cap - (size_t)n, "]}\n");
        char name[32];
        snprintf(name, sizeof name, "%s.json", id);
        write_text(sub, name, text);
    }
    free(text);
    free(prompt);
    free(notes);

    Catalog *cat = catalog_load(dir);
    if (catalog_problem_count(cat))
        dump(cat);
    assert_int_equal(catalog_problem_count(cat), 0);
    assert_int_equal(catalog_exercise_count(cat), 100);
    size_t texts = 0;
    for (int i = 0; i < catalog_exercise_count(cat); i++) {
        const Exercise *ex = catalog_exercise_at(cat, i);
        texts += text_bytes(&ex->title) + text_bytes(&ex->summary);
        for (int s = 0; s < ex->nsteps; s++)
            texts += text_bytes(&ex->steps[s].prompt) + text_bytes(&ex->steps[s].notes);
    }
    size_t mem = catalog_memory(cat);
    print_message("  100 exercises: %zu KiB held, %zu KiB of it text\n", mem / 1024, texts / 1024);
    /* The text itself and about 1 KB per exercise: the content, not the
     * loader, decides the size. */
    assert_true(mem > texts);
    assert_true(mem - texts < 96 * 1024);
    catalog_free(cat);
}


/* --- the content checks of issue 15 --------------------------------------- */

static const char crisis_text[] =
    "{\n"
    "  \"title\": {\"en\": \"Help now\", \"es\": \"Ayuda ahora\"},\n"
    "  \"lines\": [{\"number\": \"988\", \"text\": {\"en\": \"Call.\", \"es\": \"Llama.\"}}],\n"
    "  \"clinic_heading\": {\"en\": \"Us\", \"es\": \"Nosotros\"},\n"
    "  \"clinic_missing\": {\"en\": \"Ask staff.\", \"es\": \"Pregunta.\"},\n"
    "  \"disclosure_note\": {\"en\": \"Stay calm.\", \"es\": \"Con calma.\"}\n"
    "}\n";

static void test_discussions_are_untimed_or_long_enough(void **state)
{
    (void)state;
    const char *R = "\"kind\": \"read\", \"seconds\": 30,";
    /* untimed: a boolean, on any step but a breathe step. */
    check_edit(EX, R, "\"kind\": \"read\", \"seconds\": 30, \"untimed\": true,", NULL, NULL);
    check_edit(EX, R, "\"kind\": \"read\", \"seconds\": 30, \"untimed\": \"yes\",",
               "exercises/ex.json:7: ", "\"untimed\" must be true or false");
    check_edit(EX, "\"pattern\": [4, 0, 6, 0],", "\"pattern\": [4, 0, 6, 0], \"untimed\": true,",
               "exercises/ex.json:9: ", "step 2 is a breathe step, which the pacer times");
    /* A timed group discussion shorter than five minutes is refused... */
    char *talk = edit(base_exercise, "  \"steps\": [", "  \"disclosure\": \"standard\",\n  \"steps\": [");
    char *timed = edit(talk, R, "\"kind\": \"group\", \"seconds\": 90,");
    Catalog *cat = catalog_with_bases(false);
    assert_false(catalog_add_exercise(cat, "exercises/ex.json", timed, strlen(timed)));
    expect_problem(cat, "exercises/ex.json:8: ",
                   "step 1 is a group discussion timed to 90 seconds, too short for a room of 8 "
                   "to 12 to speak: add \"untimed\": true");
    catalog_free(cat);
    free(timed);
    /* ... five minutes, or untimed with any guide, are fine. */
    const char *fine[] = {"\"kind\": \"group\", \"seconds\": 300,",
                          "\"kind\": \"group\", \"seconds\": 90, \"untimed\": true,"};
    for (int i = 0; i < 2; i++) {
        char *t = edit(talk, R, fine[i]);
        cat = catalog_with_bases(false);
        if (!catalog_add_exercise(cat, "exercises/ex.json", t, strlen(t))) {
            dump(cat);
            fail_msg("refused: %s", fine[i]);
        }
        assert_int_equal(catalog_exercise(cat, "ex")->steps[0].untimed, i == 1);
        catalog_free(cat);
        free(t);
    }
    /* Pairs steps are timed turns: no minimum. */
    char *pairs = edit(talk, R, "\"kind\": \"pairs\", \"seconds\": 60,");
    cat = catalog_with_bases(false);
    assert_true(catalog_add_exercise(cat, "exercises/ex.json", pairs, strlen(pairs)));
    catalog_free(cat);
    free(pairs);
    free(talk);
}

static void test_personal_material_needs_the_disclosure_note(void **state)
{
    (void)state;
    const char *R = "\"kind\": \"read\", \"seconds\": 30,";
    const char *S = "  \"steps\": [";
    /* A pairs or group step invites personal material. */
    check_edit(EX, R, "\"kind\": \"pairs\", \"seconds\": 60,", "exercises/ex.json:7: ",
               "the exercise invites personal material (step 1 is a pairs step), so it needs a "
               "note on disclosures for the facilitator: add \"disclosure\": \"standard\"");
    check_edit(EX, "\"kind\": \"breathe\", \"seconds\": 60, \"pattern\": [4, 0, 6, 0],",
               "\"kind\": \"group\", \"seconds\": 300,", "exercises/ex.json:9: ",
               "(step 2 is a group step)");
    /* So does an exercise that says so, silent steps or not. */
    check_edit(EX, S, "  \"personal\": true,\n  \"steps\": [", "exercises/ex.json:6: ",
               "(it says \"personal\": true)");
    check_edit(EX, S, "  \"personal\": true, \"disclosure\": \"standard\",\n  \"steps\": [", NULL,
               NULL);
    check_edit(EX, S,
               "  \"personal\": true, \"disclosure\": {\"en\": \"Own.\", \"es\": \"Propia.\"},\n"
               "  \"steps\": [",
               NULL, NULL);
    check_edit(EX, S, "  \"disclosure\": \"usual\",\n  \"steps\": [", "exercises/ex.json:6: ",
               "\"disclosure\" is \"usual\"; write \"standard\"");
    check_edit(EX, S, "  \"disclosure\": {\"en\": \"Own.\"},\n  \"steps\": [",
               "exercises/ex.json:6: ", "no Spanish disclosure note");
    check_edit(EX, S, "  \"personal\": 1,\n  \"steps\": [", "exercises/ex.json:6: ",
               "\"personal\" must be true or false");

    /* A breathing exercise with no talk is not personal and needs none. */
    Catalog *cat = catalog_with_bases(true);
    const Exercise *ex = catalog_exercise(cat, "ex");
    assert_false(ex->personal);
    assert_string_equal(ex->disclosure.en, "");
    catalog_free(cat);

    /* "standard" takes the crisis card's note; without a card (it has its
     * own problem) the exercise still loads. */
    char *text = edit(base_exercise, S, "  \"personal\": true, \"disclosure\": \"standard\",\n" "  \"steps\": [");
    cat = catalog_with_bases(false);
    assert_true(catalog_add_exercise(cat, "exercises/ex.json", text, strlen(text)));
    assert_string_equal(catalog_exercise(cat, "ex")->disclosure.en, "");
    catalog_free(cat);
    cat = catalog_new();
    assert_true(catalog_add_crisis(cat, "crisis.json", crisis_text, strlen(crisis_text)));
    assert_true(catalog_add_exercise(cat, "exercises/ex.json", text, strlen(text)));
    assert_string_equal(text_in(&catalog_exercise(cat, "ex")->disclosure, "es"), "Con calma.");
    catalog_free(cat);
    free(text);
}

static void test_plans_budget_their_minutes(void **state)
{
    (void)state;
    const char *L = "plans/plan.json:";
    char p[64];
#define AT(n) (snprintf(p, sizeof p, "%s%d: ", L, n), p)
    const char *T = "  \"blocks\": [";
    /* A plan's length, when given, is what its blocks add up to. */
    check_edit(PLAN, T, "  \"minutes\": 35,\n  \"blocks\": [", NULL, NULL);
    check_edit(PLAN, T, "  \"minutes\": 40,\n  \"blocks\": [", AT(4),
               "the plan lasts 40 minutes, but its blocks add up to 35: lengthen a block or add "
               "one");
    check_edit(PLAN, T, "  \"minutes\": 30,\n  \"blocks\": [", AT(4),
               "but its blocks add up to 35: shorten or drop a block");
    check_edit(PLAN, T, "  \"minutes\": \"35\",\n  \"blocks\": [", AT(4), "without quotes");
    /* A practice block holds its exercise (1:30 here, no ratings) ... */
    check_edit(PLAN, "\"minutes\": 20, \"exercise\"", "\"minutes\": 2, \"exercise\"", NULL, NULL);
    check_edit(PLAN, "\"minutes\": 20, \"exercise\"", "\"minutes\": 1, \"exercise\"", AT(7),
               "block 2 gives \"ex\" 1 minutes, but the exercise takes 1:30: give the block at "
               "least 2 minutes");
    /* ... and the rating rounds it asks for, two minutes each. */
    char *rated = edit(base_exercise, "  \"steps\": [",
                       "  \"rating\": {\"instrument\": \"mood\", \"before\": true, \"after\": "
                       "true},\n  \"steps\": [");
    char *plan = edit(base_plan, "\"minutes\": 20, \"exercise\"", "\"minutes\": 5, \"exercise\"");
    Catalog *cat = catalog_with_bases(false);
    assert_true(catalog_add_exercise(cat, "exercises/ex.json", rated, strlen(rated)));
    assert_false(catalog_add_plan(cat, "plans/plan.json", plan, strlen(plan)));
    expect_problem(cat, AT(7),
                   "block 2 gives \"ex\" 5 minutes, but the exercise takes 1:30 and 2 rating "
                   "rounds of about 2 minutes: give the block at least 6 minutes");
    catalog_free(cat);
    free(plan);
    free(rated);
    /* A rating round gets two minutes at least. */
    check_edit(PLAN, "\"kind\": \"practice\", \"minutes\": 20, \"exercise\": \"ex\"",
               "\"kind\": \"rating\", \"minutes\": 1, \"instrument\": \"mood\"", AT(7),
               "block 2 is a rating round of 1 minute; people come up to the screen one at a "
               "time, so give it at least 2 minutes");
    check_edit(PLAN, "\"kind\": \"practice\", \"minutes\": 20, \"exercise\": \"ex\"",
               "\"kind\": \"rating\", \"minutes\": 2, \"instrument\": \"mood\"", NULL, NULL);
#undef AT
}

static void test_offer_help_defaults_to_the_worst_two(void **state)
{
    (void)state;
    Catalog *cat = catalog_with_bases(false);
    const Instrument *in = catalog_instrument(cat, "mood");
    /* 1 to 5, higher is better: 1 and 2. */
    assert_int_equal(in->offer_help, 1 << 1 | 1 << 2);
    assert_int_equal(in->ask_room, 0);
    catalog_free(cat);
    char *t = edit(base_instrument, "\"id\": \"mood\"", "\"id\": \"none\"");
    char *u = edit(t, "\"higher_is_better\": true", "\"higher_is_better\": true, \"offer_help\": []");
    cat = catalog_new();
    assert_true(catalog_add_instrument(cat, "instruments/none.json", u, strlen(u)));
    assert_int_equal(catalog_instrument(cat, "none")->offer_help, 0);
    catalog_free(cat);
    free(t);
    free(u);
}

static void test_crisis_card(void **state)
{
    (void)state;
    Catalog *cat = catalog_new();
    assert_null(catalog_crisis(cat));
    assert_true(catalog_add_crisis(cat, "crisis.json", crisis_text, strlen(crisis_text)));
    const Crisis *c = catalog_crisis(cat);
    assert_non_null(c);
    assert_int_equal(c->nlines, 1);
    assert_string_equal(c->lines[0].number, "988");
    assert_string_equal(text_in(&c->title, "es"), "Ayuda ahora");
    /* One card per catalog. */
    assert_false(catalog_add_crisis(cat, "crisis.json", crisis_text, strlen(crisis_text)));
    expect_problem(cat, "crisis.json:1: ", "there is already a crisis card");
    assert_ptr_equal(catalog_crisis(cat), c);
    catalog_free(cat);

    struct {
        const char *from, *to;
        int line;
        const char *words;
    } bad[] = {
        {"  \"disclosure_note\": {\"en\": \"Stay calm.\", \"es\": \"Con calma.\"}\n", "  \"x\": 1\n",
         1, "the crisis card has no disclosure note"},
        {"\"number\": \"988\"", "\"number\": 988", 3, "line 1's \"number\" must be text in quotes"},
        {"\"number\": \"988\"", "\"number\": \"\"", 3, "line 1's \"number\" is empty"},
        {"\"lines\": [", "\"lines\": [3, ", 3, "line 1 must be an object"},
        {"\"lines\": [{", "\"lines\": [], \"x\": [{", 3, "the crisis card has 0 lines"},
        {"\"title\": {\"en\": \"Help now\", \"es\": \"Ayuda ahora\"}",
         "\"title\": {\"en\": \"Help now\"}", 2, "the crisis card has no Spanish title"},
        {"\"clinic_heading\"", "\"clinic_heading\": 1, \"clinc_heading\"", 4,
         "did you mean \"clinic_heading\""},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char *t = edit(crisis_text, bad[i].from, bad[i].to);
        cat = catalog_new();
        assert_false(catalog_add_crisis(cat, "crisis.json", t, strlen(t)));
        assert_null(catalog_crisis(cat));
        char prefix[32];
        snprintf(prefix, sizeof prefix, "crisis.json:%d: ", bad[i].line);
        expect_problem(cat, prefix, bad[i].words);
        catalog_free(cat);
        free(t);
    }
    /* Nine lines are too many for a card read in a hurry. */
    char *nine = repeat("{\"number\": \"1\", \"text\": {\"en\": \"A\", \"es\": \"B\"}},", 9);
    nine[strlen(nine) - 1] = '\0';
    size_t n = strlen(nine) + 64;
    char *lines = malloc(n);
    snprintf(lines, n, "\"lines\": [%s],", nine);
    char *t = edit(crisis_text,
                   "\"lines\": [{\"number\": \"988\", \"text\": {\"en\": \"Call.\", \"es\": "
                   "\"Llama.\"}}],",
                   lines);
    cat = catalog_new();
    assert_false(catalog_add_crisis(cat, "crisis.json", t, strlen(t)));
    expect_problem(cat, "crisis.json:3: ", "the crisis card has 9 lines; it must have 1 to 8");
    catalog_free(cat);
    free(t);
    free(lines);
    free(nine);

    /* A data folder without one says so, and everything else loads. */
    const char *dir = new_data_dir("no-crisis");
    assert_int_equal(tk_system("rm '%s/crisis.json'", dir), 0);
    char sub[600];
    snprintf(sub, sizeof sub, "%s/exercises", dir);
    write_text(sub, "ex.json", base_exercise);
    cat = catalog_load(dir);
    assert_int_equal(catalog_problem_count(cat), 1);
    expect_problem(cat, "crisis.json: ", "this file is missing from");
    assert_false(catalog_problem_at(cat, 0)->warning);
    assert_non_null(catalog_exercise(cat, "ex"));
    catalog_free(cat);
}

/* --- the real content ----------------------------------------------------- */

static bool has_json(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return false;
    bool found = false;
    struct dirent *e;
    while (!found && (e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name);
        found = e->d_name[0] != '.' && n > 5 && !strcmp(e->d_name + n - 5, ".json");
    }
    closedir(d);
    return found;
}

static void test_real_data_folder_is_clean(void **state)
{
    (void)state;
    char data[600], exercises[700];
    snprintf(data, sizeof data, "%s/data", tk_source_dir());
    snprintf(exercises, sizeof exercises, "%s/exercises", data);
    if (!has_json(exercises)) {
        print_message("  data/exercises/ has no content yet: skipped\n");
        skip();
    }
    Catalog *cat = catalog_load(data);
    assert_non_null(cat);
    dump(cat);
    assert_int_equal(catalog_problem_count(cat), 0);
    assert_true(catalog_exercise_count(cat) >= 1);
    catalog_free(cat);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good_folder_loads_everything),
        cmocka_unit_test(test_broken_folder_reports_each_file_and_keeps_the_rest),
        cmocka_unit_test(test_syntax_errors_name_the_line),
        cmocka_unit_test(test_encoding_problems),
        cmocka_unit_test(test_lines_of_values_after_tricky_text),
        cmocka_unit_test(test_deep_nesting_is_refused_without_a_crash),
        cmocka_unit_test(test_exercise_rules),
        cmocka_unit_test(test_a_breath_that_does_not_fit_is_a_warning),
        cmocka_unit_test(test_instrument_rules),
        cmocka_unit_test(test_plan_rules),
        cmocka_unit_test(test_forty_steps_at_most),
        cmocka_unit_test(test_duplicate_ids),
        cmocka_unit_test(test_problems_per_file_are_capped),
        cmocka_unit_test(test_a_megabyte_of_mistakes),
        cmocka_unit_test(test_missing_folders_are_problems),
        cmocka_unit_test(test_oversized_odd_and_unreadable_files),
        cmocka_unit_test(test_copied_file_with_the_old_id),
        cmocka_unit_test(test_names_and_languages),
        cmocka_unit_test(test_a_hundred_exercises_stay_small),
        cmocka_unit_test(test_discussions_are_untimed_or_long_enough),
        cmocka_unit_test(test_personal_material_needs_the_disclosure_note),
        cmocka_unit_test(test_plans_budget_their_minutes),
        cmocka_unit_test(test_offer_help_defaults_to_the_worst_two),
        cmocka_unit_test(test_crisis_card),
        cmocka_unit_test(test_real_data_folder_is_clean),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
