namespace OrleansMaestro.Iceberg.Spec;

/// <summary>One entry of a <see cref="NameMapping"/>: the names a field has in data files without field ids.</summary>
/// <param name="FieldId">The Iceberg field id; null for a column that exists only in the files.</param>
/// <param name="Names">Every name the column has in some file (renames add names, they do not replace them).</param>
/// <param name="Nested">The mapping of a struct's fields, a list's element or a map's key and value; null when none.</param>
public sealed record MappedField(int? FieldId, IReadOnlyList<string> Names, NameMapping? Nested);
