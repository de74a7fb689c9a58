using OrleansMaestro.Iceberg.Expressions;
using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Iceberg.Tests.Expressions;

public class BindingTests
{
    private static BoundPredicate BindOne(Expression e) => Assert.IsType<BoundPredicate>(e.Bind(TestSchemas.Events));

    [Fact]
    public void Converts_literals_to_the_column_type()
    {
        var p = BindOne(Expression.GreaterThan("id", 5));
        Assert.Equal(1, p.Ref.FieldId);
        Assert.Equal(5L, p.Literal);
        Assert.Equal(new DateOnly(2024, 1, 1), BindOne(Expression.Equal("day", "2024-01-01")).Literal);
        Assert.Equal(new DateTime(2024, 1, 1, 12, 30, 0), BindOne(Expression.GreaterThanOrEqual("ts", "2024-01-01T12:30:00")).Literal);
        Assert.Equal(new DateTime(2024, 1, 1), BindOne(Expression.GreaterThanOrEqual("ts", "2024-01-01")).Literal);
        Assert.Equal(14.2m, BindOne(Expression.Equal("price", 14.2)).Literal);
        Assert.Equal(2.0, BindOne(Expression.LessThan("score", 2)).Literal);
        Assert.Equal(7, BindOne(Expression.Equal("count", 7L)).Literal);
        Assert.Equal(11, BindOne(Expression.Equal("loc.city", "Paris")).Ref.FieldId);
        Assert.Equal(new object[] { 1L, 2L }, BindOne(Expression.In("id", 1, "2")).Literals);
    }

    [Fact]
    public void Unknown_column_is_named()
    {
        var ex = Assert.Throws<ExpressionBindingException>(() => Expression.Equal("nope", 1).Bind(TestSchemas.Events));
        Assert.Contains("'nope'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("id", "abc")]
    [InlineData("count", 3_000_000_000L)]
    [InlineData("day", "2024-13-01")]
    [InlineData("price", 1.234)]
    [InlineData("ts", "2024-01-01T00:00:00+02:00")]
    [InlineData("id", 1.5)]
    [InlineData("score", double.NaN)]
    public void Unconvertible_literal_names_the_column(string column, object literal)
    {
        var ex = Assert.Throws<ExpressionBindingException>(() => Expression.Equal(column, literal).Bind(TestSchemas.Events));
        Assert.Contains($"'{column}'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nested_and_list_columns_are_rejected()
    {
        Assert.Throws<ExpressionBindingException>(() => Expression.IsNull("tags").Bind(TestSchemas.Events));
        Assert.Throws<ExpressionBindingException>(() => Expression.Equal("tags.element", "a").Bind(TestSchemas.Events));
    }

    [Fact]
    public void Null_literals_are_rejected_early()
    {
        Assert.Throws<ArgumentNullException>(() => Expression.Equal("id", null!));
        Assert.Throws<ArgumentException>(() => Expression.In("id", 1, null!));
    }

    [Fact]
    public void Constants_fold_and_not_pushes_down()
    {
        var a = Expression.Equal("id", 1);
        Assert.Same(a, Expression.And(Expression.True, a));
        Assert.Equal(Expression.False, Expression.And(a, Expression.False));
        Assert.Equal(Expression.True, Expression.Or(a, Expression.True));
        Assert.Equal(a, Expression.Not(Expression.Not(a)));
        Assert.Equal(Expression.False, Expression.In("id"));
        var negated = Expression.Not(Expression.And(Expression.LessThan("id", 5), Expression.IsNull("category"))).Bind(TestSchemas.Events).Negate();
        Assert.Equal("(id < 5 and category is null)", negated.ToString());
    }
}
