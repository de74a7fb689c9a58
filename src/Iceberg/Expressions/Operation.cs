namespace OrleansMaestro.Iceberg.Expressions;

/// <summary>The operation of a predicate on one column.</summary>
public enum Operation
{
    IsNull,
    NotNull,
    Equal,
    NotEqual,
    LessThan,
    LessThanOrEqual,
    GreaterThan,
    GreaterThanOrEqual,
    In,
    NotIn,
}
