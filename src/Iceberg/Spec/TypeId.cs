namespace OrleansMaestro.Iceberg.Spec;

/// <summary>The kinds of Iceberg types (spec: "Schemas and Data Types").</summary>
public enum TypeId
{
    Boolean,
    Int,
    Long,
    Float,
    Double,
    Decimal,
    Date,
    Time,
    Timestamp,
    TimestampTz,
    String,
    Uuid,
    Fixed,
    Binary,
    Struct,
    List,
    Map,
}
