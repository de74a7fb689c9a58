using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Iceberg.DataFiles;

/// <summary>
/// How a Parquet file's columns are matched to Iceberg fields at one level of nesting (spec: "Column Projection"): by
/// field id when the file has ids; else by the names the table's name mapping lists for the field (a renamed column
/// keeps its old name there); else, with no mapping at all, by the field's current name.
/// </summary>
internal sealed class ColumnMatch(bool byId, NameMapping? mapping)
{
    public bool Matches(FileNode column, NestedField field) =>
        byId ? column.FieldId == field.Id
        : mapping is not null ? mapping.ById(field.Id)?.Names.Contains(column.Name, StringComparer.Ordinal) == true
        : column.Name == field.Name;

    /// <summary>The match for the children of the field with this id: a struct's fields, a list's element, a map's key and value.</summary>
    public ColumnMatch Below(int fieldId) => byId || mapping is null ? this : new ColumnMatch(byId: false, mapping.NestedOf(fieldId));
}
