using System.Globalization;
using System.Text.RegularExpressions;
using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Cli.Partitioning;

/// <summary>
/// Parses <c>--partition-by</c>: comma-separated terms <c>col</c>, <c>identity(col)</c>, <c>year|month|day|hour(col)</c>,
/// <c>bucket(N, col)</c>, <c>truncate(W, col)</c>. Field ids start at 1000 and names follow Java/Spark
/// (<c>col</c>, <c>col_year</c>, <c>col_day</c>, <c>col_bucket</c>, <c>col_trunc</c>), so engines agree on them.
/// </summary>
public static partial class PartitionSpecText
{
    public static PartitionSpec Parse(string? text, Schema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (string.IsNullOrWhiteSpace(text))
        {
            return PartitionSpec.Unpartitioned;
        }

        var fields = new List<PartitionField>();
        foreach (var term in SplitTopLevel(text))
        {
            var (transform, column) = ParseTerm(term);
            var source = schema.FindField(column)
                ?? throw new FormatException($"--partition-by '{term}': column '{column}' is not in the schema.");
            if (!transform.CanTransform(source.Type))
            {
                throw new FormatException($"--partition-by '{term}': {transform} cannot partition column '{column}' of type {source.Type}.");
            }

            var name = column + transform switch
            {
                IdentityTransform => string.Empty,
                YearTransform => "_year",
                MonthTransform => "_month",
                DayTransform => "_day",
                HourTransform => "_hour",
                BucketTransform => "_bucket",
                TruncateTransform => "_trunc",
                _ => "_" + transform,
            };
            if (fields.Any(f => f.Name == name))
            {
                throw new FormatException($"--partition-by '{term}': partition field '{name}' is defined twice.");
            }

            if (fields.Any(f => f.SourceId == source.Id && f.Transform == transform))
            {
                throw new FormatException($"--partition-by '{term}': the same transform of '{column}' is given twice.");
            }

            fields.Add(new PartitionField(source.Id, PartitionSpec.FirstFieldId + fields.Count, name, transform));
        }

        return new PartitionSpec(0, fields);
    }

    private static (Transform Transform, string Column) ParseTerm(string term)
    {
        var bare = ColumnPattern().Match(term);
        if (bare.Success)
        {
            return (IdentityTransform.Instance, term);
        }

        var call = CallPattern().Match(term);
        if (!call.Success)
        {
            throw new FormatException($"--partition-by '{term}': expected COLUMN or TRANSFORM(COLUMN), e.g. day(ts), bucket(16, id), truncate(4, name).");
        }

        var function = call.Groups[1].Value.ToLowerInvariant();
        var args = call.Groups[2].Value.Split(',', StringSplitOptions.TrimEntries);
        string Column(int count)
        {
            if (args.Length != count || !ColumnPattern().IsMatch(args[^1]))
            {
                throw new FormatException($"--partition-by '{term}': {function} takes {(count == 1 ? "(column)" : "(number, column)")}.");
            }

            return args[^1];
        }

        int Number()
        {
            return int.TryParse(args[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
                ? n
                : throw new FormatException($"--partition-by '{term}': '{args[0]}' is not a positive whole number.");
        }

        return function switch
        {
            "identity" => (IdentityTransform.Instance, Column(1)),
            "year" or "years" => (YearTransform.Instance, Column(1)),
            "month" or "months" => (MonthTransform.Instance, Column(1)),
            "day" or "days" => (DayTransform.Instance, Column(1)),
            "hour" or "hours" => (HourTransform.Instance, Column(1)),
            "bucket" => Bucket(),
            "truncate" => Truncate(),
            _ => throw new FormatException($"--partition-by '{term}': unknown transform '{function}'; expected identity, year, month, day, hour, bucket or truncate."),
        };

        (Transform, string) Bucket()
        {
            var column = Column(2);
            return (new BucketTransform(Number()), column);
        }

        (Transform, string) Truncate()
        {
            var column = Column(2);
            return (new TruncateTransform(Number()), column);
        }
    }

    private static IEnumerable<string> SplitTopLevel(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || (text[i] == ',' && depth == 0))
            {
                var term = text[start..i].Trim();
                if (term.Length == 0)
                {
                    throw new FormatException($"--partition-by '{text}': empty term.");
                }

                yield return term;
                start = i + 1;
            }
            else if (text[i] == '(')
            {
                depth++;
            }
            else if (text[i] == ')')
            {
                depth--;
            }
        }
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_.]*$")]
    private static partial Regex ColumnPattern();

    [GeneratedRegex(@"^([A-Za-z]+)\s*\(([^()]*)\)$")]
    private static partial Regex CallPattern();
}
