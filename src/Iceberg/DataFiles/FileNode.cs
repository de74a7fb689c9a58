using Parquet.Meta;

namespace OrleansMaestro.Iceberg.DataFiles;

/// <summary>
/// A node of a Parquet file's schema as written (any engine), with the definition/repetition levels needed to
/// reassemble nested values. Built from the footer's schema elements, which carry field ids also on groups.
/// </summary>
internal sealed class FileNode
{
    public required SchemaElement Element { get; init; }

    public string Name => Element.Name;

    public int? FieldId => Element.FieldId;

    public FileNodeKind Kind { get; set; }

    /// <summary>Whether a null at this node is encoded by a definition level below <see cref="Definition"/>.</summary>
    public bool Optional => Element.RepetitionType == FieldRepetitionType.OPTIONAL;

    /// <summary>Definition level at which this node's value is present (non-null).</summary>
    public int Definition { get; init; }

    /// <summary>Repetition depth of this node (number of repeated ancestors, itself included).</summary>
    public int Repetition { get; init; }

    /// <summary>For lists and maps: definition level at which there is at least one element.</summary>
    public int RepeatedDefinition { get; set; }

    /// <summary>For lists and maps: repetition level that starts the next element of this collection.</summary>
    public int RepeatedLevel { get; set; }

    public int LeafIndex { get; set; } = -1;

    /// <summary>Struct fields; the list element; or the map key and value.</summary>
    public List<FileNode> Children { get; } = [];

    public List<int> Leaves { get; } = [];
}
