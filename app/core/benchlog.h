/* The benchmark's instrumentation hook (tests/bench, never the timed tests).
 *
 * When HEARTH_BENCH_LOG is set, the kiosk writes one line per moment the
 * benchmark measures, as soon as the frame that shows it is presented:
 *
 *     first_present 123456789     the first frame on screen
 *     door_ready 123456790        the door on screen, ready to scan
 *     checkin_present 123457000   a frame showing a check-in's outcome
 *
 * and, on the way to the first frame, start_main, start_display,
 * start_window, start_fonts_content and start_screens as each step ends
 * (ui/kiosk.c), so the bench can say where start-up goes.
 *
 * The number is CLOCK_MONOTONIC in microseconds, the clock the benchmark
 * reads when it starts the kiosk or sends a key. HEARTH_BENCH_LOG holds a
 * file descriptor number ("3", inherited from the benchmark) or a file
 * name (appended to). Unset, it costs one test of an int per frame. */
#ifndef HEARTH_BENCHLOG_H
#define HEARTH_BENCHLOG_H

#include <stdbool.h>
#include <stdint.h>

typedef struct BenchLog {
    int fd;     /* -1: off */
    bool owned; /* opened from a file name: closed by benchlog_close */
} BenchLog;

/* Opens the log spec names (the value of HEARTH_BENCH_LOG; NULL or empty:
 * off). A spec that cannot be used leaves it off and returns false. With a
 * descriptor, SIGPIPE is ignored from then on: a benchmark that stops
 * reading turns the log off, it does not end the kiosk. */
bool benchlog_open(BenchLog *bl, const char *spec);

static inline bool benchlog_on(const BenchLog *bl) { return bl->fd >= 0; }

/* Writes "<event> <mono_us>\n" in one write; nothing when off. */
void benchlog_mark(BenchLog *bl, const char *event, uint64_t mono_us);

void benchlog_close(BenchLog *bl);

#endif
