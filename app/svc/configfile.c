#include "svc/configfile.h"

#include "core/config.h"
#include "core/i18n.h"
#include "core/paths.h"
#include "store/store_output.h"

#include <stdio.h>

bool configfile_save(const char *path, const Settings *s, const char *db_path, char *err,
                     size_t errlen)
{
    /* the crisis lines, and [program] server may take 1 KiB */
    char text[2048 + SETTINGS_CRISIS_MAX * (SETTINGS_CRISIS_LEN + 8)];
    int len = config_format(s, text, sizeof text);
    if (len < 0 || (size_t)len >= sizeof text) {
        snprintf(err, errlen, _("Cannot write %s: %s."), path, _("a setting is too long"));
        return false;
    }
    return paths_make_parent(path, err, errlen) &&
           store_output_write_buffer(path, db_path, text, (size_t)len, err, errlen) == STORE_OK;
}
