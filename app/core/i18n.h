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

/* The languages Hearth ships, in the order the door's button cycles them. */
extern const char *const i18n_languages[];
extern const int i18n_language_count;

/* Sets up gettext with the catalogs under locale_dir, in language lang
 * ("en", "es"; NULL picks from the environment, falling back to English). */
void i18n_init(const char *locale_dir, const char *lang);

/* Switches the language at once; the next _() answers in it. Unknown
 * languages fall back to English. */
void i18n_set_lang(const char *lang);

/* The current language code, "en" or "es". */
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

/* Local time "9:02 AM" in English, "9:02" (24-hour) in Spanish. */
void i18n_format_time(char *out, size_t n, int hour, int minute);

#endif
