using Microsoft.AspNetCore.Http;
using OrleansMaestro.Abstractions.Definitions;
using OrleansMaestro.Abstractions.Grains;
using OrleansMaestro.Silo.Api;

namespace OrleansMaestro.Silo.Tests.Api;

/// <summary>The grain error conventions as HTTP answers, also when Orleans or async code wrapped the exception.</summary>
public sealed class ExceptionProblemsTests
{
    [Fact]
    public void Each_grain_error_convention_maps_to_its_status_and_names_the_field()
    {
        Assert.Equal(404, ExceptionProblems.From(new KeyNotFoundException("Run a/1 does not exist.")).Status);
        Assert.Equal(409, ExceptionProblems.From(new InvalidOperationException("busy")).Status);
        Assert.Equal(503, ExceptionProblems.From(new TimeoutException()).Status);
        Assert.Equal(503, ExceptionProblems.From(new ObjectDisposedException("silo")).Status);
        Assert.Equal(500, ExceptionProblems.From(new NullReferenceException("secret internals")).Status);
        Assert.DoesNotContain("secret", ExceptionProblems.From(new NullReferenceException("secret internals")).Detail, StringComparison.Ordinal);

        var field = ExceptionProblems.From(new InvalidFieldException("Parameter 'day' is required.", "parameters.day"));
        Assert.Equal(400, field.Status);
        Assert.Equal(["Parameter 'day' is required."], field.Errors!["parameters.day"]);

        var range = ExceptionProblems.From(new FieldOutOfRangeException("limit", "limit must be between 1 and 1000, not 0."));
        Assert.Equal("limit must be between 1 and 1000, not 0.", Assert.Single(range.Errors!["limit"]));

        var definition = ExceptionProblems.From(new WorkflowDefinitionException(
            [new DefinitionError("steps[1].dependsOn[0]", "unknown step"), new DefinitionError("id", "bad"), new DefinitionError("id", "too long")]));
        Assert.Equal(400, definition.Status);
        Assert.Equal(["bad", "too long"], definition.Errors!["id"]);
        Assert.Equal(["unknown step"], definition.Errors["steps[1].dependsOn[0]"]);
    }

    [Fact]
    public void A_wrapped_exception_is_mapped_by_the_innermost_one()
    {
        var wrapped = new AggregateException(new OrleansException("call failed", new KeyNotFoundException("gone")));
        Assert.Equal(404, ExceptionProblems.From(wrapped).Status);
        Assert.Equal("gone", ExceptionProblems.From(wrapped).Detail);

        var invocation = new System.Reflection.TargetInvocationException(new InvalidFieldException("bad", "sources"));
        Assert.Equal("bad", Assert.Single(ExceptionProblems.From(invocation).Errors!["sources"]));

        // A rejected message is the cluster's answer, not a wrapper: 503.
        Assert.Equal(503, ExceptionProblems.From(new Orleans.Runtime.SiloUnavailableException("silo down")).Status);
    }

    [Fact]
    public void Bad_http_requests_keep_their_status()
    {
        Assert.Equal(413, ExceptionProblems.From(new BadHttpRequestException("too big", StatusCodes.Status413PayloadTooLarge)).Status);
        Assert.True(ExceptionProblems.From(new BadHttpRequestException("broken")).Errors!.ContainsKey("$"));
    }

    [Theory]
    [InlineData("$.sources[0].table", "sources[0].table")]
    [InlineData("$[2]", "[2]")]
    [InlineData("$", "$")]
    [InlineData(null, "$")]
    public void Json_paths_are_written_without_the_root(string? path, string field) => Assert.Equal(field, RequestJson.Field(path));

    [Fact]
    public void Run_queries_name_the_bad_parameter()
    {
        var query = RunQueryString.Parse(new QueryCollection(new Dictionary<string, Microsoft.Extensions.Primitives.StringValues>
        {
            ["status"] = "timedout",
            ["limit"] = "5",
            ["since"] = "2026-12-01T00:00:00Z",
        }), "wf");
        Assert.Equal(("wf", Abstractions.Runs.RunStatus.TimedOut, 5), (query.WorkflowId, query.Status, query.Limit));

        var twice = Assert.Throws<InvalidFieldException>(() => RunQueryString.Parse(new QueryCollection(new Dictionary<string, Microsoft.Extensions.Primitives.StringValues>
        {
            ["limit"] = new(["1", "2"]),
        }), null));
        Assert.Equal("limit", twice.ParamName);
        var numeric = Assert.Throws<InvalidFieldException>(() => RunQueryString.Parse(new QueryCollection(new Dictionary<string, Microsoft.Extensions.Primitives.StringValues>
        {
            ["status"] = "2",
        }), null));
        Assert.Equal("status", numeric.ParamName);
    }
}
