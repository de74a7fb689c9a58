namespace OrleansMaestro.Iceberg.Avro;

/// <summary>Block compression of an Avro object container file (Avro spec: "Required Codecs").</summary>
public enum AvroCodec
{
    /// <summary>Uncompressed blocks.</summary>
    Null,

    /// <summary>Raw RFC 1951 deflate; what Java Iceberg writes for manifests by default (<c>gzip</c> codec setting).</summary>
    Deflate,
}
