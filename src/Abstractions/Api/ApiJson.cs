using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using OrleansMaestro.Abstractions.Definitions;

namespace OrleansMaestro.Abstractions.Api;

/// <summary>
/// The JSON of the HTTP API, shared by the silo, the HTTP client and the CLI so both ends read what the other wrote.
/// camelCase names, enums as strings, durations as in definitions (<c>"5m"</c>), nulls and empty lists left out.
/// Workflow definitions in request bodies are read with <see cref="WorkflowDefinitionJson.Parse"/> (the file format);
/// inside responses they are written with these options, which give the same shape.
/// </summary>
public static class ApiJson
{
    /// <summary>Responses (and what clients read): unknown properties are skipped, so a newer server does not break an older client.</summary>
    public static JsonSerializerOptions Options { get; } = Create(strict: false);

    /// <summary>Request bodies the server reads: unknown or duplicate properties are refused, so a typo is a 400 naming it.</summary>
    public static JsonSerializerOptions Requests { get; } = Create(strict: true);

    private static JsonSerializerOptions Create(bool strict)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            AllowOutOfOrderMetadataProperties = true,
            UnmappedMemberHandling = strict ? JsonUnmappedMemberHandling.Disallow : JsonUnmappedMemberHandling.Skip,
            AllowDuplicateProperties = !strict,
            RespectNullableAnnotations = true,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver
            {
                Modifiers = { WorkflowDefinitionJson.DropDerivedValues, WorkflowDefinitionJson.OmitEmpty },
            },
            Converters = { new DurationJsonConverter(), new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        };
        options.MakeReadOnly();
        return options;
    }
}
