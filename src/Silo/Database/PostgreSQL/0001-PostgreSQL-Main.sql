-- OrleansMaestro schema, step 1: the table Orleans' ADO.NET providers read their SQL from.
--
-- Each provider (clustering, grain storage, reminders) loads the rows it needs by QueryKey when it starts and runs
-- them with named parameters (@ClusterId, @GrainIdHash, ...), reading results by column name. The keys, parameter
-- names and column names are the providers' contract; the statements behind them are ours (written for PostgreSQL
-- 12+ and this project) and may be changed by a later, numbered script that UPDATEs the row.
--
-- Applied once by the silo's migrator (OrleansMaestro.Silo migrate), which records it in maestro_schema_version.
-- Never edit a released script: add the next numbered one.

CREATE TABLE OrleansQuery
(
    QueryKey  varchar(64)   NOT NULL,
    QueryText varchar(8000) NOT NULL,

    CONSTRAINT OrleansQuery_Key PRIMARY KEY (QueryKey)
);
