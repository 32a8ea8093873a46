/* Random (version 4) UUIDs: stable ids that merge across kiosks. */
#ifndef HEARTH_UUID_H
#define HEARTH_UUID_H

#define UUID_STR_LEN 37 /* 36 characters and the terminator */

/* Writes a new random UUID, lower-case with dashes. */
void uuid_new(char out[UUID_STR_LEN]);

/* True when text is a UUID in that form. */
int uuid_is_valid(const char *text);

#endif
