/* Diagnostics on stderr. Never pass a pass secret, short code, PIN or hash:
 * the log is read by whoever maintains the kiosk. */
#ifndef HEARTH_LOG_H
#define HEARTH_LOG_H

#if defined(__GNUC__)
#define HEARTH_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define HEARTH_PRINTF(a, b)
#endif

typedef enum { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR } LogLevel;

/* Lowest level printed; LOG_INFO unless HEARTH_LOG=debug|warn|error. */
void log_init_from_env(void);

void log_msg(LogLevel level, const char *fmt, ...) HEARTH_PRINTF(2, 3);

#define log_debug(...) log_msg(LOG_DEBUG, __VA_ARGS__)
#define log_info(...) log_msg(LOG_INFO, __VA_ARGS__)
#define log_warn(...) log_msg(LOG_WARN, __VA_ARGS__)
#define log_error(...) log_msg(LOG_ERROR, __VA_ARGS__)

/* A programmer's bug: prints what was expected with file and line, aborts. */
#define hearth_expect(cond)                                                                \
    do {                                                                                   \
        if (!(cond))                                                                       \
            hearth_expect_failed(#cond, __FILE__, __LINE__);                               \
    } while (0)

_Noreturn void hearth_expect_failed(const char *what, const char *file, int line);

#endif
