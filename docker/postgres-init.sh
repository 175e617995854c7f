#!/bin/sh
# Runs once, when the Postgres volume is first initialised (docker-entrypoint-initdb.d): creates
# the role the apps connect as, with its password. `npm run migrate` would create it too, but
# without a password, which the image's scram authentication would refuse. Row-level security
# binds this role: not a superuser, no BYPASSRLS, owner of nothing.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  --set=password="$CLAIMS_APP_PASSWORD" <<'SQL'
CREATE ROLE claims_app LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD :'password';
SQL
