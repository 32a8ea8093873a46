/* The clinical content: exercises, rating instruments and session plans,
 * read from the JSON files of data/ and checked against data/README.md.
 *
 * Loading never fails for a broken file: the file is reported as
 * "file:line: what is wrong" and skipped, and everything else still loads,
 * so a clinic's typo costs one exercise, never the session. The Catalog owns
 * everything it hands out and does not change after loading, so pointers
 * from it stay valid until catalog_free. */
#ifndef HEARTH_CATALOG_H
#define HEARTH_CATALOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/i18n.h"

/* The limits of data/README.md. */
#define CATALOG_ID_MAX 48          /* characters of a-z, 0-9 and - */
#define CATALOG_MAX_STEPS 40
#define CATALOG_MAX_BLOCKS 30
#define CATALOG_MAX_CRISIS_LINES 8
/* A group discussion where 8 to 12 people may speak needs at least this
 * long when it is timed; shorter ones must be "untimed" (the facilitator
 * moves on). */
#define CATALOG_GROUP_MIN_SECONDS 300
/* What a plan budgets for one rating round: people come up to the screen
 * one at a time, so a round of 8 to 12 takes about two minutes. */
#define CATALOG_ROUND_SECONDS 120
#define CATALOG_FILE_MAX (1024 * 1024) /* larger files are refused */
#define CATALOG_PROBLEMS_PER_FILE 30   /* then "... and N more" */

typedef struct Catalog Catalog;

/* A text a person reads, in every language of i18n.h's table: in[i] is
 * in language i, in[0] in English. Absent optional texts (notes, the
 * middle label) are empty strings, never NULL. en and es name the first
 * two for the tests and the code that wants one of them. */
typedef union Text {
    const char *in[I18N_LANG_COUNT];
    struct {
        const char *en;
        const char *es;
    };
} Text;

/* The text in lang ("es", "es_MX"...), English for a language Hearth does
 * not ship or when the translation is empty. */
const char *text_in(const Text *t, const char *lang);

typedef enum Module {
    MODULE_MINDFULNESS,
    MODULE_DISTRESS_TOLERANCE,
    MODULE_EMOTION_REGULATION,
    MODULE_INTERPERSONAL_EFFECTIVENESS,
    MODULE_CBT_COGNITIVE,
    MODULE_CBT_BEHAVIOURAL,
    MODULE_RELAPSE_PREVENTION,
    MODULE_COUNT
} Module;

/* The module's stable id as the files write it ("distress_tolerance"). */
const char *module_name(Module m);

/* The module's title for people in lang ("Distress tolerance",
 * "Tolerancia al malestar"). */
const char *module_title(Module m, const char *lang);

/* Reads a module id as the files write it; false when it is none. */
bool module_parse(const char *name, Module *out);

typedef enum StepKind {
    STEP_READ,    /* the room reads together */
    STEP_BREATHE, /* a breathing pacer */
    STEP_SILENT,  /* quiet practice */
    STEP_PAIRS,   /* timed pair work */
    STEP_GROUP    /* group discussion */
} StepKind;

/* The kind's id as the files write it ("breathe"). */
const char *step_kind_name(StepKind k);

/* The phases of a breathing pattern, in order. */
enum { PATTERN_IN, PATTERN_HOLD_IN, PATTERN_OUT, PATTERN_HOLD_OUT };

typedef struct Step {
    StepKind kind;
    int seconds;    /* 5 to 3600; for an untimed step, the time to plan for */
    Text prompt;    /* the room's screen, large type */
    Text notes;     /* the facilitator's view only; may be empty */
    int pattern[4]; /* seconds in, hold, out, hold; all 0 unless breathe */
    bool untimed;   /* the facilitator moves on; the step never ends by itself */
} Step;

typedef struct Exercise {
    char id[CATALOG_ID_MAX + 1];
    Module module;
    Text title, summary;
    char instrument[CATALOG_ID_MAX + 1]; /* rating instrument; "" for none */
    bool rate_before, rate_after;
    /* It invites people to think about or share their own lives: it said
     * "personal": true, or it has a pairs or group step. */
    bool personal;
    /* The facilitator's note on what to do when someone discloses risk
     * (thoughts of suicide, self-harm, overdose): the standard one of
     * crisis.json or the exercise's own; empty only where personal is
     * false, or the standard note could not be loaded. */
    Text disclosure;
    const Step *steps;
    int nsteps;        /* 1 to CATALOG_MAX_STEPS */
    int total_seconds; /* the sum of the steps */
} Exercise;

typedef enum InstrumentStyle {
    INSTRUMENT_FACES,   /* five faces, for 1 to 5 */
    INSTRUMENT_BUTTONS, /* one button per value */
    INSTRUMENT_SLIDER
} InstrumentStyle;

/* The style's id as the files write it ("faces"). */
const char *instrument_style_name(InstrumentStyle s);

typedef struct Instrument {
    char id[CATALOG_ID_MAX + 1];
    Text title, prompt;
    int min, max; /* 0 <= min < max <= 10 */
    InstrumentStyle style;
    Text label_min, label_mid, label_max; /* label_mid may be empty */
    bool higher_is_better;
    /* What the measure is and is not ("Not a validated measure: ..."), for
     * exports to print beside its figures. Never empty. */
    Text validity;
    /* Where a validated instrument and its lines come from (a citation);
     * "" for Hearth's own items. */
    const char *source;
    /* A line the clinic chose to draw on trend charts, and what it calls
     * it (empty: screens say "reference line, set by the clinic"). It is
     * not a clinical cutoff unless a source says so. */
    bool has_reference_line;
    double reference_line; /* within [min, max] */
    Text reference_label;
    /* A change of the group's median from arrival to check-out within one
     * session, in the better direction, that the clinic chose to mark.
     * Not a reliable change: that is defined for one person's scores and a
     * measure's known reliability. */
    bool has_marked_change;
    double marked_change; /* > 0 */
    /* Bit v set: answering v offers a discreet check-in with a staff
     * member. Defaults to the two worst points of the scale. */
    uint16_t offer_help;
    /* Bit v set: when a round's result may be shown and any answer is v,
     * the facilitator's view shows ask_room_note (ask the room, not a
     * person). 0 and an empty note when the file gives none. */
    uint16_t ask_room;
    Text ask_room_note;
} Instrument;

