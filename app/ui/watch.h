/* Wakes the kiosk when its database file changes: a session opened by
 * `hearth session open`, a pass revoked from a terminal, a check-in made by
 * another process. With it the door reads the file when it may have
 * changed instead of every two seconds, and the loop sleeps between.
 *
 * A thread waits on inotify for writes to the database and its WAL (in
 * their folder, so a WAL made or truncated later counts too) and posts one
 * SDL event of the type given, not another until the loop has taken it
 * (watch_seen): a transaction of many writes wakes the loop once. On a
 * file system without inotify (some network mounts) watch_start returns
 * NULL and the screens keep polling. */
#ifndef HEARTH_UI_WATCH_H
#define HEARTH_UI_WATCH_H

#include <stdint.h>

typedef struct Watch Watch;

/* Starts watching db_path; event_type is what SDL_RegisterEvents gave.
 * NULL when it cannot (no inotify, no thread): a warning is logged. */
Watch *watch_start(const char *db_path, uint32_t event_type);

/* The loop took the event: the next change posts another. */
void watch_seen(Watch *w);

/* Stops the thread and frees the watch (NULL is fine). */
void watch_stop(Watch *w);

#endif
