/* The door's flow (core/door.h) on a virtual clock, without SDL: states and
 * their deadlines, the typed code, the rating's keys, the camera's and the
 * language's time, and how the scanner's events are shared out. */
#include "testkit.h"

#include "core/door.h"
#include "core/pass.h"

#include <string.h>

#define T0 100000u /* an arbitrary start on the monotonic clock */

static DoorFlow new_flow(void)
{
    DoorFlow f;
    door_flow_init(&f, 0, 0);
    assert_int_equal(f.state, DOOR_WELCOME);
    assert_int_equal(f.selected, DOOR_NO_CHOICE);
    assert_int_equal(door_flow_next_deadline(&f, false), 0);
    return f;
}

static void type_all(DoorFlow *f, const char *s, uint64_t now)
{
    for (; *s; s++)
        door_flow_type(f, s, 1, false, 0, 0, now);
}

static void code_is_grouped_like_the_card(void **state)
{
    (void)state;
    DoorFlow f = new_flow();
    type_all(&f, "k7qf-2m9x abcdefgh", T0);
    assert_string_equal(f.code, "K7QF-2M9X-ABCD-EFGH");
    assert_int_equal(door_flow_code_count(&f), 16);
    /* no room past 24 bytes */
    type_all(&f, "JKLMNOP", T0);
    assert_int_equal(strlen(f.code), DOOR_CODE_MAX);
    /* the last symbol goes, and the dash before it */
    DoorFlow g = new_flow();
    type_all(&g, "ABCDE", T0);
    assert_string_equal(g.code, "ABCD-E");
    assert_int_equal(door_flow_code_erase(&g), DOOR_DO_TARGETS);
    assert_string_equal(g.code, "ABCD");
}

/* One cell per symbol on the screen: the dashes and spaces that group a
 * code are not symbols, a letter with an accent or a stray byte (from a
 * refused scan) is one, lower case shows as the card prints it. */
static void code_splits_into_the_cells_a_person_checks(void **state)
{
    (void)state;
    DoorFlow f = new_flow();
    char sym[DOOR_CODE_MAX][5];
    assert_int_equal(door_flow_code_symbols(&f, sym, DOOR_CODE_MAX), 0);
    door_flow_code_refused(&f, "k7\xC3\x91" "f-2 \xFF" "x", false, false, T0);
    assert_int_equal(door_flow_code_count(&f), 7);
    assert_int_equal(door_flow_code_symbols(&f, sym, DOOR_CODE_MAX), 7);
    assert_string_equal(sym[0], "K");
    assert_string_equal(sym[2], "\xC3\x91");
    assert_string_equal(sym[3], "F");
    assert_string_equal(sym[4], "2");
    assert_string_equal(sym[5], "\xFF");
    assert_string_equal(sym[6], "X");
    /* a table of three takes the first three */
    assert_int_equal(door_flow_code_symbols(&f, sym, 3), 3);
    assert_string_equal(sym[2], "\xC3\x91");
}

static void short_and_wrong_codes_stay_on_the_keypad(void **state)
{
    (void)state;
    DoorFlow f = new_flow();
    assert_int_equal(door_flow_code_check(&f, T0), DOOR_CODE_EMPTY);
    type_all(&f, "ABCDE", T0);
    assert_int_equal(door_flow_code_check(&f, T0 + 10), DOOR_CODE_SHORT);
    assert_int_equal(f.note, DOOR_NOTE_SHORT);
    assert_int_equal(f.note_count, 5);
    /* a new symbol clears the note */
    type_all(&f, "F", T0 + 20);
    assert_int_equal(f.note, DOOR_NOTE_NONE);
    type_all(&f, "GHJKMNPQRS", T0 + 30);
    assert_int_equal(door_flow_code_check(&f, T0 + 40), DOOR_CODE_READY);

    /* refused after the screen submitted (and forgot) it: kept, with why */
    char code[DOOR_CODE_MAX + 1];
    memcpy(code, f.code, sizeof code);
    door_flow_forget_typing(&f);
    assert_string_equal(f.code, "");
    door_flow_code_refused(&f, code, false, true, T0 + 50);
    assert_string_equal(f.code, code);
    assert_true(f.keypad_open);
    assert_int_equal(f.state, DOOR_WELCOME);
    assert_int_equal(f.note, DOOR_NOTE_TYPO);
    door_flow_code_refused(&f, code, true, false, T0 + 50);
    assert_int_equal(f.note, DOOR_NOTE_UNKNOWN);
    door_flow_code_refused(&f, code, false, false, T0 + 50);
    assert_int_equal(f.note, DOOR_NOTE_FOREIGN);
    type_all(&f, "T", T0 + 60); /* seventeen symbols */
    memcpy(code, f.code, sizeof code);
    door_flow_code_refused(&f, code, false, false, T0 + 60);
    assert_int_equal(f.note, DOOR_NOTE_LONG);
}

