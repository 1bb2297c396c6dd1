-- Databases and roles for the compose stack (runs once, on an empty volume).
-- Keel's owner role runs migrations: it creates the unprivileged keel_app role (CREATEROLE)
-- and must read across tenants in its few SECURITY DEFINER functions (BYPASSRLS).
CREATE ROLE keel LOGIN PASSWORD 'keel' CREATEROLE BYPASSRLS;
CREATE DATABASE keel OWNER keel;

CREATE ROLE temporal LOGIN PASSWORD 'temporal' CREATEDB;
CREATE DATABASE temporal OWNER temporal;
CREATE DATABASE temporal_visibility OWNER temporal;
