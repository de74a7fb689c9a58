using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Cli.Output;

/// <summary>A printed column: its header and the Iceberg type deciding how values are written.</summary>
public sealed record OutputColumn(string Name, IcebergType Type);
