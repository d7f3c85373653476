#ifndef MULTIPLIER_CSQLITE_SHIM_H
#define MULTIPLIER_CSQLITE_SHIM_H
#include <sqlite3.h>

/// SQLITE_TRANSIENT is a cast macro Swift cannot import: SQLite copies the bytes.
static inline sqlite3_destructor_type multiplier_sqlite_transient(void) {
    return SQLITE_TRANSIENT;
}
#endif
