/* The database watcher (watch.h): inotify on the file's folder, a thread
 * that sleeps in poll() until the file or its WAL is written, and one SDL
 * event per change the loop has not yet taken. */
#include "ui/watch.h"

#include "core/log.h"

#include <SDL.h>
#include <errno.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <unistd.h>

struct Watch {
    int ino;            /* inotify, watching the file's folder */
    int stop;           /* an eventfd: written to end the thread */
    char name[256];     /* the file's name in its folder */
    char wal[260];      /* and its WAL's */
    uint32_t type;      /* the SDL event posted */
    SDL_atomic_t posted; /* 1 from a post until the loop has taken it */
    SDL_Thread *thread;
};

/* Whether an event's name (len bytes, NUL-padded) is the file's or its
 * WAL's. */
static bool ours(const Watch *w, const char *name, size_t len)
{
    size_t n = strnlen(name, len);
    return (n == strlen(w->name) && !memcmp(name, w->name, n)) ||
           (n == strlen(w->wal) && !memcmp(name, w->wal, n));
}

static int watch_thread(void *arg)
{
    Watch *w = arg;
    char buf[4096];
    struct pollfd fds[2] = {{w->ino, POLLIN, 0}, {w->stop, POLLIN, 0}};
    for (;;) {
        if (poll(fds, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        if (fds[1].revents)
            break;
        ssize_t n = read(w->ino, buf, sizeof buf);
        if (n < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        if (n <= 0)
            break;
        bool hit = false;
        for (size_t at = 0; at + sizeof(struct inotify_event) <= (size_t)n;) {
            struct inotify_event e;
            memcpy(&e, buf + at, sizeof e); /* the buffer keeps no alignment */
            size_t len = e.len <= (size_t)n - at - sizeof e ? e.len : (size_t)n - at - sizeof e;
            /* lost events (the queue overflowed) may have been ours */
            if ((e.mask & IN_Q_OVERFLOW) || ours(w, buf + at + sizeof e, len))
                hit = true;
            at += sizeof e + e.len;
        }
        if (hit && SDL_AtomicCAS(&w->posted, 0, 1)) {
            SDL_Event ev;
            memset(&ev, 0, sizeof ev);
            ev.type = w->type;
            if (SDL_PushEvent(&ev) != 1)
                SDL_AtomicSet(&w->posted, 0); /* the queue was full: the next change tries again */
        }
    }
    return 0;
}

Watch *watch_start(const char *db_path, uint32_t event_type)
{
    Watch *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    w->ino = w->stop = -1;
    w->type = event_type;
    const char *slash = strrchr(db_path, '/');
    char dir[4096];
    if (slash)
        snprintf(dir, sizeof dir, "%.*s", slash == db_path ? 1 : (int)(slash - db_path), db_path);
    else
        snprintf(dir, sizeof dir, ".");
    int nl = snprintf(w->name, sizeof w->name, "%s", slash ? slash + 1 : db_path);
    snprintf(w->wal, sizeof w->wal, "%s-wal", w->name);
    w->ino = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    w->stop = eventfd(0, EFD_CLOEXEC);
    if (nl <= 0 || (size_t)nl >= sizeof w->name || w->ino < 0 || w->stop < 0 ||
        inotify_add_watch(w->ino, dir,
                          IN_MODIFY | IN_CLOSE_WRITE | IN_CREATE | IN_MOVED_TO | IN_DELETE) < 0) {
        log_warn("cannot watch %s for changes (%s): the door reads it every two seconds",
                 db_path, strerror(errno));
        watch_stop(w);
        return NULL;
    }
    w->thread = SDL_CreateThread(watch_thread, "hearth-watch", w);
    if (!w->thread) {
        log_warn("cannot watch %s for changes (%s): the door reads it every two seconds",
                 db_path, SDL_GetError());
        watch_stop(w);
        return NULL;
    }
    return w;
}

void watch_seen(Watch *w)
{
    if (w)
        SDL_AtomicSet(&w->posted, 0);
}

void watch_stop(Watch *w)
{
    if (!w)
        return;
    if (w->thread) {
        uint64_t one = 1;
        if (write(w->stop, &one, sizeof one) == (ssize_t)sizeof one)
            SDL_WaitThread(w->thread, NULL);
        else
            SDL_DetachThread(w->thread); /* cannot happen with an eventfd */
    }
    if (w->ino >= 0)
        close(w->ino);
    if (w->stop >= 0)
        close(w->stop);
    free(w);
}
