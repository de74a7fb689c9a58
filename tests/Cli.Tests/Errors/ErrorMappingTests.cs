using OrleansMaestro.Cli.Errors;
using OrleansMaestro.Iceberg.Catalog;

namespace OrleansMaestro.Cli.Tests.Errors;

public class ErrorMappingTests
{
    public static TheoryData<Exception, int> Cases => new()
    {
        { new NoSuchTableException("t"), ExitCodes.NotFound },
        { new NoSuchNamespaceException("n"), ExitCodes.NotFound },
        { new InvalidDataException("missing", new FileNotFoundException("f")), ExitCodes.NotFound },
        { new AlreadyExistsException("t"), ExitCodes.Conflict },
        { new CommitFailedException("c"), ExitCodes.Conflict },
        { new InvalidDataException("bad"), ExitCodes.BadInput },
        { new FormatException("bad"), ExitCodes.BadInput },
        { new CliException(ExitCodes.NotFound, "x"), ExitCodes.NotFound },
        { new AggregateException(new AlreadyExistsException("t")), ExitCodes.Conflict },
        { new InvalidOperationException("boom"), ExitCodes.UnexpectedError },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Maps_library_exceptions_to_exit_codes(Exception exception, int expected) =>
        Assert.Equal(expected, ErrorMapping.ExitCodeOf(exception));

    [Fact]
    public void Messages_are_one_line_and_unexpected_ones_name_the_exception_type()
    {
        Assert.Equal("first second", ErrorMapping.MessageOf(new FormatException("first\r\n second")));
        Assert.Equal("InvalidOperationException: boom", ErrorMapping.MessageOf(new InvalidOperationException("boom")));
    }
}
