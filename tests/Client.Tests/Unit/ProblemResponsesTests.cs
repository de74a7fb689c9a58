using System.Net.Http.Headers;
using OrleansMaestro.Client.Http;

namespace OrleansMaestro.Client.Tests.Unit;

public sealed class ProblemResponsesTests
{
    private static readonly MediaTypeHeaderValue Problem = new("application/problem+json");

    [Fact]
    public void A_400_problem_becomes_a_validation_exception_with_every_field()
    {
        const string body = """
            {"type":"https://orleans-maestro.dev/problems/validation","title":"Invalid input","status":400,
             "detail":"Invalid workflow definition","errors":{"steps[1].dependsOn[0]":["unknown step 'x'."],"id":["required.","too long."]}}
            """;
        var e = Assert.IsType<MaestroValidationException>(ProblemResponses.ToException(400, "Bad Request", Problem, body));
        Assert.Equal(400, e.Status);
        Assert.Equal(["unknown step 'x'."], e.Errors["steps[1].dependsOn[0]"]);
        Assert.Equal(["required.", "too long."], e.Errors["id"]);
        Assert.StartsWith("Invalid workflow definition", e.Message, StringComparison.Ordinal);
        Assert.Contains("steps[1].dependsOn[0]: unknown step 'x'.", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(401, typeof(MaestroUnauthorizedException))]
    [InlineData(403, typeof(MaestroForbiddenException))]
    [InlineData(404, typeof(MaestroNotFoundException))]
    [InlineData(409, typeof(MaestroConflictException))]
    [InlineData(502, typeof(MaestroUnavailableException))]
    [InlineData(503, typeof(MaestroUnavailableException))]
    [InlineData(504, typeof(MaestroUnavailableException))]
    [InlineData(500, typeof(MaestroException))]
    public void Each_status_has_its_exception(int status, Type expected)
    {
        var e = ProblemResponses.ToException(status, "reason", Problem, $$"""{"status":{{status}},"title":"t","detail":"what happened"}""");
        Assert.IsType(expected, e);
        // A proxy's 502/504 is reported as the contract's 503: the cluster did not answer.
        Assert.Equal(expected == typeof(MaestroUnavailableException) ? 503 : status, e.Status);
        Assert.Equal("what happened", e.Message);
    }

    [Fact]
    public void A_body_that_is_no_problem_still_gives_the_type_of_its_status()
    {
        var html = ProblemResponses.ToException(502, "Bad Gateway", new MediaTypeHeaderValue("text/html"), "<html>nginx</html>");
        Assert.IsType<MaestroUnavailableException>(html);
        Assert.Equal("Bad Gateway", html.Message);

        var broken = ProblemResponses.ToException(400, null, Problem, "{not json");
        var validation = Assert.IsType<MaestroValidationException>(broken);
        Assert.Empty(validation.Errors);
        Assert.Equal("HTTP 400", validation.Message);
    }

    [Fact]
    public void The_title_stands_in_for_a_missing_detail()
    {
        var e = ProblemResponses.ToException(404, "Not Found", Problem, """{"title":"Not found","status":404}""");
        Assert.Equal("Not found", e.Message);
    }
}
