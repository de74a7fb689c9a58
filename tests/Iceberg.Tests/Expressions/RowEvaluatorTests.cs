using OrleansMaestro.Iceberg.Expressions;

namespace OrleansMaestro.Iceberg.Tests.Expressions;

public class RowEvaluatorTests
{
    private static bool Matches(string filter, params (int Id, object? Value)[] values)
    {
        var row = values.ToDictionary(v => v.Id, v => v.Value);
        return new RowEvaluator(TestSchemas.Events, Expression.Parse(filter)).Matches(id => row.GetValueOrDefault(id));
    }

    [Fact]
    public void Comparisons()
    {
        Assert.True(Matches("id > 5", (1, 6L)));
        Assert.False(Matches("id > 5", (1, 5L)));
        Assert.True(Matches("category in ('a', 'b')", (2, "b")));
        Assert.True(Matches("category not in ('a', 'b')", (2, "c")));
        Assert.True(Matches("day = '2024-01-01'", (4, new DateOnly(2024, 1, 1))));
        Assert.True(Matches("price >= 14.2", (5, 14.20m)));
    }

    [Fact]
    public void Nulls_match_only_null_checks_even_under_not()
    {
        Assert.True(Matches("category is null"));
        Assert.False(Matches("category != 'a'"));
        Assert.False(Matches("category < 'a'"));
        Assert.False(Matches("not (category < 'a')"));
        Assert.False(Matches("category not in ('a')"));
        Assert.True(Matches("not (category is not null)"));
    }

    [Fact]
    public void Nan_is_unordered()
    {
        Assert.False(Matches("score > 1", (6, double.NaN)));
        Assert.False(Matches("score < 1", (6, double.NaN)));
        Assert.True(Matches("score != 1", (6, double.NaN)));
    }
}
