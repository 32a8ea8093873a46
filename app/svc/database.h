/* The database as the screens and the command line hold it: a handle they
 * open and close, whose last error is a sentence for people, and the audit
 * log they note what staff did in. Everything else they read or change
 * goes through the use cases of svc/ (session.h, checkin.h, answer.h,
 * run.h, issue.h, gate.h, maintenance.h), never store/ directly. */
#ifndef HEARTH_SVC_DATABASE_H
#define HEARTH_SVC_DATABASE_H

#include "store/store.h"

#endif