static void half_code_goes_after_thirty_seconds(void **state)
{
    (void)state;
    DoorFlow f = new_flow();
    door_flow_keypad_open(&f, T0);
    door_flow_input(&f, T0);
    type_all(&f, "ABC", T0);
    assert_int_equal(door_flow_next_deadline(&f, false), T0 + DOOR_CODE_IDLE_MS);
    assert_int_equal(door_flow_tick(&f, T0 + DOOR_CODE_IDLE_MS - 1, false), 0);
    assert_string_equal(f.code, "ABC");
    assert_int_equal(door_flow_tick(&f, T0 + DOOR_CODE_IDLE_MS, false), DOOR_DO_TARGETS);
    assert_false(f.keypad_open);
    assert_string_equal(f.code, "");
}

static void digits_choose_faces_while_the_question_shows(void **state)
{
    (void)state;
    DoorFlow f = new_flow();
    door_flow_go(&f, DOOR_RATING, DOOR_RATING_MS, T0);
    assert_int_equal(door_flow_type(&f, "4", 1, true, 1, 5, T0), DOOR_DO_REDRAW);
    assert_int_equal(f.selected, 4);
    assert_true(door_flow_enter_answers(&f));
    assert_string_equal(f.code, "");
    /* off the scale: nothing chosen, the hint for a moment */
    door_flow_type(&f, "9", 1, true, 1, 5, T0 + 100);
    assert_int_equal(f.selected, DOOR_NO_CHOICE);
    assert_int_equal(f.hint_until, T0 + 100 + DOOR_HINT_MS);
    assert_int_equal(door_flow_tick(&f, T0 + 100 + DOOR_HINT_MS, false), DOOR_DO_REDRAW);
    assert_int_equal(f.hint_until, 0);
    /* the arrows: the first chooses the middle, then move, never past the end */
    door_flow_arrow(&f, 1, 1, 5);
    assert_int_equal(f.selected, 3);
    door_flow_arrow(&f, 1, 1, 5);
    door_flow_arrow(&f, 1, 1, 5);
    door_flow_arrow(&f, 1, 1, 5);
    assert_int_equal(f.selected, 5);
    /* a letter is a code: the welcome comes back */
    door_flow_type(&f, "k", 1, true, 1, 5, T0 + 200);
    assert_int_equal(f.state, DOOR_WELCOME);
    assert_string_equal(f.code, "K");
}

static void a_turn_ends_and_the_language_goes_back(void **state)
{
    (void)state;
    DoorFlow f = new_flow();
    door_flow_go(&f, DOOR_RATING, DOOR_RATING_MS, T0);
    /* a low answer offers a staff member, for thirty seconds */
    assert_int_equal(door_flow_answered(&f, 1, 0x3u, T0 + 1000), DOOR_DO_TARGETS);
    assert_int_equal(f.state, DOOR_ASK_STAFF);
    assert_int_equal(f.answered, 1);
    assert_int_equal(door_flow_next_deadline(&f, true), T0 + 1000 + DOOR_ASK_STAFF_MS);
    /* another answer thanks */
    door_flow_go(&f, DOOR_RATING, DOOR_RATING_MS, T0);
    door_flow_answered(&f, 4, 0x3u, T0 + 1000);
    assert_int_equal(f.state, DOOR_THANKS);
    int todo = door_flow_tick(&f, T0 + 1000 + DOOR_THANKS_MS, true);
    assert_int_equal(f.state, DOOR_WELCOME);
    assert_true(todo & DOOR_DO_LANGUAGE_RESET);
    assert_true(todo & DOOR_DO_TARGETS);
}

static void the_language_waits_for_a_quiet_welcome(void **state)
{
    (void)state;
    DoorFlow f = new_flow();
    door_flow_input(&f, T0);
    assert_int_equal(door_flow_next_deadline(&f, true), T0 + DOOR_LANG_IDLE_MS);
    assert_int_equal(door_flow_tick(&f, T0 + DOOR_LANG_IDLE_MS, false), 0);
    /* not while someone has the keypad open */
    door_flow_keypad_open(&f, T0);
    assert_false(door_flow_tick(&f, T0 + DOOR_LANG_IDLE_MS - 1, true) & DOOR_DO_LANGUAGE_RESET);
    door_flow_keypad_close(&f);
    assert_true(door_flow_tick(&f, T0 + DOOR_LANG_IDLE_MS, true) & DOOR_DO_LANGUAGE_RESET);
}

