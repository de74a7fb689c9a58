namespace OrleansMaestro.Abstractions.Grains;

/// <summary>
/// An <see cref="ArgumentException"/> that keeps its <see cref="ParamName"/> across a grain call (Orleans carries an
/// exception's message, not its parameter name): the field of the request that is wrong, e.g. <c>parameters.day</c>.
/// The API answers it with 400 naming that field.
/// </summary>
[GenerateSerializer, Alias("maestro.InvalidFieldException")]
public sealed class InvalidFieldException : ArgumentException
{
    public InvalidFieldException(string message, string field)
        : base(message, field)
    {
        Field = field;
    }

    public InvalidFieldException()
    {
    }

    public InvalidFieldException(string message)
        : base(message)
    {
    }

    public InvalidFieldException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The JSON path or query name of the wrong field.</summary>
    [Id(0)] public string? Field { get; private set; }

    public override string? ParamName => Field;
}
