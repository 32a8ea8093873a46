/* Libraries only some runs need, loaded when first needed.
 *
 * Every shared library the kiosk links is mapped and relocated before
 * main() runs, on every start. libpq (with OpenSSL, Kerberos, LDAP and
 * GnuTLS behind it) serves only the program's server, and ZBar (with
 * libv4l and libjpeg) only a camera: linked, they cost about a third of
 * the loader's work while the door waits for its first frame (measured in
 * tests/bench/README.md). So they are opened with dlopen by the code that
 * uses them, the first time it does, and a machine without them says so
 * in a sentence instead of refusing to start. */
#ifndef HEARTH_DYNLIB_H
#define HEARTH_DYNLIB_H

#include <stdbool.h>
#include <stddef.h>

/* Opens the library soname ("libpq.so.5"): a handle that stays open for
 * the life of the process, or NULL with dlerror's reason in err. */
void *dynlib_open(const char *soname, char *err, size_t errlen);

/* Copies the address of the function name in lib into *slot, a function
 * pointer of size bytes (sizeof of the pointer). False, with a sentence
 * in err, when lib has no such function. */
bool dynlib_find(void *lib, const char *name, void *slot, size_t size, char *err,
                 size_t errlen);

#endif
