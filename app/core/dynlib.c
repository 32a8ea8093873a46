#include "core/dynlib.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

void *dynlib_open(const char *soname, char *err, size_t errlen)
{
    void *lib = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
        const char *why = dlerror();
        snprintf(err, errlen, "%s", why ? why : soname);
    }
    return lib;
}

bool dynlib_find(void *lib, const char *name, void *slot, size_t size, char *err,
                 size_t errlen)
{
    dlerror();
    void *sym = dlsym(lib, name);
    if (!sym || size != sizeof sym) {
        snprintf(err, errlen, "%s", name);
        return false;
    }
    /* POSIX's way from dlsym's object pointer to a function pointer: ISO C
     * has no conversion between the two, a copy of the bytes is exact */
    memcpy(slot, &sym, size);
    return true;
}
