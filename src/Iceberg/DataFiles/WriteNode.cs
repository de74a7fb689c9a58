using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Iceberg.DataFiles;

/// <summary>
/// One node of the write plan mirroring the Parquet schema Parquet.Net generates for an Iceberg field, with the
/// definition/repetition arithmetic needed to shred values. Parquet.Net always writes struct, list and map groups as
/// OPTIONAL (it has no way to mark them required), so every group here adds one definition level.
/// </summary>
internal sealed class WriteNode
{
    public required NestedField Field { get; init; }

    /// <summary>Dotted Iceberg column name, for error messages.</summary>
    public required string ColumnName { get; init; }

    /// <summary>Definition level of the parent when this node's value is being written (the node adds to it).</summary>
    public required int ParentDefinition { get; init; }

    /// <summary>Repetition level assigned to the 2nd+ element of this list/map (its own repeated depth).</summary>
    public int RepeatedLevel { get; init; }

    /// <summary>Index into the leaf list, for primitives.</summary>
    public int LeafIndex { get; init; } = -1;

    /// <summary>Whether a null at this node is encoded by a lower definition level (Parquet OPTIONAL).</summary>
    public required bool ParquetOptional { get; init; }

    public List<WriteNode> Children { get; } = [];

    /// <summary>All leaf indexes under (and including) this node.</summary>
    public List<int> Leaves { get; } = [];
}
