using OrleansMaestro.Cli.Errors;
using OrleansMaestro.Cli.Settings;

namespace OrleansMaestro.Cli.Tests.Settings;

public class CliSettingsResolverTests
{
    private const string Cwd = "/work/here";

    private static Func<string, string?> Env(params (string Key, string Value)[] vars) =>
        key => vars.FirstOrDefault(v => v.Key == key).Value;

    [Fact]
    public void Defaults_are_under_dot_maestro_in_the_current_directory()
    {
        var s = CliSettingsResolver.Resolve(null, null, null, Env(), Cwd);
        Assert.Equal(CatalogKind.Sqlite, s.CatalogKind);
        Assert.Equal("/work/here/.maestro/catalog.db", s.CatalogConnection);
        Assert.Equal("/work/here/.maestro/warehouse", s.Warehouse);
        Assert.Equal("maestro", s.CatalogName);
        Assert.Equal(new S3Settings(), s.S3);
    }

    [Fact]
    public void Options_win_over_environment_variables()
    {
        var env = Env(("MAESTRO_CATALOG", "env.db"), ("MAESTRO_WAREHOUSE", "s3://bucket/wh"), ("MAESTRO_CATALOG_NAME", "envcat"));
        var fromEnv = CliSettingsResolver.Resolve(null, null, null, env, Cwd);
        Assert.Equal("/work/here/env.db", fromEnv.CatalogConnection);
        Assert.Equal("s3://bucket/wh", fromEnv.Warehouse);
        Assert.Equal("envcat", fromEnv.CatalogName);

        var fromOptions = CliSettingsResolver.Resolve("/abs/opt.db", "wh", "optcat", env, Cwd);
        Assert.Equal("/abs/opt.db", fromOptions.CatalogConnection);
        Assert.Equal("/work/here/wh", fromOptions.Warehouse);
        Assert.Equal("optcat", fromOptions.CatalogName);
    }

    [Fact]
    public void Postgres_connection_strings_and_uris_are_recognised()
    {
        var cs = CliSettingsResolver.Resolve("Host=db;Username=u;Database=cat", null, null, Env(), Cwd);
        Assert.Equal(CatalogKind.Postgres, cs.CatalogKind);
        Assert.Contains("Host=db", cs.CatalogConnection, StringComparison.Ordinal);

        var uri = CliSettingsResolver.Resolve("postgresql://me:p%40ss@db.local:6543/catalog", null, null, Env(), Cwd);
        Assert.Equal(CatalogKind.Postgres, uri.CatalogKind);
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(uri.CatalogConnection);
        Assert.Equal("db.local", builder.Host);
        Assert.Equal(6543, builder.Port);
        Assert.Equal("me", builder.Username);
        Assert.Equal("p@ss", builder.Password);
        Assert.Equal("catalog", builder.Database);
    }

    [Fact]
    public void S3_settings_come_from_the_environment()
    {
        var env = Env(
            ("MAESTRO_S3_ENDPOINT", "http://127.0.0.1:4568"), ("MAESTRO_S3_REGION", "us-east-1"),
            ("MAESTRO_S3_ACCESS_KEY", "ak"), ("MAESTRO_S3_SECRET_KEY", "sk"),
            ("MAESTRO_S3_PATH_STYLE", "true"), ("MAESTRO_S3_CHUNK_ENCODING", "false"));
        var s3 = CliSettingsResolver.Resolve(null, null, null, env, Cwd).S3;
        Assert.Equal(new S3Settings { Endpoint = "http://127.0.0.1:4568", Region = "us-east-1", AccessKey = "ak", SecretKey = "sk", PathStyle = true, ChunkEncoding = false }, s3);
    }

    [Fact]
    public void Bad_values_are_bad_input_and_never_echo_a_password()
    {
        var flag = Assert.Throws<CliException>(() => CliSettingsResolver.Resolve(null, null, null, Env(("MAESTRO_S3_PATH_STYLE", "maybe")), Cwd));
        Assert.Equal(ExitCodes.BadInput, flag.ExitCode);
        Assert.Contains("MAESTRO_S3_PATH_STYLE", flag.Message, StringComparison.Ordinal);

        var bucket = Assert.Throws<CliException>(() => CliSettingsResolver.Resolve(null, "s3://", null, Env(), Cwd));
        Assert.Equal(ExitCodes.BadInput, bucket.ExitCode);

        var uri = Assert.Throws<CliException>(() => CliSettingsResolver.Resolve("postgresql://me:secret@db/x?nosuchkey=1", null, null, Env(), Cwd));
        Assert.DoesNotContain("secret", uri.Message, StringComparison.Ordinal);
    }
}
