namespace OrleansMaestro.Iceberg.Avro;

/// <summary>The Avro schema kinds (Avro spec: "Schema Declaration").</summary>
internal enum AvroKind
{
    Null,
    Boolean,
    Int,
    Long,
    Float,
    Double,
    Bytes,
    String,
    Record,
    Enum,
    Array,
    Map,
    Union,
    Fixed,
}
