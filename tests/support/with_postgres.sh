#!/usr/bin/env bash
# Runs a command against a PostgreSQL server started for it (tests/support/pg_server.sh) and
# stops the server afterwards, whatever happens. The command finds an empty database "study" at
# $BOREHOLE_TEST_PG_URL; BOREHOLE_TEST_PG_REQUIRED=1 tells it that a missing URL is a failure,
# not a reason to skip. Exit status: the command's; 1 when the server cannot start.
# Usage: with_postgres.sh COMMAND [ARGS...]
set -uo pipefail
source "$(dirname "$0")/pg_server.sh"
trap pg_stop EXIT
pg_start || { echo "FAIL!  : cannot start a PostgreSQL server for the test"; exit 1; }
"${pg_psql[@]}" "$pg_conn dbname=postgres" -c "CREATE DATABASE study" || exit 1
export BOREHOLE_TEST_PG_URL
BOREHOLE_TEST_PG_URL=$(pg_url study)
export BOREHOLE_TEST_PG_REQUIRED=1
"$@"
