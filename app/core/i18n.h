/* Languages through gettext. The interface's strings are marked with _() and
 * translated from app/po/<lang>.po; clinical content carries both languages
 * in its data files and is picked with i18n_lang(). */
#ifndef HEARTH_I18N_H
#define HEARTH_I18N_H

#include <libintl.h>
#include <stddef.h>

#define _(s) gettext(s)
#define N_(s) (s)
#define P_(one, many, n) ngettext(one, many, n)

/* The languages Hearth ships: one entry each in i18n.c's table, in the
 * order the door's button cycles them, English first (the language of the
 * source strings and the fallback of every text). Adding a language is
 * adding its catalog app/po/<code>.po and its entry in the table. */
#define I18N_LANG_COUNT 2

/* The table's index of lang ("es", "es_MX.UTF-8", "es-419": the code,
 * alone or followed by a region or encoding), or -1 when Hearth does not
 * ship it. */
int i18n_lang_index(const char *lang);

/* The code of language i ("en"), as the .po file and the data files'
 * texts name it; "" when i is out of range. */
const char *i18n_lang_code(int i);

/* Language i's name in English ("Spanish"), for the content files'
 * maintainers; "" when i is out of range. */
const char *i18n_lang_english_name(int i);

/* Language i's name in itself ("Espa\xC3\xB1ol"), as a button that
 * switches to it says; "" when i is out of range. */
const char *i18n_lang_native_name(int i);

/* The code of the language after lang in the table (the door's button
 * cycles them), the first after the last; the first for one not
 * shipped. */
const char *i18n_lang_next(const char *lang);

/* Sets up gettext with the catalogs under locale_dir, in language lang
 * ("en", "es"; NULL picks from the environment, falling back to English). */
void i18n_init(const char *locale_dir, const char *lang);

/* Switches the language at once; the next _() answers in it. Unknown
 * languages fall back to English. */
void i18n_set_lang(const char *lang);

/* The current language's code, one of the table's. */
const char *i18n_lang(void);

/* Formats a number with the language's decimal separator. */
void i18n_format_decimal(char *out, size_t n, double value, int decimals);

/* A median, a mean or a cutoff as people read it: "3" when whole, else
 * one decimal with the language's separator ("3.5", "3,5"); an en dash
 * for a value that is not there (NaN). */
void i18n_format_value(char *out, size_t n, double value);

/* A whole percentage as the language writes it: "150%", "150 %" (Spanish
 * puts a no-break space before the sign). */
void i18n_format_percent(char *out, size_t n, int value);

/* Localised names, for dates as the language writes them. */
const char *i18n_month_name(int month);   /* 1-12 */
const char *i18n_weekday_name(int wday);  /* 0 = Sunday */

/* "Tuesday, November 24" / "martes, 24 de noviembre" into out. */
void i18n_format_date(char *out, size_t n, int month, int day, int weekday);

/* A day with its year: "November 24, 2026" / "24 de noviembre de 2026". */
void i18n_format_day(char *out, size_t n, int year, int month, int day);

/* The same, short, where room is scarce (a list's rows): "Sep 30, 2026" /
 * "30 sept 2026". */
void i18n_format_day_short(char *out, size_t n, int year, int month, int day);

/* Local time "9:02 AM" in English, "9:02" (24-hour) in Spanish. */
void i18n_format_time(char *out, size_t n, int hour, int minute);

#endif
