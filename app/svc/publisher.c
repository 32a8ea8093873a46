#include "svc/publisher.h"

#include "core/clock.h"
#include "core/log.h"
#include "svc/publish.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define PUBLISHER_IDLE_MS 60000   /* an empty outbox is looked at again this often */
#define PUBLISHER_ROUND 16        /* sessions per round, so a stop is heard soon */

struct Publisher {
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    bool nudged, stopping, done, detached;
    Store *store; /* the thread's own connection */
    char server[1024];
    char site[AGGREGATE_SITE_MAX];
    PublisherStatus status;
};

/* Waits on the condition until ms have passed, a nudge or a stop. Called
 * with the lock held. */
static void wait_ms(Publisher *p, int64_t ms)
{
    struct timespec until;
    clock_gettime(CLOCK_MONOTONIC, &until);
    until.tv_sec += (time_t)(ms / 1000);
    until.tv_nsec += (long)(ms % 1000) * 1000000L;
    if (until.tv_nsec >= 1000000000L) {
        until.tv_sec++;
        until.tv_nsec -= 1000000000L;
    }
    while (!p->nudged && !p->stopping)
        if (pthread_cond_timedwait(&p->wake, &p->lock, &until) == ETIMEDOUT)
            break;
    p->nudged = false;
}

static void *run(void *arg)
{
    Publisher *p = arg;
    Store *s = p->store;
    char err[1024];
    /* below the main loop on a busy core: the door and the frames first
     * (Linux sets a thread's niceness by its own id) */
    if (setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), 10) != 0)
        log_info("publishing: could not lower the thread's priority");
    pthread_mutex_lock(&p->lock);
    while (!p->stopping) {
        pthread_mutex_unlock(&p->lock);
        PublishOutcome out = {0};
        /* an empty outbox needs no connection to the server */
        bool ok = publish_waiting(s, &out.waiting, out.up_to) == STORE_OK;
        if (!ok) {
            snprintf(err, sizeof err, "%s", store_error(s));
            out.result = PROGRAM_ERROR;
        } else if (out.waiting > 0) {
            ok = publish_pending(s, p->server, p->site, PUBLISHER_ROUND, clock_wall_ms(), &out,
                                 err, sizeof err);
        }
        if (!ok)
            log_warn("publishing: %s", err);
        else if (out.published)
            log_info("published %d sessions up to %s, %d waiting", out.published, out.up_to,
                     out.waiting);
        pthread_mutex_lock(&p->lock);
        p->status.known = true;
        p->status.waiting = out.waiting;
        snprintf(p->status.up_to, sizeof p->status.up_to, "%s", out.up_to);
        p->status.last = ok ? PROGRAM_OK : out.result;
        p->status.failures = ok ? 0 : p->status.failures + 1;
        snprintf(p->status.error, sizeof p->status.error, "%s", ok ? "" : err);
        if (!ok)
            wait_ms(p, publish_backoff_ms(p->status.failures));
        else if (out.waiting == 0)
            wait_ms(p, PUBLISHER_IDLE_MS);
        /* else: the next round at once */
    }
    p->done = true;
    bool detached = p->detached;
    pthread_cond_broadcast(&p->wake);
    pthread_mutex_unlock(&p->lock);
    store_close(s);
    if (detached) {
        /* stop gave up waiting: the last one out frees */
        pthread_mutex_destroy(&p->lock);
        pthread_cond_destroy(&p->wake);
        free(p);
    }
    return NULL;
}

Publisher *publisher_start(const Store *store, const char *server, const char *site)
{
    if (!program_built())
        return NULL;
    Publisher *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    char err[512];
    p->store = store_open_sibling(store, err, sizeof err);
    if (!p->store) {
        log_error("publishing: %s", err);
        free(p);
        return NULL;
    }
    snprintf(p->server, sizeof p->server, "%s", server);
    snprintf(p->site, sizeof p->site, "%s", site ? site : "");
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    bool ok = pthread_mutex_init(&p->lock, NULL) == 0 && pthread_cond_init(&p->wake, &ca) == 0;
    pthread_condattr_destroy(&ca);
    if (!ok || pthread_create(&p->thread, NULL, run, p) != 0) {
        store_close(p->store);
        free(p);
        return NULL;
    }
    return p;
}

void publisher_nudge(Publisher *p)
{
    if (!p)
        return;
    pthread_mutex_lock(&p->lock);
    p->nudged = true;
    pthread_cond_broadcast(&p->wake);
    pthread_mutex_unlock(&p->lock);
}

void publisher_status(Publisher *p, PublisherStatus *out)
{
    memset(out, 0, sizeof *out);
    if (!p)
        return;
    pthread_mutex_lock(&p->lock);
    *out = p->status;
    pthread_mutex_unlock(&p->lock);
}

void publisher_stop(Publisher *p, int wait)
{
    if (!p)
        return;
    pthread_mutex_lock(&p->lock);
    p->stopping = true;
    pthread_cond_broadcast(&p->wake);
    struct timespec until;
    clock_gettime(CLOCK_MONOTONIC, &until);
    until.tv_sec += wait / 1000;
    until.tv_nsec += (long)(wait % 1000) * 1000000L;
    if (until.tv_nsec >= 1000000000L) {
        until.tv_sec++;
        until.tv_nsec -= 1000000000L;
    }
    while (!p->done)
        if (pthread_cond_timedwait(&p->wake, &p->lock, &until) == ETIMEDOUT)
            break;
    bool done = p->done;
    if (!done)
        p->detached = true;
    pthread_mutex_unlock(&p->lock);
    if (done) {
        pthread_join(p->thread, NULL);
        pthread_mutex_destroy(&p->lock);
        pthread_cond_destroy(&p->wake);
        free(p);
    } else {
        pthread_detach(p->thread);
    }
}
