namespace OrleansMaestro.Iceberg.Spec;

/// <summary>Parses transform names of the spec.</summary>
internal static class TransformParser
{
    public static Transform Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Trim() switch
        {
            "identity" => IdentityTransform.Instance,
            "void" => VoidTransform.Instance,
            _ => throw new FormatException($"Unknown partition transform '{text}'."),
        };
    }
}
