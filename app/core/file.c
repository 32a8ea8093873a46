/* Opening outside files for reading without blocking (file.h says why). */
#include "core/file.h"

#include "core/i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *file_kind(mode_t mode)
{
    if (S_ISDIR(mode))
        return _("a folder");
    if (S_ISFIFO(mode))
        return _("a named pipe (FIFO)");
    if (S_ISCHR(mode) || S_ISBLK(mode))
        return _("a device");
    if (S_ISSOCK(mode))
        return _("a socket");
    if (S_ISLNK(mode))
        return _("a symbolic link");
    return _("a regular file");
}

static int refuse(const char *path, mode_t mode, char *err, size_t errlen)
{
    snprintf(err, errlen, _("%s is %s, not a regular file, so Hearth does not read it."), path,
             file_kind(mode));
    errno = EINVAL;
    return -1;
}

int file_open_regular(const char *path, bool *missing, char *err, size_t errlen)
{
    if (missing)
        *missing = false;
    /* Looked at first, so a device is never even opened (opening some has
     * effects of its own). */
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode))
        return refuse(path, st.st_mode, err, errlen);
    /* O_NONBLOCK: should the path become a FIFO after the look, opening it
     * still returns at once, and the second look refuses it. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        int e = errno;
        if (missing)
            *missing = e == ENOENT;
        if (e == ENOENT)
            snprintf(err, errlen, _("%s does not exist."), path);
        else
            snprintf(err, errlen, _("Cannot read %s: %s."), path, strerror(e));
        errno = e;
        return -1;
    }
    if (fstat(fd, &st) != 0) {
        int e = errno;
        close(fd);
        snprintf(err, errlen, _("Cannot read %s: %s."), path, strerror(e));
        return -1;
    }
    if (!S_ISREG(st.st_mode)) {
        close(fd);
        return refuse(path, st.st_mode, err, errlen);
    }
    /* a regular file ignores the flag; cleared so stdio sees an ordinary one */
    int flags = fcntl(fd, F_GETFL);
    if (flags >= 0)
        fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
    return fd;
}
