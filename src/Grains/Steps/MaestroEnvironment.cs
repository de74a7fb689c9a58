using System.Globalization;
using System.Text;
using OrleansMaestro.Abstractions.Runs;

namespace OrleansMaestro.Grains.Steps;

/// <summary>
/// The <c>MAESTRO_*</c> environment variables a process step gets: the run's ids, its parameters and its source
/// snapshot ranges, so a script can do incremental work without calling back into the cluster.
/// </summary>
public static class MaestroEnvironment
{
    public const string Workflow = "MAESTRO_WORKFLOW";
    public const string Run = "MAESTRO_RUN";
    public const string Step = "MAESTRO_STEP";
    public const string Attempt = "MAESTRO_ATTEMPT";
    public const string Sources = "MAESTRO_SOURCES";
    public const string ParameterPrefix = "MAESTRO_PARAM_";
    public const string FromSnapshotPrefix = "MAESTRO_FROM_SNAPSHOT_";
    public const string ToSnapshotPrefix = "MAESTRO_TO_SNAPSHOT_";

    /// <summary>The variables for one attempt. Parameter names keep their case (non-alphanumerics become '_').</summary>
    public static IReadOnlyDictionary<string, string> For(StepWork work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [Workflow] = work.WorkflowId,
            [Run] = work.RunNumber.ToString(CultureInfo.InvariantCulture),
            [Step] = work.Step.Id,
            [Attempt] = work.Attempt.ToString(CultureInfo.InvariantCulture),
            [Sources] = SnapshotRangesJson.Serialize(work.Sources),
        };
        foreach (var (name, value) in work.Parameters)
        {
            env[ParameterPrefix + Sanitize(name, upperCase: false)] = value;
        }

        foreach (var range in work.Sources)
        {
            var suffix = TableSuffix(range.Table);
            env[FromSnapshotPrefix + suffix] = range.FromExclusive?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;
            env[ToSnapshotPrefix + suffix] = range.ToInclusive?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;
        }

        return env;
    }

    /// <summary><c>analytics.raw-events</c> → <c>ANALYTICS_RAW_EVENTS</c>: shells only accept letters, digits and '_' in names.</summary>
    public static string TableSuffix(string table) => Sanitize(table, upperCase: true);

    private static string Sanitize(string name, bool upperCase)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) ? (upperCase ? char.ToUpperInvariant(c) : c) : '_');
        }

        return builder.ToString();
    }
}
