namespace OrleansMaestro.Silo.Tests;

/// <summary>The environment variables that put a silo process in the cluster profile.</summary>
public static class ClusterSettings
{
    /// <summary>Cluster profile on <paramref name="connectionString"/> with the warehouse in the s3rver's bucket.</summary>
    public static Dictionary<string, string> OnS3(string connectionString, S3ServerFixture s3, string prefix) => new()
    {
        ["Maestro__Profile"] = "Cluster",
        // API keys are on by default in the cluster profile; these tests drive the cluster through Orleans, not HTTP.
        ["Maestro__Http__Auth__Enabled"] = "false",
        ["Maestro__Cluster__ConnectionString"] = connectionString,
        ["Maestro__Warehouse"] = s3.Location(prefix),
        ["Maestro__S3__Endpoint"] = s3.ServiceUrl,
        ["Maestro__S3__Region"] = "us-east-1",
        ["Maestro__S3__AccessKey"] = S3ServerFixture.AccessKey,
        ["Maestro__S3__SecretKey"] = S3ServerFixture.SecretKey,
        // s3rver would store aws-chunked framing as part of the object.
        ["Maestro__S3__ChunkEncoding"] = "false",
    };

    /// <summary>Cluster profile on <paramref name="connectionString"/> with the warehouse in a local folder all silos share.</summary>
    public static Dictionary<string, string> OnDisk(string connectionString, string warehouse) => new()
    {
        ["Maestro__Profile"] = "Cluster",
        // API keys are on by default in the cluster profile; these tests drive the cluster through Orleans, not HTTP.
        ["Maestro__Http__Auth__Enabled"] = "false",
        ["Maestro__Cluster__ConnectionString"] = connectionString,
        ["Maestro__Warehouse"] = warehouse,
    };
}
