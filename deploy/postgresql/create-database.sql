-- The tracker's PostgreSQL role and database. Run once, as the postgres superuser, with the role's password:
--   sudo -u postgres psql -v password="$(cat /root/tracker-db-password)" \
--        -f deploy/postgresql/create-database.sql
-- Names other than tracker / strategy_tracker: add -v role=... -v database=... (DATABASE_URL must say the same).
-- The role owns its database and nothing else: no superuser, no role or database creation.

\set ON_ERROR_STOP on
\if :{?role}
\else
  \set role tracker
\endif
\if :{?database}
\else
  \set database strategy_tracker
\endif
\if :{?password}
\else
  DO $$ BEGIN RAISE EXCEPTION 'give the role a password: psql -v password=...'; END $$;
\endif

CREATE ROLE :"role" LOGIN PASSWORD :'password' NOSUPERUSER NOCREATEDB NOCREATEROLE;
-- A transaction left open by a crashed client must not hold its locks for ever.
ALTER ROLE :"role" SET idle_in_transaction_session_timeout = '5min';
CREATE DATABASE :"database" OWNER :"role" ENCODING 'UTF8' TEMPLATE template0;
REVOKE ALL ON DATABASE :"database" FROM PUBLIC;

\connect :"database"
-- The role's own schema for the tables (PostgreSQL 15 no longer lets every role create in public).
ALTER SCHEMA public OWNER TO :"role";
REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT USAGE, CREATE ON SCHEMA public TO :"role";
