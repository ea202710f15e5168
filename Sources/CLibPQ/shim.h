// PostgreSQL's client library (libpq), wrapped once in LandbankRegistry/Postgres/ behind Swift types.
#include <libpq-fe.h>
