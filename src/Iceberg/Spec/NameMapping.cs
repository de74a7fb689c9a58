using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrleansMaestro.Iceberg.Spec;

/// <summary>
/// A table's name mapping (table property <c>schema.name-mapping.default</c>; spec: "Column Projection" and appendix C
/// "Name Mapping Serialization"): which field id a column of a data file without field ids stands for, by the names
/// the file uses. Spark's add_files and migrate set it when they import Hive or plain Parquet files into a table.
/// </summary>
public sealed class NameMapping
{
    public const string DefaultProperty = "schema.name-mapping.default";

    /// <summary>A mapping with no fields: nothing at this level is mapped.</summary>
    public static readonly NameMapping Empty = new([]);

    private readonly Dictionary<int, MappedField> _byId;

    public NameMapping(IReadOnlyList<MappedField> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        Fields = fields;
        _byId = [];
        foreach (var field in fields)
        {
            if (field.FieldId is { } id)
            {
                _byId.TryAdd(id, field);
            }
        }
    }

    public IReadOnlyList<MappedField> Fields { get; }

    /// <summary>The entry of the field with this id at this level, or null when the mapping does not name it.</summary>
    public MappedField? ById(int fieldId) => _byId.GetValueOrDefault(fieldId);

    /// <summary>The mapping below the field with this id (its children); <see cref="Empty"/> when there is none.</summary>
    public NameMapping NestedOf(int fieldId) => ById(fieldId)?.Nested ?? Empty;

    /// <summary>The table's default name mapping, or null when the property is not set.</summary>
    public static NameMapping? FromTableProperties(IReadOnlyDictionary<string, string> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        return properties.TryGetValue(DefaultProperty, out var json) ? Parse(json) : null;
    }

    /// <summary>Reads the JSON form: a list of <c>{"field-id": 1, "names": ["id"], "fields": [...]}</c> objects.</summary>
    public static NameMapping Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return FromJson(JsonNode.Parse(json), DefaultProperty);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"Table property '{DefaultProperty}' is not a valid name mapping: {e.Message}", e);
        }
    }

    private static NameMapping FromJson(JsonNode? node, string what) =>
        new(JsonFields.AsArray(node, what).Select(item =>
        {
            var obj = JsonFields.AsObject(item, $"{what} entry");
            var names = JsonFields.AsArray(JsonFields.Required(obj, "names", $"{what} entry"), $"{what} names")
                .Select(n => n?.GetValue<string>() ?? throw new InvalidDataException($"{what} has a null name."))
                .ToArray();
            var id = JsonFields.OptionalInt(obj, "field-id", $"{what} entry");
            var nested = JsonFields.Has(obj, "fields") ? FromJson(obj["fields"], $"{what} fields of '{string.Join("/", names)}'") : null;
            return new MappedField(id, names, nested);
        }).ToArray());
}
