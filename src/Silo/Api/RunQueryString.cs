using System.Globalization;
using Microsoft.AspNetCore.Http;
using OrleansMaestro.Abstractions.Api;
using OrleansMaestro.Abstractions.Grains;
using OrleansMaestro.Abstractions.Runs;

namespace OrleansMaestro.Silo.Api;

/// <summary>Reads a <see cref="RunQuery"/> from <c>?workflow=&amp;status=&amp;since=&amp;until=&amp;limit=</c>; a bad value is a 400 naming the parameter.</summary>
internal static class RunQueryString
{
    private static readonly string[] Known = ["workflow", "status", "since", "until", "limit"];

    public static RunQuery Parse(IQueryCollection query, string? workflowId)
    {
        foreach (var key in query.Keys)
        {
            if (!Known.Contains(key, StringComparer.OrdinalIgnoreCase) || (workflowId is not null && key.Equals("workflow", StringComparison.OrdinalIgnoreCase)))
            {
                throw new InvalidFieldException($"unknown query parameter '{key}'; the known ones are {string.Join(", ", workflowId is null ? Known : Known[1..])}.", key);
            }
        }

        var result = new RunQuery
        {
            WorkflowId = workflowId ?? Single(query, "workflow"),
            Status = Single(query, "status") is { } status ? ParseStatus(status) : null,
            Since = Single(query, "since") is { } since ? ParseInstant(since, "since") : null,
            Until = Single(query, "until") is { } until ? ParseInstant(until, "until") : null,
            Limit = Single(query, "limit") is { } limit ? ParseLimit(limit) : 100,
        };
        result.ThrowIfInvalid();
        return result;
    }

    private static string? Single(IQueryCollection query, string name)
    {
        var values = query[name];
        return values.Count switch
        {
            0 => null,
            1 when !string.IsNullOrWhiteSpace(values[0]) => values[0],
            1 => throw new InvalidFieldException($"{name} must not be empty.", name),
            _ => throw new InvalidFieldException($"{name} may be given once.", name),
        };
    }

    private static RunStatus ParseStatus(string text) =>
        Enum.TryParse<RunStatus>(text, ignoreCase: true, out var status) && Enum.IsDefined(status) && !char.IsDigit(text[0])
            ? status
            : throw new InvalidFieldException($"status '{text}' is not one of {string.Join(", ", Enum.GetNames<RunStatus>())}.", "status");

    private static DateTimeOffset ParseInstant(string text, string name) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
            ? instant
            : throw new InvalidFieldException($"{name} '{text}' is not an ISO 8601 instant (e.g. 2026-12-06T00:00:00Z).", name);

    private static int ParseLimit(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit)
            ? limit
            : throw new FieldOutOfRangeException("limit", $"limit must be a whole number between 1 and {RunQuery.MaxLimit}, not '{text}'.");
}
