using OrleansMaestro.Iceberg.Expressions;

namespace OrleansMaestro.Iceberg.Tests.Expressions;

public class ExpressionParserTests
{
    [Fact]
    public void Parses_comparisons_with_precedence()
    {
        var e = Expression.Parse("id > 5 and category = 'a' or ts >= '2024-01-01T00:00:00'");
        var expected = Expression.Or(
            Expression.And(Expression.GreaterThan("id", 5), Expression.Equal("category", "a")),
            Expression.GreaterThanOrEqual("ts", "2024-01-01T00:00:00"));
        Assert.Equal(expected, e);
    }

    [Fact]
    public void Parses_parentheses_not_null_checks_and_sets()
    {
        var e = Expression.Parse("NOT (id <= -3 OR category IS NULL) and \"loc.city\" is not null and count not in (1, 2) and id in (3000000000)");
        var expected = Expression.And(
            Expression.Not(Expression.Or(Expression.LessThanOrEqual("id", -3), Expression.IsNull("category"))),
            Expression.NotNull("loc.city"),
            Expression.NotIn("count", 1, 2),
            Expression.In("id", 3_000_000_000L));
        Assert.Equal(expected, e);
    }

    [Fact]
    public void Literals()
    {
        Assert.Equal(Expression.Equal("category", "it's"), Expression.Parse("category = 'it''s'"));
        Assert.Equal(Expression.Equal("price", 14.20m), Expression.Parse("price = 14.20"));
        Assert.Equal(Expression.Equal("score", 1e3), Expression.Parse("score = 1e3"));
        Assert.Equal(Expression.NotEqual("flag", true), Expression.Parse("flag <> TRUE"));
        Assert.Equal(Expression.Equal("b", new byte[] { 0xCA, 0xFE }), Expression.Parse("b = X'CAFE'"));
    }

    [Fact]
    public void Round_trips_through_ToString()
    {
        var e = Expression.Parse("(id > 5 and category = 'a') or not day in ('2024-01-01')");
        Assert.Equal(e, Expression.Parse(e.ToString()));
    }

    [Fact]
    public void Parsed_filter_binds_and_evaluates()
    {
        var filter = Expression.Parse("id > 5 and ts >= '2024-01-01T00:00:00'");
        var row = new Dictionary<int, object?> { [1] = 6L, [3] = new DateTime(2024, 2, 1) };
        Assert.True(new RowEvaluator(TestSchemas.Events, filter).Matches(id => row.GetValueOrDefault(id)));
    }

    [Theory]
    [InlineData("id >", 4)]
    [InlineData("id > 5 and", 10)]
    [InlineData("id 5", 3)]
    [InlineData("(id > 5", 7)]
    [InlineData("id > 5)", 6)]
    [InlineData("category = 'abc", 11)]
    [InlineData("id = null", 5)]
    [InlineData("and id = 1", 0)]
    [InlineData("id ~ 1", 3)]
    public void Errors_name_the_position(string text, int position)
    {
        var ex = Assert.Throws<FormatException>(() => Expression.Parse(text));
        Assert.Contains($"position {position}", ex.Message, StringComparison.Ordinal);
    }
}
