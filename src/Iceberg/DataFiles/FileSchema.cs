using Parquet.Meta;

namespace OrleansMaestro.Iceberg.DataFiles;

/// <summary>The top-level nodes of a Parquet file's schema, interpreted with the LIST/MAP backward-compatibility rules.</summary>
internal sealed class FileSchema
{
    private FileSchema(List<SchemaElement> elements)
    {
        var index = 1;
        var leaf = 0;
        var rootChildren = elements[0].NumChildren ?? 0;
        for (var i = 0; i < rootChildren; i++)
        {
            Roots.Add(Parse(elements, ref index, ref leaf, 0, 0));
        }

        LeafCount = leaf;
        HasFieldIds = elements.Skip(1).Any(e => e.FieldId is not null);
    }

    public List<FileNode> Roots { get; } = [];

    public int LeafCount { get; }

    /// <summary>Files from engines that do not write ids fall back to name mapping.</summary>
    public bool HasFieldIds { get; }

    public static FileSchema Create(List<SchemaElement> elements) => new(elements);

    private static FileNode Parse(List<SchemaElement> elements, ref int index, ref int leaf, int parentDefinition, int parentRepetition)
    {
        var se = elements[index++];
        var node = new FileNode
        {
            Element = se,
            Definition = parentDefinition + (se.RepetitionType == FieldRepetitionType.REQUIRED ? 0 : 1),
            Repetition = parentRepetition + (se.RepetitionType == FieldRepetitionType.REPEATED ? 1 : 0),
        };
        var childCount = se.NumChildren ?? 0;
        if (childCount == 0)
        {
            if (se.RepetitionType == FieldRepetitionType.REPEATED)
            {
                throw new NotSupportedException($"Parquet column '{se.Name}' is a repeated primitive outside a LIST; not supported.");
            }

            node.Kind = FileNodeKind.Primitive;
            node.LeafIndex = leaf++;
            node.Leaves.Add(node.LeafIndex);
            return node;
        }

        var children = new List<FileNode>();
        for (var i = 0; i < childCount; i++)
        {
            children.Add(Parse(elements, ref index, ref leaf, node.Definition, node.Repetition));
        }

        foreach (var c in children)
        {
            node.Leaves.AddRange(c.Leaves);
        }

        if (se.ConvertedType == ConvertedType.LIST || se.LogicalType?.LIST is not null)
        {
            var repeated = children[0];
            node.Kind = FileNodeKind.List;
            node.RepeatedDefinition = repeated.Definition;
            node.RepeatedLevel = repeated.Repetition;
            // Backward-compatibility rules: a repeated group with one field not named "array"/"<name>_tuple" wraps the element.
            var wraps = repeated.Kind != FileNodeKind.Primitive && repeated.Children.Count == 1
                && repeated.Name != "array" && repeated.Name != se.Name + "_tuple";
            if (repeated.Kind == FileNodeKind.Primitive || !wraps)
            {
                // The repeated node is itself the (required) element.
                node.Children.Add(repeated);
            }
            else
            {
                node.Children.Add(repeated.Children[0]);
            }
        }
        else if (se.ConvertedType == ConvertedType.MAP || se.LogicalType?.MAP is not null || se.ConvertedType == ConvertedType.MAP_KEY_VALUE)
        {
            var keyValue = children[0];
            node.Kind = FileNodeKind.Map;
            node.RepeatedDefinition = keyValue.Definition;
            node.RepeatedLevel = keyValue.Repetition;
            node.Children.Add(keyValue.Children[0]);
            node.Children.Add(keyValue.Children[1]);
        }
        else
        {
            node.Kind = FileNodeKind.Struct;
            node.Children.AddRange(children);
        }

        return node;
    }
}
