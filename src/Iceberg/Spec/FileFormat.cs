namespace OrleansMaestro.Iceberg.Spec;

/// <summary>The <c>file_format</c> of a data file, written upper-case in manifests.</summary>
public enum FileFormat
{
    Parquet,
    Avro,
    Orc,
    Puffin,
}
