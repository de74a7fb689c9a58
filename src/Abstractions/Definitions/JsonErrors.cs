using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace OrleansMaestro.Abstractions.Definitions;

/// <summary>
/// Turns System.Text.Json's exceptions into <see cref="DefinitionError"/>s: the path without <c>$.</c> and a message in
/// the definition's own terms (JSON names and types, not .NET ones). The serializer stops at the first problem, so each
/// exception yields one error (a missing-properties error one per property).
/// </summary>
internal static partial class JsonErrors
{
    private static readonly Assembly ModelAssembly = typeof(WorkflowDefinition).Assembly;

    public static IReadOnlyList<DefinitionError> Translate(JsonException e, JsonSerializerOptions options)
    {
        var path = e.Path ?? "$";
        var message = StripLocation(e.Message);

        if (e.InnerException is JsonException syntax && syntax.GetType().Name == "JsonReaderException")
        {
            if (syntax.Message.StartsWith("The input does not contain any JSON tokens", StringComparison.Ordinal))
            {
                return [Error(path, "the document is empty: expected a workflow object.")];
            }

            var line = e.LineNumber is { } l ? $" (line {l + 1}, byte {e.BytePositionInLine + 1})" : "";
            return [Error(path, $"invalid JSON: {StripLocation(syntax.Message)}{line}")];
        }

        if (MissingRequired().Match(message) is { Success: true } missing)
        {
            return QuotedNames().Matches(missing.Groups["names"].Value)
                .Select(m => Error(Join(path, m.Groups[1].Value), $"required: {Describe(Model(missing.Groups["type"].Value))} needs \"{m.Groups[1].Value}\"."))
                .ToArray();
        }

        if (Unmapped().Match(message) is { Success: true } unmapped)
        {
            var name = unmapped.Groups["name"].Value;
            return [Error(Join(path.EndsWith(name, StringComparison.Ordinal) ? path[..^(name.Length + 1)] : path, name), UnknownProperty(name, Model(unmapped.Groups["type"].Value), options))];
        }

        if (UnknownDiscriminator().Match(message) is { Success: true } discriminator)
        {
            var (kind, names) = Discriminators(path);
            return [Error(Join(path, "type"), $"unknown {kind} type '{discriminator.Groups["id"].Value}': expected one of {names}.")];
        }

        if (message.Contains("doesn't allow setting null values", StringComparison.Ordinal))
        {
            return [Error(path, "must not be null (leave the property out for its default).")];
        }

        if (message.StartsWith("Duplicate propert", StringComparison.Ordinal) || message.Contains("duplicate 'type' metadata", StringComparison.Ordinal))
        {
            var name = LastName(path);
            var hint = name == "type" && path.Contains("steps[", StringComparison.Ordinal) ? " (a dotnet step names its class in \"class\")" : "";
            return [Error(path, $"duplicate property '{name}'{hint}.")];
        }

        if (NotConverted().Match(message) is { Success: true } converted)
        {
            return [Error(path, $"expected {Expected(converted.Groups["type"].Value, options)}.")];
        }

        return [Error(path, message)];
    }

    public static IReadOnlyList<DefinitionError> Translate(NotSupportedException e)
    {
        // The serializer puts the path in the message only; the exception has no Path property.
        var path = MessagePath().Match(e.Message) is { Success: true } m ? m.Groups["path"].Value : "$";
        if (e.Message.Contains("must specify a type discriminator", StringComparison.Ordinal))
        {
            var (kind, names) = Discriminators(path);
            return [Error(Join(path, "type"), $"required: the {kind} type, one of {names}.")];
        }

        return [Error(path, StripLocation(e.Message))];
    }

    private static DefinitionError Error(string path, string message) => new(Normalize(path), message);

    /// <summary><c>$.steps[1].type</c> → <c>steps[1].type</c>; the whole document stays <c>$</c>.</summary>
    private static string Normalize(string path) =>
        path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.StartsWith("$[", StringComparison.Ordinal) ? path[1..] : path;

    private static string Join(string path, string name) => $"{path}.{name}";

    private static string LastName(string path)
    {
        var dot = path.LastIndexOf('.');
        return dot < 0 ? path : path[(dot + 1)..];
    }

    // "... Path: $.x | LineNumber: 0 | BytePositionInLine: 5." and "... LineNumber: 0 | BytePositionInLine: 5." are for
    // .NET developers; the error's path says the same.
    private static string StripLocation(string message)
    {
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = message.IndexOf(" LineNumber: ", StringComparison.Ordinal);
        }

