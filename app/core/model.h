/* The domain's types: what a session, a pass, a rating phase, a group name
 * are, for every folder. The store fills them, the services pass them on,
 * the screens and the command line show them.
 *
 * Every time in them is an int64 of wall-clock milliseconds since the Unix
 * epoch (UTC); ISO 8601 strings exist only in SQL and in exports, so no
 * reader ever parses a time back. 0 means "none" or "not kept". */
#ifndef HEARTH_MODEL_H
#define HEARTH_MODEL_H

#include <stdbool.h>
#include <stdint.h>

/* A group name: 1 to GROUP_NAME_MAX characters; GROUP_NAME_SIZE bytes hold
 * the longest in UTF-8 (4 bytes a character) with its terminator. */
#define GROUP_NAME_MAX 64
#define GROUP_NAME_SIZE (GROUP_NAME_MAX * 4 + 1)

/* A pass's pseudonym, as staff know it, with its terminator. */
#define PSEUDONYM_MAX 16

/* True for a group name people can read: 1 to 64 characters of valid UTF-8,
 * nothing hidden (no control or format character such as U+202E or a
 * zero-width space: core/utf8.h), not only spaces. The one rule for every
 * way a group name comes in: typed at the console, `hearth session open
 * --group`, a merged export. */
bool group_name_valid(const char *name);

typedef enum RatingPhase {
    PHASE_ARRIVAL,  /* at the door, after checking in */
    PHASE_PRE,      /* before an exercise */
    PHASE_POST,     /* after an exercise */
    PHASE_CHECKOUT, /* at the door, leaving */
    PHASE_ROUND     /* a round the facilitator started */
} RatingPhase;

/* The stable name stored and exported: "arrival", "pre"... */
const char *rating_phase_name(RatingPhase phase);
/* Parses a stored name; false when unknown. */
bool rating_phase_parse(const char *name, RatingPhase *out);

/* The open session of a kiosk. */
typedef struct SessionInfo {
    char id[40];
    char group_id[40];
    char group_name[GROUP_NAME_SIZE];
    bool anonymous;      /* answers are counted, linked to no one (the
                          * default): the group's way when the session
                          * opened, kept for the whole session */
    int64_t opened_ms;   /* when it opened */
    bool checkout;       /* the facilitator has started check-out */
    char plan[64];       /* the session plan's id, or empty */
    int plan_block;      /* the plan's current block, from 0 */
    int64_t plan_block_started; /* wall ms when that block began; 0 unknown */
} SessionInfo;

/* A pass, known only by its pseudonym (never its secret). */
typedef struct PassInfo {
    char id[40];
    char pseudonym[PSEUDONYM_MAX];
    int64_t issued_ms;
    int64_t revoked_ms; /* 0 while valid */
} PassInfo;

typedef enum CheckinKind { CHECKIN_IN, CHECKIN_OUT } CheckinKind;

/* A client asked at the door for a staff member to check in with them. */
typedef struct StaffRequest {
    char id[40];
    int64_t at_ms;                 /* 0 in anonymous groups: not kept */
    char pseudonym[PSEUDONYM_MAX]; /* empty in anonymous groups */
} StaffRequest;

/* What an answer's own person needs to take it back, kept in memory by the
 * screen until the next person answers. Never stored. */
typedef struct AnswerReceipt {
    bool valid;
    bool counted;           /* anonymous: a count was added */
    char row_id[40];        /* pseudonymous: the answer's row */
    char session_id[40];
    char instrument[64];
    char item[64];
    RatingPhase phase;
    char part[40];
    int value;
} AnswerReceipt;

/* An exercise played in a session. */
typedef struct RunInfo {
    char id[40];
    char exercise[64];
    int step;
    int steps_skipped;
} RunInfo;

#endif
