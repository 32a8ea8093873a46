#include "core/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static LogLevel min_level = LOG_INFO;


void log_init_from_env(void)
{
    const char *v = getenv("HEARTH_LOG");
    if (!v)
        return;
    if (!strcmp(v, "debug"))
        min_level = LOG_DEBUG;
    else if (!strcmp(v, "warn"))
        min_level = LOG_WARN;
    else if (!strcmp(v, "error"))
        min_level = LOG_ERROR;
}

void log_msg(LogLevel level, const char *fmt, ...)
{
    static const char *const names[] = {"debug", "info", "warning", "error"};
    if (level < min_level)
        return;
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "hearth: %s: ", names[level]);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

void hearth_expect_failed(const char *what, const char *file, int line)
{
    fprintf(stderr, "hearth: internal error at %s:%d: expected %s\n", file, line, what);
    abort();
}
