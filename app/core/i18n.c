#include "core/i18n.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const i18n_languages[] = {"en", "es"};
const int i18n_language_count = 2;

static char current[8] = "en";

/* glibc caches translations; bumping this counter is the documented way to
 * make gettext notice a change of LANGUAGE at run time. */
extern int _nl_msg_cat_cntr;

static const char *known(const char *lang)
{
    if (!lang)
        return NULL;
    for (int i = 0; i < i18n_language_count; i++)
        if (!strncmp(lang, i18n_languages[i], 2))
            return i18n_languages[i];
    return NULL;
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

    if (!known(lang)) {
        const char *env = getenv("LANGUAGE");
        if (!known(env) || !*env)
            env = getenv("LC_ALL");
        if (!known(env))
            env = getenv("LC_MESSAGES");
        if (!known(env))
            env = getenv("LANG");
        lang = known(env) ? env : "en";
    }
    i18n_set_lang(lang);
}

void i18n_set_lang(const char *lang)
{
    const char *k = known(lang);
    snprintf(current, sizeof current, "%s", k ? k : "en");
    setenv("LANGUAGE", current, 1);
    ++_nl_msg_cat_cntr;
}

const char *i18n_lang(void) { return current; }

void i18n_format_decimal(char *out, size_t n, double value, int decimals)
{
    snprintf(out, n, "%.*f", decimals, value);
    if (!strcmp(current, "es")) {
        char *dot = strchr(out, '.');
        if (dot)
            *dot = ',';
    }
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
    if (!strcmp(current, "es"))
        snprintf(out, n, "%d\xC2\xA0%%", value);
    else
        snprintf(out, n, "%d%%", value);
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
    if (!strcmp(current, "es"))
        snprintf(out, n, "%s, %d de %s", i18n_weekday_name(weekday), day, i18n_month_name(month));
    else
        snprintf(out, n, "%s, %s %d", i18n_weekday_name(weekday), i18n_month_name(month), day);
}

void i18n_format_day(char *out, size_t n, int year, int month, int day)
{
    if (!strcmp(current, "es"))
        snprintf(out, n, "%d de %s de %d", day, i18n_month_name(month), year);
    else
        snprintf(out, n, "%s %d, %d", i18n_month_name(month), day, year);
}

void i18n_format_time(char *out, size_t n, int hour, int minute)
{
    if (!strcmp(current, "en")) {
        int h12 = hour % 12 == 0 ? 12 : hour % 12;
        snprintf(out, n, "%d:%02d %s", h12, minute, hour < 12 ? "AM" : "PM");
    } else {
        snprintf(out, n, "%d:%02d", hour, minute);
    }
}
