#include "core/i18n.h"

#include <locale.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How each language writes what the catalogs cannot say: numbers, times
 * and the order of a date's parts. */
typedef struct Language {
    const char *code;      /* "es": its .po file and its key in data/ texts */
    const char *english;   /* "Spanish", for maintainers' messages */
    const char *native;    /* "Espa\xC3\xB1ol": named in itself, on language buttons */
    char decimal;          /* the decimal separator */
    const char *percent;   /* between a number and its % sign */
    bool hour12;           /* "9:02 AM" rather than "9:02" */
    const char *day_of;    /* day before month, joined by this ("24 de noviembre");
                              NULL: month before day ("November 24") */
} Language;

static const Language languages[] = {
    {"en", "English", "English", '.', "", true, NULL},
    /* a no-break space before % */
    {"es", "Spanish", "Espa\xC3\xB1ol", ',', "\xC2\xA0", false, " de "},
};
_Static_assert(sizeof languages / sizeof languages[0] == I18N_LANG_COUNT,
               "I18N_LANG_COUNT must count the table");

static int current = 0;

/* glibc caches translations; bumping this counter is the documented way to
 * make gettext notice a change of LANGUAGE at run time. */
extern int _nl_msg_cat_cntr;

int i18n_lang_index(const char *lang)
{
    if (!lang)
        return -1;
    for (int i = 0; i < I18N_LANG_COUNT; i++) {
        size_t n = strlen(languages[i].code);
        if (!strncmp(lang, languages[i].code, n) &&
            (lang[n] == '\0' || strchr("_-.:", lang[n])))
            return i;
    }
    return -1;
}

const char *i18n_lang_code(int i)
{
    return i >= 0 && i < I18N_LANG_COUNT ? languages[i].code : "";
}

const char *i18n_lang_english_name(int i)
{
    return i >= 0 && i < I18N_LANG_COUNT ? languages[i].english : "";
}

const char *i18n_lang_native_name(int i)
{
    return i >= 0 && i < I18N_LANG_COUNT ? languages[i].native : "";
}

const char *i18n_lang_next(const char *lang)
{
    int i = i18n_lang_index(lang);
    return languages[i < 0 ? 0 : (i + 1) % I18N_LANG_COUNT].code;
}

void i18n_init(const char *locale_dir, const char *lang)
{
    /* Messages and character types follow the environment; numbers stay in
     * the C locale so files and exports always use a decimal point. gettext
     * ignores LANGUAGE in the plain "C" locale, so fall back to C.UTF-8,
     * which glibc always has, when the environment names no usable locale. */
    if (!setlocale(LC_CTYPE, "") || !strcmp(setlocale(LC_CTYPE, NULL), "C"))
        setlocale(LC_CTYPE, "C.UTF-8");
    if (!setlocale(LC_MESSAGES, "") || !strcmp(setlocale(LC_MESSAGES, NULL), "C") ||
        !strcmp(setlocale(LC_MESSAGES, NULL), "POSIX"))
        setlocale(LC_MESSAGES, "C.UTF-8");
    setlocale(LC_NUMERIC, "C");
    bindtextdomain("hearth", locale_dir);
    bind_textdomain_codeset("hearth", "UTF-8");
    textdomain("hearth");

    if (i18n_lang_index(lang) < 0) {
        const char *env = getenv("LANGUAGE");
        if (i18n_lang_index(env) < 0)
            env = getenv("LC_ALL");
        if (i18n_lang_index(env) < 0)
            env = getenv("LC_MESSAGES");
        if (i18n_lang_index(env) < 0)
            env = getenv("LANG");
        lang = env;
    }
    i18n_set_lang(lang);
}

void i18n_set_lang(const char *lang)
{
    int i = i18n_lang_index(lang);
    current = i < 0 ? 0 : i;
    setenv("LANGUAGE", languages[current].code, 1);
    ++_nl_msg_cat_cntr;
}

const char *i18n_lang(void) { return languages[current].code; }

void i18n_format_decimal(char *out, size_t n, double value, int decimals)
{
    snprintf(out, n, "%.*f", decimals, value);
    char *dot = strchr(out, '.');
    if (dot)
        *dot = languages[current].decimal;
}

void i18n_format_value(char *out, size_t n, double value)
{
    if (isnan(value))
        snprintf(out, n, "\xE2\x80\x93");
    else if (fabs(value - round(value)) < 1e-9)
        snprintf(out, n, "%.0f", value);
    else
        i18n_format_decimal(out, n, value, 1);
}

void i18n_format_percent(char *out, size_t n, int value)
{
    snprintf(out, n, "%d%s%%", value, languages[current].percent);
}

const char *i18n_month_name(int month)
{
    static const char *const names[] = {
        N_("January"), N_("February"), N_("March"),     N_("April"),
        N_("May"),     N_("June"),     N_("July"),      N_("August"),
        N_("September"), N_("October"), N_("November"), N_("December")};
    if (month < 1 || month > 12)
        return "";
    return _(names[month - 1]);
}

const char *i18n_weekday_name(int wday)
{
    static const char *const names[] = {N_("Sunday"),   N_("Monday"), N_("Tuesday"),
                                        N_("Wednesday"), N_("Thursday"), N_("Friday"),
                                        N_("Saturday")};
    if (wday < 0 || wday > 6)
        return "";
    return _(names[wday]);
}

void i18n_format_date(char *out, size_t n, int month, int day, int weekday)
{
    /* Word order is the language's: US English "Tuesday, November 24",
     * "martes, 24 de noviembre". The names come from the catalogs. */
    const char *of = languages[current].day_of;
    if (of)
        snprintf(out, n, "%s, %d%s%s", i18n_weekday_name(weekday), day, of,
                 i18n_month_name(month));
    else
        snprintf(out, n, "%s, %s %d", i18n_weekday_name(weekday), i18n_month_name(month), day);
}

void i18n_format_day(char *out, size_t n, int year, int month, int day)
{
    const char *of = languages[current].day_of;
    if (of)
        snprintf(out, n, "%d%s%s%s%d", day, of, i18n_month_name(month), of, year);
    else
        snprintf(out, n, "%s %d, %d", i18n_month_name(month), day, year);
}

void i18n_format_day_short(char *out, size_t n, int year, int month, int day)
{
    /* TRANSLATORS: the twelve months' short names, January to December,
     * one word each, separated by single spaces (the passes list shows
     * "Sep 30, 2026" / "30 sept 2026"). */
    const char *names = _("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec");
    char abbr[16] = "";
    for (int m = 1; m <= 12 && names; m++) {
        size_t len = strcspn(names, " ");
        if (m == month && len < sizeof abbr) {
            memcpy(abbr, names, len);
            abbr[len] = '\0';
        }
        names += len;
        names += *names == ' ';
    }
    if (!abbr[0]) { /* a catalog with too few words: the long form */
        i18n_format_day(out, n, year, month, day);
        return;
    }
    if (languages[current].day_of)
        snprintf(out, n, "%d %s %d", day, abbr, year);
    else
        snprintf(out, n, "%s %d, %d", abbr, day, year);
}

void i18n_format_time(char *out, size_t n, int hour, int minute)
{
    if (languages[current].hour12) {
        int h12 = hour % 12 == 0 ? 12 : hour % 12;
        snprintf(out, n, "%d:%02d %s", h12, minute, hour < 12 ? "AM" : "PM");
    } else {
        snprintf(out, n, "%d:%02d", hour, minute);
    }
}
