/* Reads an SQLite database file and its WAL the way an attacker with a copy
 * would: byte by byte, from the file format (sqlite.org/fileformat.html),
 * not through SQLite, so nothing the library hides (the physical order of
 * rows in a page, the page images in the WAL) stays hidden.
 *
 * The reader lists, for the tables named, every record it can find in
 * physical order: in the main file, page by page, each page's cells by
 * where their bytes lie (SQLite fills a page from its end, so the order of
 * the bytes is the order of insertion); then every WAL frame in the order
 * it was written. Each record is given as its columns in text, so a test
 * can look at the values it holds. */
#ifndef HEARTH_TEST_SQLITEFILE_H
#define HEARTH_TEST_SQLITEFILE_H

#include <stdbool.h>
#include <stddef.h>

#define SF_MAX_COLUMNS 16

typedef struct SfRecord {
    char where[48];          /* "main page 7 @3950", "wal frame 3 page 7 @3950" */
    int ncolumns;
    char column[SF_MAX_COLUMNS][64]; /* text of each column ("NULL" for null) */
} SfRecord;

typedef struct SfRecords {
    SfRecord *items;
    int n, cap;
} SfRecords;

/* Reads path (and path-wal when wal is true) and appends every record of
 * the named tables (NULL-terminated list) to out, in physical order: the
 * main file's pages first, then the WAL's frames in the order written.
 * Pages of those tables are found from the schema of the newest image
 * (the main file with the WAL's frames applied). Returns false when the
 * file is not an SQLite database. */
bool sf_read(const char *path, bool wal, const char *const *tables, SfRecords *out);

void sf_free(SfRecords *r);

#endif