        return cut < 0 ? message : message[..cut];
    }

    private static Type? Model(string fullName) => ModelAssembly.GetType(fullName);

    private static string Describe(Type? type)
    {
        if (type is null)
        {
            return "this object";
        }

        foreach (var (baseType, kind) in new[] { (typeof(StepDefinition), "step"), (typeof(TriggerDefinition), "trigger") })
        {
            if (baseType.GetCustomAttributes<JsonDerivedTypeAttribute>().FirstOrDefault(a => a.DerivedType == type) is { } derived)
            {
                return $"a {derived.TypeDiscriminator} {kind}";
            }
        }

        return type == typeof(WorkflowDefinition) ? "a workflow"
            : type == typeof(RunStrategy) ? "a strategy"
            : type == typeof(RetryPolicy) ? "a retry policy"
            : type == typeof(ParameterDefinition) ? "a parameter"
            : type == typeof(SqlInput) ? "a SQL input"
            : "this object";
    }

    /// <summary>The kind of polymorphic object at <paramref name="path"/> (the array it is in) and its type names.</summary>
    private static (string Kind, string Names) Discriminators(string path)
    {
        var (kind, baseType) = path.Contains("triggers[", StringComparison.Ordinal) && !path.Contains("steps[", StringComparison.Ordinal)
            ? ("trigger", typeof(TriggerDefinition))
            : ("step", typeof(StepDefinition));
        var names = baseType.GetCustomAttributes<JsonDerivedTypeAttribute>().Select(a => $"\"{a.TypeDiscriminator}\"");
        return (kind, string.Join(", ", names));
    }

    private static string UnknownProperty(string name, Type? type, JsonSerializerOptions options)
    {
        var what = Describe(type);
        if (type is null)
        {
            return $"unknown property '{name}'.";
        }

        var known = options.GetTypeInfo(type).Properties.Select(p => p.Name).ToArray();
        var closest = known.Select(k => (Name: k, Distance: Distance(name.ToLowerInvariant(), k.ToLowerInvariant())))
            .Where(k => k.Distance <= Math.Max(1, k.Name.Length / 3))
            .OrderBy(k => k.Distance)
            .Select(k => k.Name)
            .FirstOrDefault();
        var properties = type.IsSubclassOf(typeof(StepDefinition)) || type.IsSubclassOf(typeof(TriggerDefinition)) ? known.Prepend("type") : known;
        return closest is not null
            ? $"unknown property '{name}' of {what}: did you mean '{closest}'?"
            : $"unknown property '{name}' of {what}; its properties are {string.Join(", ", properties)}.";
    }

    private static string Expected(string typeName, JsonSerializerOptions options)
    {
        switch (typeName)
        {
            case "System.String":
                return "a string";
            case "System.Int32" or "System.Int64":
                return "a whole number";
            case "System.Double":
                return "a number";
            case "System.Boolean":
                return "true or false";
        }

        if (typeName.StartsWith("System.Collections.Generic.IReadOnlyList`1", StringComparison.Ordinal))
        {
            return "an array";
        }

        if (typeName.StartsWith("System.Collections.Generic.IReadOnlyDictionary`2", StringComparison.Ordinal))
        {
            return "an object of string values";
        }

        var type = Model(typeName);
        if (type is { IsEnum: true })
        {
            var policy = options.PropertyNamingPolicy ?? JsonNamingPolicy.CamelCase;
            return "one of " + string.Join(", ", Enum.GetNames(type).Select(n => $"\"{policy.ConvertName(n)}\""));
        }

        if (type == typeof(StepDefinition) || type == typeof(TriggerDefinition))
        {
            return $"a {(type == typeof(StepDefinition) ? "step" : "trigger")} object with a \"type\"";
        }

        return type is not null ? $"{Describe(type)} object" : $"a value of type {typeName}";
    }

    // Levenshtein distance, for "did you mean" on typos in property names.
    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    [GeneratedRegex(@"^JSON deserialization for type '(?<type>[^']+)' was missing required properties including: (?<names>.*)\.$")]
    private static partial Regex MissingRequired();

    [GeneratedRegex("'([^']*)'")]
    private static partial Regex QuotedNames();

    [GeneratedRegex(@"^The JSON property '(?<name>.*)' could not be mapped to any \.NET member contained in type '(?<type>[^']+)'\.$")]
    private static partial Regex Unmapped();

    [GeneratedRegex(@"^Read unrecognized type discriminator id '(?<id>.*)'\.$")]
    private static partial Regex UnknownDiscriminator();

    [GeneratedRegex(@"^The JSON value could not be converted to (?<type>.+)\.$")]
    private static partial Regex NotConverted();

    [GeneratedRegex(@" Path: (?<path>\S+) \|")]
    private static partial Regex MessagePath();
}
