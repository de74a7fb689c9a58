namespace OrleansMaestro.Iceberg.Catalog;

/// <summary>A multi-level namespace such as <c>analytics.raw</c>; levels are stored joined by '.' in the SQL catalog.</summary>
public sealed record Namespace
{
    public Namespace(IReadOnlyList<string> levels)
    {
        ArgumentNullException.ThrowIfNull(levels);
        if (levels.Count == 0)
        {
            throw new ArgumentException("A namespace needs at least one level.", nameof(levels));
        }

        foreach (var level in levels)
        {
            if (string.IsNullOrWhiteSpace(level) || level.Contains('.', StringComparison.Ordinal))
            {
                throw new ArgumentException($"Invalid namespace level '{level}': levels are non-empty and contain no '.'.", nameof(levels));
            }
        }

        Levels = levels.ToArray();
    }

    public IReadOnlyList<string> Levels { get; }

    public static Namespace Parse(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        return new Namespace(text.Split('.'));
    }

    public override string ToString() => string.Join('.', Levels);

    public bool Equals(Namespace? other) => other is not null && Levels.SequenceEqual(other.Levels, StringComparer.Ordinal);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());
}
