using OrleansMaestro.Iceberg.IO;

namespace OrleansMaestro.Iceberg.Tests.IO;

public sealed class LocationsTests
{
    [Theory]
    [InlineData("s3://b/warehouse", "db/t", "s3://b/warehouse/db/t")]
    [InlineData("s3://b/warehouse/", "/db/t", "s3://b/warehouse/db/t")]
    [InlineData("s3a://b/w//", "metadata/v1.json", "s3a://b/w/metadata/v1.json")]
    [InlineData("file:///tmp/w/", "t", "file:///tmp/w/t")]
    [InlineData("/tmp/w", "t/data", "/tmp/w/t/data")]
    [InlineData("/", "tmp", "/tmp")]
    [InlineData("s3://", "b/k", "s3://b/k")]
    [InlineData("/tmp/w/", "", "/tmp/w")]
    public void Join_puts_exactly_one_slash_between_parts(string baseLocation, string relative, string expected) =>
        Assert.Equal(expected, Locations.Join(baseLocation, relative));

    [Theory]
    [InlineData("s3://b/k", "s3")]
    [InlineData("S3A://b/k", "s3a")]
    [InlineData("file:/tmp/x", "file")]
    [InlineData("/tmp/x", null)]
    [InlineData("C:\\x", null)]
    [InlineData("relative:colon/x", "relative")]
    [InlineData("a/b:c", null)]
    public void GetScheme_recognises_uri_schemes_but_not_paths(string location, string? expected) =>
        Assert.Equal(expected, Locations.GetScheme(location));

    [Theory]
    [InlineData("s3://bucket/a/b.parquet", "bucket", "a/b.parquet")]
    [InlineData("s3a://bucket/k", "bucket", "k")]
    [InlineData("s3://bucket/p=a b/x", "bucket", "p=a b/x")]
    public void S3Location_parses_bucket_and_key(string location, string bucket, string key)
    {
        var parsed = S3Location.Parse(location);
        Assert.Equal(bucket, parsed.Bucket);
        Assert.Equal(key, parsed.Key);
    }

    [Theory]
    [InlineData("s3://bucket")]
    [InlineData("s3://bucket/")]
    [InlineData("s3:///key")]
    [InlineData("/tmp/x")]
    [InlineData("gs://bucket/key")]
    public void S3Location_rejects_locations_without_bucket_and_key(string location) =>
        Assert.Throws<ArgumentException>(() => S3Location.Parse(location));

    [Fact]
    public void S3_options_never_print_their_secrets()
    {
        var options = new S3FileIOOptions { AccessKey = "AKIA123", SecretKey = "very-secret", SessionToken = "token-secret" };

        var text = options.ToString();

        Assert.Contains("AKIA123", text, StringComparison.Ordinal);
        Assert.DoesNotContain("very-secret", text, StringComparison.Ordinal);
        Assert.DoesNotContain("token-secret", text, StringComparison.Ordinal);
    }
}
