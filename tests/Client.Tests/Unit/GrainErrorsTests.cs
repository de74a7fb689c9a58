using Orleans.Runtime;
using OrleansMaestro.Abstractions.Definitions;
using OrleansMaestro.Abstractions.Grains;
using OrleansMaestro.Client.OrleansTransport;

namespace OrleansMaestro.Client.Tests.Unit;

public sealed class GrainErrorsTests
{
    [Fact]
    public void The_grain_conventions_map_to_the_same_exceptions_as_the_api()
    {
        Assert.IsType<MaestroNotFoundException>(GrainErrors.Map(new KeyNotFoundException("no such run")));
        Assert.IsType<MaestroConflictException>(GrainErrors.Map(new InvalidOperationException("superseded")));
        Assert.IsType<MaestroUnavailableException>(GrainErrors.Map(new ObjectDisposedException("client")));
        Assert.IsType<MaestroUnavailableException>(GrainErrors.Map(new TimeoutException("response timeout")));
        Assert.IsType<MaestroUnavailableException>(GrainErrors.Map(new SiloUnavailableException("gone")));
        Assert.Equal(500, GrainErrors.Map(new NullReferenceException()).Status);
    }

    [Fact]
    public void A_bad_field_is_named()
    {
        var field = Assert.IsType<MaestroValidationException>(GrainErrors.Map(new InvalidFieldException("parameter day is required.", "parameters.day")));
        Assert.Equal(["parameter day is required."], field.Errors["parameters.day"]);

        var range = Assert.IsType<MaestroValidationException>(GrainErrors.Map(new FieldOutOfRangeException("limit", "limit must be between 1 and 1000, not 0.")));
        Assert.Equal(["limit must be between 1 and 1000, not 0."], range.Errors["limit"]);
    }

    [Fact]
    public void An_invalid_definition_is_keyed_by_json_path()
    {
        var e = Assert.IsType<MaestroValidationException>(GrainErrors.Map(new WorkflowDefinitionException(
        [
            new DefinitionError("steps[1].dependsOn[0]", "unknown step 'x'."),
            new DefinitionError("steps[1].dependsOn[0]", "second."),
            new DefinitionError("id", "required."),
        ])));
        Assert.Equal(["unknown step 'x'.", "second."], e.Errors["steps[1].dependsOn[0]"]);
        Assert.Equal(["required."], e.Errors["id"]);
    }

    [Fact]
    public void Wrapped_exceptions_are_unwrapped()
    {
        Assert.IsType<MaestroNotFoundException>(GrainErrors.Map(new AggregateException(new KeyNotFoundException("x"))));
        Assert.IsType<MaestroNotFoundException>(GrainErrors.Map(new OrleansException("wrapped", new KeyNotFoundException("x"))));
    }
}