static void camera_stops_by_itself(void **state)
{
    (void)state;
    DoorFlow f = new_flow();
    type_all(&f, "AB", T0);
    door_flow_camera_started(&f, T0);
    assert_true(f.camera_on);
    assert_string_equal(f.code, ""); /* what was typed goes */
    assert_int_equal(door_flow_next_deadline(&f, false), T0 + DOOR_CAMERA_ON_MS);
    assert_int_equal(door_flow_tick(&f, T0 + DOOR_CAMERA_ON_MS,
                                    false) & DOOR_DO_CAMERA_STOP,
                     DOOR_DO_CAMERA_STOP);
    assert_false(f.camera_on);
    /* a failure says so for a while */
    door_flow_camera_started(&f, T0);
    door_flow_camera_failed(&f, T0 + 5);
    assert_false(f.camera_on);
    assert_int_equal(door_flow_next_deadline(&f, false), T0 + 5 + DOOR_CAMERA_NOTE_MS);
    assert_int_equal(door_flow_tick(&f, T0 + 5 + DOOR_CAMERA_NOTE_MS, false), DOOR_DO_REDRAW);
    assert_int_equal(f.note_until, 0);
}

static void escape_closes_one_thing_at_a_time(void **state)
{
    (void)state;
    DoorFlow f = new_flow();
    door_flow_go(&f, DOOR_RESULT, 5000, T0);
    door_flow_camera_started(&f, T0);
    door_flow_keypad_open(&f, T0);
    door_flow_code_append(&f, "A", 1);
    assert_true(door_flow_escape(&f, T0) & DOOR_DO_CAMERA_STOP);
    assert_false(f.camera_on);
    assert_true(f.keypad_open);
    door_flow_escape(&f, T0);
    assert_false(f.keypad_open);
    assert_string_equal(f.code, "");
    door_flow_go(&f, DOOR_RESULT, 5000, T0);
    door_flow_escape(&f, T0);
    assert_int_equal(f.state, DOOR_WELCOME);
    assert_int_equal(f.state_until, 0);
}

/* A person's slow keys are handed on as they come; their Enter is theirs. */
static void typing_is_handed_on_and_a_scan_checks_in(void **state)
{
    (void)state;
    DoorFlow f = new_flow();
    uint64_t now = T0;
    size_t handed = 0;
    for (const char *k = "AB"; *k; k++) {
        now += 300;
        ScanEvent ev = door_flow_key(&f, (unsigned char)*k, now);
        for (uint64_t t = now; t <= now + 299; t += 10) {
            DoorScanStep step = door_flow_scan(&f, &ev);
            handed += step.hand_to - step.hand_from;
            assert_int_equal(step.act, DOOR_SCAN_NONE);
            ev = door_flow_scanner_tick(&f, t);
        }
    }
    assert_int_equal(handed, 2);
    ScanEvent ev = door_flow_enter(&f, now + 400);
    DoorScanStep step = door_flow_scan(&f, &ev);
    assert_int_equal(step.act, DOOR_SCAN_ENTER);
    assert_int_equal(step.hand_to - step.hand_from, 0);

    /* a scanner's burst: nothing handed on, one check-in */
    PassSecret p;
    char payload[PASS_PAYLOAD_SIZE];
    assert_true(pass_generate(&p));
    pass_format_payload(&p, payload);
    now += 5000;
    handed = 0;
    int checkins = 0;
    for (const char *k = payload; *k; k++) {
        now += 4;
        ScanEvent e = door_flow_key(&f, (unsigned char)*k, now);
        DoorScanStep s = door_flow_scan(&f, &e);
        handed += s.hand_to - s.hand_from;
        checkins += s.act == DOOR_SCAN_CHECKIN;
    }
    assert_true(door_flow_scanning(&f));
    ScanEvent e = door_flow_enter(&f, now + 4);
    DoorScanStep s = door_flow_scan(&f, &e);
    checkins += s.act == DOOR_SCAN_CHECKIN;
    assert_int_equal(checkins, 1);
    assert_int_equal(handed, 0);
}

static void backspace_erases_the_code_unless_covered(void **state)
{
    (void)state;
    DoorFlow f = new_flow();
    door_flow_code_append(&f, "A", 1);
    door_flow_code_append(&f, "B", 1);
    assert_int_equal(door_flow_backspace(&f, T0, false), DOOR_BS_ERASED);
    assert_string_equal(f.code, "A");
    assert_int_equal(door_flow_backspace(&f, T0, true), DOOR_BS_PASS);
    assert_string_equal(f.code, "A");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(code_is_grouped_like_the_card),
        cmocka_unit_test(code_splits_into_the_cells_a_person_checks),
        cmocka_unit_test(short_and_wrong_codes_stay_on_the_keypad),
        cmocka_unit_test(half_code_goes_after_thirty_seconds),
        cmocka_unit_test(digits_choose_faces_while_the_question_shows),
        cmocka_unit_test(a_turn_ends_and_the_language_goes_back),
        cmocka_unit_test(the_language_waits_for_a_quiet_welcome),
        cmocka_unit_test(camera_stops_by_itself),
        cmocka_unit_test(escape_closes_one_thing_at_a_time),
        cmocka_unit_test(typing_is_handed_on_and_a_scan_checks_in),
        cmocka_unit_test(backspace_erases_the_code_unless_covered),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
