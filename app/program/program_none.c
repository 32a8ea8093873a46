/* A build without libpq: every call says so, and nothing else changes. */
#include "program/program.h"

#include "core/i18n.h"

#include <stdio.h>
#include <string.h>

bool program_built(void) { return false; }

const char *program_not_built_text(void)
{
    return _("This Hearth was built without PostgreSQL (libpq): it cannot publish to a "
             "program's server or read from one.");
}

static ProgramResult not_built(char *err, size_t errlen)
{
    snprintf(err, errlen, "%s", program_not_built_text());
    return PROGRAM_NOT_BUILT;
}

ProgramConn *program_connect(const char *url, ProgramResult *res, char *err, size_t errlen)
{
    (void)url;
    *res = not_built(err, errlen);
    return NULL;
}

void program_close(ProgramConn *pc) { (void)pc; }

ProgramResult program_publish(ProgramConn *pc, const SessionAggregate *a, char *err,
                              size_t errlen)
{
    (void)pc;
    (void)a;
    return not_built(err, errlen);
}

ProgramResult program_init(const char *url, int min_cell, ProgramInitInfo *out, char *err,
                           size_t errlen)
{
    (void)url;
    (void)min_cell;
    memset(out, 0, sizeof *out);
    return not_built(err, errlen);
}

ProgramResult program_read(ProgramConn *pc, const ProgramQuery *q, const ProgramSink *sink,
                           char *err, size_t errlen)
{
    (void)pc;
    (void)q;
    (void)sink;
    return not_built(err, errlen);
}
