/* Time for Hearth. Only the main loop and the command line read the real
 * clocks; everything else takes the time as an argument (now_ms, wall_ms). */
#ifndef HEARTH_CLOCK_H
#define HEARTH_CLOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Milliseconds on the monotonic clock: for durations and animation. */
uint64_t clock_mono_ms(void);

/* Microseconds on the same clock: for the benchmark's marks (core/benchlog.h). */
uint64_t clock_mono_us(void);

/* Milliseconds since the Unix epoch, UTC: for what is stored. */
int64_t clock_wall_ms(void);

/* Formats a UTC instant as ISO 8601, "2026-11-23T09:02:11Z". */
void clock_iso8601(int64_t wall_ms, char out[32]);

/* Formats the UTC calendar date, "2026-11-23". */
void clock_iso_date(int64_t wall_ms, char out[16]);

/* Parses "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SSZ" (UTC). Returns false on
 * anything else, leaving *out untouched. */
bool clock_parse_iso(const char *text, int64_t *out_ms);

/* Local wall-clock hour and minute of an instant, for what the screen shows. */
void clock_local_hm(int64_t wall_ms, int *hour, int *minute);

/* Local calendar date (year, month 1-12, day 1-31, weekday 0=Sunday). */
void clock_local_date(int64_t wall_ms, int *year, int *month, int *day, int *weekday);

#endif
