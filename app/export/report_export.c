/* An export as staff make it: the file, then its audit row. */
#include "export/report_write.h"

#include "core/clock.h"
#include "core/i18n.h"
#include "core/uuid.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

bool report_export(Store *s, const Report *r, ReportFormat f, const char *path, const char *how,
                   int64_t wall_ms, char export_id[UUID_STR_LEN], char *err, size_t errlen)
{
    char id[UUID_STR_LEN];
    uuid_new(id);
    if (!report_write_file(r, f, path, store_path(s), id, wall_ms, err, errlen))
        return false;
    const ReportOptions *o = &r->opt;
    char detail[200], since[16] = "", until[16] = "";
    if (o->has_since)
        clock_iso_date(o->since_ms, since);
    if (o->has_until)
        clock_iso_date(o->until_ms - REPORT_DAY_MS, until);
    snprintf(detail, sizeof detail, "%s, %.40s, %s..%s, K=%d%s, %d sessions, %.8s%s%s",
             report_format_name(f), o->group ? o->group : "all groups", since, until,
             o->min_cell,
             o->per_person ? ", per person" : "", r->nsessions, id, how && *how ? ", " : "",
             how ? how : "");
    if (store_audit(s, wall_ms, "export", detail) != STORE_OK) {
        snprintf(err, errlen, _("%s was not kept: the export could not be recorded in the audit "
                                "log (%s)"),
                 path, store_error(s));
        unlink(path);
        return false;
    }
    if (export_id)
        snprintf(export_id, UUID_STR_LEN, "%s", id);
    return true;
}
