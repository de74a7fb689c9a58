-- OrleansMaestro schema, step 3: grain state (Microsoft.Orleans.Persistence.AdoNet, invariant Npgsql).
--
-- One row per grain state: the grain is identified by its id hash, two 64-bit key parts, its type and an optional
-- string key extension, within one ServiceId. Version is the ETag: a write must name the version it read and gets
-- the next one back; a write naming an older version changes nothing and returns the caller's version, which the
-- provider reports as an InconsistentStateException (another activation wrote in between).
-- The silo stores states with Orleans' binary serializer (PayloadBinary); the JSON and XML columns belong to the
-- provider's contract and stay empty.

CREATE TABLE OrleansStorage
(
    GrainIdHash            integer      NOT NULL,
    GrainIdN0              bigint       NOT NULL,
    GrainIdN1              bigint       NOT NULL,
    GrainTypeHash          integer      NOT NULL,
    GrainTypeString        varchar(512) NOT NULL,
    GrainIdExtensionString varchar(512) NULL,
    ServiceId              varchar(150) NOT NULL,
    PayloadBinary          bytea        NULL,
    PayloadXml             xml          NULL,
    PayloadJson            text         NULL,
    ModifiedOn             timestamp    NOT NULL,
    Version                integer      NULL
);

-- At most one row per grain state, also when two activations of a grain race to write its first version (the
-- insert below relies on it); the key extension is compared with NULL meaning "none".
CREATE UNIQUE INDEX UX_OrleansStorage_Grain ON OrleansStorage
    (GrainIdHash, GrainTypeHash, GrainIdN0, GrainIdN1, GrainTypeString, (COALESCE(GrainIdExtensionString, '')), ServiceId);

-- Writes a state: an update of the version the caller read, or the first insert when it read none.
CREATE FUNCTION maestro_storage_write(
    p_grain_id_hash integer, p_grain_id_n0 bigint, p_grain_id_n1 bigint, p_grain_type_hash integer,
    p_grain_type text, p_extension text, p_service_id text, p_version integer, p_payload bytea)
    RETURNS TABLE (NewGrainStateVersion integer)
    LANGUAGE plpgsql
AS $body$
BEGIN
    IF p_version IS NULL THEN
        INSERT INTO OrleansStorage
            (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString, ServiceId,
             PayloadBinary, ModifiedOn, Version)
        VALUES
            (p_grain_id_hash, p_grain_id_n0, p_grain_id_n1, p_grain_type_hash, p_grain_type, p_extension, p_service_id,
             p_payload, now() AT TIME ZONE 'utc', 1)
        ON CONFLICT DO NOTHING;
        -- NULL (not 1) when a row existed already: the caller's view is stale.
        RETURN QUERY SELECT CASE WHEN FOUND THEN 1 END;
        RETURN;
    END IF;

    UPDATE OrleansStorage
    SET PayloadBinary = p_payload, PayloadJson = NULL, PayloadXml = NULL,
        ModifiedOn = now() AT TIME ZONE 'utc', Version = Version + 1
    WHERE GrainIdHash = p_grain_id_hash AND GrainTypeHash = p_grain_type_hash
        AND GrainIdN0 = p_grain_id_n0 AND GrainIdN1 = p_grain_id_n1
        AND GrainTypeString = p_grain_type
        AND COALESCE(GrainIdExtensionString, '') = COALESCE(p_extension, '')
        AND ServiceId = p_service_id
        AND Version = p_version;
    RETURN QUERY SELECT CASE WHEN FOUND THEN p_version + 1 ELSE p_version END;
END
$body$;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('ReadFromStorageKey', '
    SELECT PayloadBinary, PayloadXml, PayloadJson, now() AT TIME ZONE ''utc'' AS ReadTime, Version
    FROM OrleansStorage
    WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
        AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
        AND GrainTypeString = @GrainTypeString
        AND COALESCE(GrainIdExtensionString, '''') = COALESCE(@GrainIdExtensionString, '''')
        AND ServiceId = @ServiceId;
'),
('WriteToStorageKey', '
    SELECT NewGrainStateVersion FROM maestro_storage_write(@GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash,
        @GrainTypeString, @GrainIdExtensionString, @ServiceId, @GrainStateVersion, @PayloadBinary);
'),
-- Clearing keeps the row (and its version) so a later write still has to name the version it read.
('ClearStorageKey', '
    UPDATE OrleansStorage
    SET PayloadBinary = NULL, PayloadJson = NULL, PayloadXml = NULL,
        ModifiedOn = now() AT TIME ZONE ''utc'', Version = Version + 1
    WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
        AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
        AND GrainTypeString = @GrainTypeString
        AND COALESCE(GrainIdExtensionString, '''') = COALESCE(@GrainIdExtensionString, '''')
        AND ServiceId = @ServiceId
        AND Version = @GrainStateVersion
    RETURNING Version AS NewGrainStateVersion;
'),
-- Used instead of ClearStorageKey when the storage's DeleteStateOnClear option is on.
('DeleteStorageKey', '
    DELETE FROM OrleansStorage
    WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
        AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
        AND GrainTypeString = @GrainTypeString
        AND COALESCE(GrainIdExtensionString, '''') = COALESCE(@GrainIdExtensionString, '''')
        AND ServiceId = @ServiceId
        AND Version = @GrainStateVersion
    RETURNING Version + 1 AS NewGrainStateVersion;
');
