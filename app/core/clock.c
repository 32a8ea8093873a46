#include "core/clock.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

uint64_t clock_mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

uint64_t clock_mono_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

int64_t clock_wall_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void utc_tm(int64_t wall_ms, struct tm *tm)
{
    time_t t = (time_t)(wall_ms / 1000);
    gmtime_r(&t, tm);
}

void clock_iso8601(int64_t wall_ms, char out[32])
{
    struct tm tm;
    utc_tm(wall_ms, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void clock_iso_date(int64_t wall_ms, char out[16])
{
    struct tm tm;
    utc_tm(wall_ms, &tm);
    strftime(out, 16, "%Y-%m-%d", &tm);
}

/* Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's
 * days_from_civil), so parsing never depends on the local time zone. */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = (unsigned)(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

static bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

bool clock_parse_iso(const char *text, int64_t *out_ms)
{
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y, mo, d, h = 0, mi = 0, s = 0, n = 0;
    size_t len = strlen(text);

    if (len == 10) {
        if (sscanf(text, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3 || n != 10)
            return false;
    } else if (len == 20) {
        if (sscanf(text, "%4d-%2d-%2dT%2d:%2d:%2dZ%n", &y, &mo, &d, &h, &mi, &s, &n) != 6 ||
            n != 20)
            return false;
    } else {
        return false;
    }
    if (text[4] != '-' || text[7] != '-')
        return false;
    if (y < 1970 || y > 9999 || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 60 ||
        h < 0 || mi < 0 || s < 0)
        return false;
    if (d > mdays[mo - 1] + (mo == 2 && leap(y)))
        return false;
    int64_t days = days_from_civil(y, (unsigned)mo, (unsigned)d);
    *out_ms = ((days * 24 + h) * 60 + mi) * 60000 + (int64_t)s * 1000;
    return true;
}

void clock_local_hm(int64_t wall_ms, int *hour, int *minute)
{
    time_t t = (time_t)(wall_ms / 1000);
    struct tm tm;
    localtime_r(&t, &tm);
    *hour = tm.tm_hour;
    *minute = tm.tm_min;
}

void clock_local_date(int64_t wall_ms, int *year, int *month, int *day, int *weekday)
{
    time_t t = (time_t)(wall_ms / 1000);
    struct tm tm;
    localtime_r(&t, &tm);
    *year = tm.tm_year + 1900;
    *month = tm.tm_mon + 1;
    *day = tm.tm_mday;
    *weekday = tm.tm_wday;
}
