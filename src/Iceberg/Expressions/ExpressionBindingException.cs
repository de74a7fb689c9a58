namespace OrleansMaestro.Iceberg.Expressions;

/// <summary>A filter names a column the schema lacks, or has a literal that cannot be converted to the column's type.</summary>
public sealed class ExpressionBindingException : Exception
{
    public ExpressionBindingException()
    {
    }

    public ExpressionBindingException(string message) : base(message)
    {
    }

    public ExpressionBindingException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
