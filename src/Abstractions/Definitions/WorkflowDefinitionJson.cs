using System.Collections;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace OrleansMaestro.Abstractions.Definitions;

/// <summary>
/// The JSON form of a <see cref="WorkflowDefinition"/> (docs/workflows.md, docs/workflow-definition.schema.json).
/// Parsing checks the shape only; <see cref="WorkflowValidator"/> checks the meaning.
/// </summary>
public static class WorkflowDefinitionJson
{
    /// <summary>
    /// The serializer options of the format: camelCase names, enums as camelCase strings, durations as strings,
    /// <c>"type"</c> anywhere in its object, unknown and duplicate properties refused, comments and trailing commas allowed.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>Reads a definition; throws <see cref="WorkflowDefinitionException"/> naming the JSON path of what is wrong.</summary>
    public static WorkflowDefinition Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return JsonSerializer.Deserialize<WorkflowDefinition>(json, Options)
                ?? throw new WorkflowDefinitionException([new DefinitionError("$", "expected a workflow object, got null.")]);
        }
        catch (JsonException e)
        {
            throw new WorkflowDefinitionException(JsonErrors.Translate(e, Options));
        }
        catch (NotSupportedException e)
        {
            throw new WorkflowDefinitionException(JsonErrors.Translate(e));
        }
    }

    /// <summary>Writes a definition (indented; nulls and empty lists left out).</summary>
    public static string ToJson(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return JsonSerializer.Serialize(definition, Options);
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            AllowOutOfOrderMetadataProperties = true,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            RespectNullableAnnotations = true,
            AllowDuplicateProperties = false,
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            WriteIndented = true,
            IndentSize = 2,
            // Definitions are files and API bodies, never HTML: keep SQL's '<', '>' and quotes readable.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { DropDerivedValues, OmitEmpty, AcceptSchemaReference } },
            Converters = { new DurationJsonConverter() },
        };
        options.MakeReadOnly();
        return options;
    }

    // Get-only members (SourceTables, TypeName) are computed from the definition, so they are not part of the format:
    // leaving them out of the contract also makes them unknown properties on input rather than silently skipped.
    internal static void DropDerivedValues(JsonTypeInfo typeInfo)
    {
        for (var i = typeInfo.Properties.Count - 1; i >= 0; i--)
        {
            if (typeInfo.Properties[i].Set is null)
            {
                typeInfo.Properties.RemoveAt(i);
            }
        }
    }

    // "$schema": "...workflow-definition.schema.json" lets editors check and complete a definition file; it is read and
    // dropped (the model has no place for it, and it says nothing about the workflow).
    private static void AcceptSchemaReference(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Type == typeof(WorkflowDefinition))
        {
            var property = typeInfo.CreateJsonPropertyInfo(typeof(string), "$schema");
            property.Set = static (_, _) => { };
            typeInfo.Properties.Add(property);
        }
    }

    // Empty lists and maps and the unassigned version are the defaults on input, so writing them adds only noise.
    internal static void OmitEmpty(JsonTypeInfo typeInfo)
    {
        foreach (var property in typeInfo.Properties)
        {
            if (property.PropertyType != typeof(string) && typeof(IEnumerable).IsAssignableFrom(property.PropertyType))
            {
                property.ShouldSerialize = static (_, value) => value is IEnumerable items && items.GetEnumerator().MoveNext();
            }
            else if (typeInfo.Type == typeof(WorkflowDefinition) && property.Name == "version")
            {
                property.ShouldSerialize = static (_, value) => value is not 0;
            }
        }
    }
}
