using OrleansMaestro.Abstractions.Api;
using OrleansMaestro.Abstractions.Runs;

namespace OrleansMaestro.Abstractions.Grains;

/// <summary>Finds runs across workflows for the API (a stateless worker: any silo answers, key <see cref="Key"/>).</summary>
[Alias("maestro.IRunDirectoryGrain")]
public interface IRunDirectoryGrain : IGrainWithStringKey
{
    public const string Key = "runs";

    /// <summary>
    /// The runs that match <paramref name="query"/>, newest first. An unknown workflow: <see cref="KeyNotFoundException"/>;
    /// a limit outside 1..1000: <see cref="ArgumentOutOfRangeException"/> (parameter <c>limit</c>).
    /// </summary>
    [Alias("Query")]
    Task<IReadOnlyList<RunInfo>> QueryAsync(RunQuery query);
}
