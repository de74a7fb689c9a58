namespace OrleansMaestro.Abstractions.Grains;

/// <summary>
/// An <see cref="ArgumentOutOfRangeException"/> that keeps its <see cref="ParamName"/> across a grain call (see
/// <see cref="InvalidFieldException"/>), e.g. a <c>limit</c> outside 1..1000.
/// </summary>
[GenerateSerializer, Alias("maestro.FieldOutOfRangeException")]
public sealed class FieldOutOfRangeException : ArgumentOutOfRangeException
{
    public FieldOutOfRangeException(string field, string message)
        : base(field, message)
    {
        Field = field;
    }

    public FieldOutOfRangeException()
    {
    }

    public FieldOutOfRangeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    [Id(0)] public string? Field { get; private set; }

    public override string? ParamName => Field;
}
