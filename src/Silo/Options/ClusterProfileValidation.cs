using System.Net;
using Npgsql;

namespace OrleansMaestro.Silo.Options;

/// <summary>What the cluster profile needs on top of the common settings; each message names the key to set.</summary>
internal static class ClusterProfileValidation
{
    private const string S = MaestroSiloOptions.Section;
    private const string WhenCluster = $"when {S}:Profile is Cluster";

    public static void Check(MaestroSiloOptions options, List<string> errors)
    {
        CheckConnectionString(errors, $"{S}:Cluster:ConnectionString", options.Cluster.ConnectionString, required: true);
        if (options.Catalog.Connection is { } catalog)
        {
            CheckConnectionString(errors, $"{S}:Catalog:Connection", catalog, required: false);
        }

        if (string.IsNullOrWhiteSpace(options.Warehouse))
        {
            errors.Add($"{S}:Warehouse is required {WhenCluster}: s3://bucket/prefix, or a folder every silo shares.");
        }

        if (options.Cluster.AdvertisedAddress is { } address && !IPAddress.TryParse(address, out _))
        {
            errors.Add($"{S}:Cluster:AdvertisedAddress '{address}' is not an IP address.");
        }

        if (options.Cluster.Kubernetes)
        {
            // Orleans' Kubernetes hosting patches both ids onto the pod as label values, which Kubernetes restricts.
            CheckLabelValue(errors, "ClusterId", options.ClusterId);
            CheckLabelValue(errors, "ServiceId", options.ServiceId);
        }
    }

    private static void CheckLabelValue(List<string> errors, string key, string value)
    {
        if (value.Length > 63 || !System.Text.RegularExpressions.Regex.IsMatch(value, "^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$"))
        {
            errors.Add($"{S}:{key} '{value}' must be a Kubernetes label value when {S}:Cluster:Kubernetes is on (at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit).");
        }
    }

    private static void CheckConnectionString(List<string> errors, string key, string? value, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                errors.Add($"{key} is required {WhenCluster} (an Npgsql connection string, e.g. Host=db;Database=maestro;Username=maestro;Password=...).");
            }

            return;
        }

        try
        {
            var builder = new NpgsqlConnectionStringBuilder(value);
            if (string.IsNullOrWhiteSpace(builder.Host))
            {
                errors.Add($"{key} names no Host.");
            }
        }
        catch (ArgumentException e)
        {
            // Npgsql's message names the keyword it rejected, never the value (which may hold a password).
            errors.Add($"{key} is not a valid PostgreSQL connection string: {e.Message}");
        }
    }
}
