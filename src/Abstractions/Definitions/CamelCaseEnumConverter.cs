using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansMaestro.Abstractions.Definitions;

/// <summary>
/// Writes an enum as its camelCase name (<c>firstOnly</c>) and reads names case-insensitively; numbers are rejected so a
/// definition cannot depend on member order. On the enum types themselves so every serializer of the model agrees.
/// </summary>
public sealed class CamelCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.CamelCase, allowIntegerValues: false)
    where TEnum : struct, Enum;