typedef enum BlockKind {
    BLOCK_CHECKIN,
    BLOCK_TEACHING,
    BLOCK_PRACTICE,
    BLOCK_BREAK,
    BLOCK_PROCESS,
    BLOCK_RATING,
    BLOCK_CHECKOUT
} BlockKind;

/* The kind's id as the files write it ("checkin"). */
const char *block_kind_name(BlockKind k);

typedef struct PlanBlock {
    BlockKind kind;
    int minutes; /* 1 to 240 */
    Text title;
    char exercise[CATALOG_ID_MAX + 1];   /* a suggested exercise; "" none */
    char instrument[CATALOG_ID_MAX + 1]; /* for rating blocks; "" none */
} PlanBlock;

typedef struct Plan {
    char id[CATALOG_ID_MAX + 1];
    Text title;
    const PlanBlock *blocks;
    int nblocks; /* 1 to CATALOG_MAX_BLOCKS */
    int total_minutes; /* the sum of the blocks, which equals the plan's
                          "minutes" when the file gives them */
} Plan;

/* The crisis card (data/crisis.json): what the door and the room show at
 * any time, and the standard note on disclosures for facilitators. */
typedef struct CrisisLine {
    const char *number; /* as dialled or typed: "988", "911", "988lifeline.org" */
    Text text;          /* what it is for, one or two short sentences */
} CrisisLine;

typedef struct Crisis {
    Text title;
    const CrisisLine *lines; /* 1 to CATALOG_MAX_CRISIS_LINES, in order */
    int nlines;
    Text clinic_heading; /* above the clinic's own numbers (hearth.ini [crisis]) */
    Text clinic_missing; /* in their place when hearth.ini gives none */
    Text disclosure_note; /* the standard facilitator note (exercises' "standard") */
} Crisis;

/* One thing wrong in data/, for the staff who maintain the files. */
typedef struct CatalogProblem {
    char file[128];    /* relative to the data folder: "exercises/box.json" */
    int line;          /* from 1; 0 when it is about a whole folder */
    bool warning;      /* the item still loaded; otherwise it was skipped */
    char message[320]; /* a sentence, without the file and line */
} CatalogProblem;

/* Reads data_dir/crisis.json, then instruments/, exercises/ and plans/ (in
 * that order, each in file-name order) and keeps every valid item. Problems, including a
 * missing folder, an unreadable or oversized file and references to items
 * that are missing or were skipped, are listed in the catalog. Returns NULL
 * only when out of memory. */
Catalog *catalog_load(const char *data_dir);

/* An empty catalog, to add items to from memory (tests, the fuzzer).
 * NULL when out of memory. */
Catalog *catalog_new(void);

/* Checks one file's contents and adds the item when it is valid; returns
 * whether it was added. label names the file in problems
 * ("exercises/box.json"), and the item's id must equal its name without
 * folder and ".json". References are checked against what the catalog
 * already holds, so add instruments before exercises, and both before
 * plans. */
bool catalog_add_instrument(Catalog *cat, const char *label, const char *json, size_t len);
bool catalog_add_exercise(Catalog *cat, const char *label, const char *json, size_t len);
bool catalog_add_plan(Catalog *cat, const char *label, const char *json, size_t len);
/* The same for the crisis card; add it first, since exercises whose
 * disclosure is "standard" take its note. A second one is refused. */
bool catalog_add_crisis(Catalog *cat, const char *label, const char *json, size_t len);

void catalog_free(Catalog *cat);

/* Lookups by id; NULL when there is no such valid item. */
const Exercise *catalog_exercise(const Catalog *cat, const char *id);
const Instrument *catalog_instrument(const Catalog *cat, const char *id);
const Plan *catalog_plan(const Catalog *cat, const char *id);

/* The crisis card, or NULL when crisis.json is missing or broken (the
 * problem is listed; screens then fall back on their own words). */
const Crisis *catalog_crisis(const Catalog *cat);

/* Whether answering value on the instrument offers a staff check-in, and
 * whether it prompts the facilitator to ask the room. */
bool instrument_offers_help(const Instrument *in, int value);
bool instrument_asks_room(const Instrument *in, int value);

/* The valid items in load order, for lists: 0 <= i < count. */
int catalog_exercise_count(const Catalog *cat);
const Exercise *catalog_exercise_at(const Catalog *cat, int i);
int catalog_instrument_count(const Catalog *cat);
const Instrument *catalog_instrument_at(const Catalog *cat, int i);
int catalog_plan_count(const Catalog *cat);
const Plan *catalog_plan_at(const Catalog *cat, int i);

/* The problems found, in the order the files were read and, within a file,
 * by line. */
int catalog_problem_count(const Catalog *cat);
const CatalogProblem *catalog_problem_at(const Catalog *cat, int i);

/* "exercises/box.json:14: step 3 has no Spanish prompt ("es")" into out;
 * "file: message" for a problem about a whole folder. */
void catalog_problem_format(const CatalogProblem *p, char *out, size_t n);

/* Bytes of memory the catalog holds, to keep it small on a 1 GB board. */
size_t catalog_memory(const Catalog *cat);

#endif
