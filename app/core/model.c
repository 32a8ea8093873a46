#include "core/model.h"

#include "core/utf8.h"

#include <string.h>

bool group_name_valid(const char *name)
{
    return utf8_text_check(name, GROUP_NAME_MAX, NULL) == UTF8_TEXT_OK;
}

static const char *const phase_names[] = {"arrival", "pre", "post", "checkout", "round"};

const char *rating_phase_name(RatingPhase phase)
{
    return (unsigned)phase < 5 ? phase_names[phase] : "round";
}

bool rating_phase_parse(const char *name, RatingPhase *out)
{
    for (int i = 0; i < 5; i++) {
        if (!strcmp(name, phase_names[i])) {
            *out = (RatingPhase)i;
            return true;
        }
    }
    return false;
}
