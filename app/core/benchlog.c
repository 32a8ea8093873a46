#include "core/benchlog.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

bool benchlog_open(BenchLog *bl, const char *spec)
{
    bl->fd = -1;
    bl->owned = false;
    if (!spec || !spec[0])
        return true;
    char *end;
    errno = 0;
    long n = strtol(spec, &end, 10);
    if (*end == '\0' && !errno) {
        /* an inherited descriptor: it must be open for writing */
        int fl = n >= 0 && n <= 1 << 20 ? fcntl((int)n, F_GETFL) : -1;
        if (fl < 0 || (fl & O_ACCMODE) == O_RDONLY)
            return false;
        bl->fd = (int)n;
        /* a pipe whose reader went away must not kill the kiosk */
        signal(SIGPIPE, SIG_IGN);
        return true;
    }
    bl->fd = open(spec, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    bl->owned = bl->fd >= 0;
    return bl->fd >= 0;
}

void benchlog_mark(BenchLog *bl, const char *event, uint64_t mono_us)
{
    if (bl->fd < 0)
        return;
    char line[96];
    int len = snprintf(line, sizeof line, "%s %llu\n", event, (unsigned long long)mono_us);
    if (len <= 0 || (size_t)len >= sizeof line)
        return;
    /* One write per line, so a reader never sees half of one. A reader that
     * went away turns the log off rather than failing the kiosk. */
    if (write(bl->fd, line, (size_t)len) != len)
        benchlog_close(bl);
}

void benchlog_close(BenchLog *bl)
{
    if (bl->owned && bl->fd >= 0)
        close(bl->fd);
    bl->fd = -1;
    bl->owned = false;
}
