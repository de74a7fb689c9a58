using System.Globalization;
using OrleansMaestro.Abstractions.Api;
using OrleansMaestro.Abstractions.Grains;

namespace OrleansMaestro.Silo.Api;

/// <summary>
/// Route parameters arrive as strings and are parsed here, so a wrong one is a 400 naming it (a typed parameter
/// would answer an empty 400 or a 404).
/// </summary>
internal static class RouteValues
{
    public static RunReference Run(string workflowId, string runNumber) => new() { WorkflowId = workflowId, RunNumber = RunNumber(runNumber) };

    public static long RunNumber(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1
            ? n
            : throw new InvalidFieldException($"runNumber must be a whole number from 1, not '{text}'.", "runNumber");

    public static int Version(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1
            ? n
            : throw new InvalidFieldException($"version must be a whole number from 1, not '{text}'.", "version");
}
