#!/bin/sh
# Runs once, when the postgres volume is first initialised (docker-entrypoint-initdb.d): gives Temporal
# its own login role. temporal-admin-tools then creates the `temporal` and `temporal_visibility`
# databases owned by it, so the application role `anjian` and Temporal never share credentials.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" -v temporal_pwd="$TEMPORAL_DB_PASSWORD" <<'SQL'
CREATE ROLE temporal LOGIN CREATEDB PASSWORD :'temporal_pwd';
SQL
