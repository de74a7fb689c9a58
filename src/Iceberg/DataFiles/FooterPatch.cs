namespace OrleansMaestro.Iceberg.DataFiles;

/// <summary>What the writer must fix in one Parquet schema element, listed in footer (depth-first) order.</summary>
internal sealed record FooterPatch(string Name, int? FieldId, bool IsTime);
