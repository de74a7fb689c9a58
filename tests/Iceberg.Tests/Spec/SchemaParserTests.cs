using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Iceberg.Tests.Spec;

public class SchemaParserTests
{
    [Fact]
    public void Round_trips_every_primitive_and_nested_type()
    {
        const string json = """
            {"type":"struct","schema-id":3,"fields":[
              {"id":1,"name":"b","required":true,"type":"boolean"},
              {"id":2,"name":"i","required":false,"type":"int"},
              {"id":3,"name":"l","required":false,"type":"long"},
              {"id":4,"name":"f","required":false,"type":"float"},
              {"id":5,"name":"d","required":false,"type":"double"},
              {"id":6,"name":"dec","required":false,"type":"decimal(38, 10)"},
              {"id":7,"name":"date","required":false,"type":"date"},
              {"id":8,"name":"time","required":false,"type":"time"},
              {"id":9,"name":"ts","required":false,"type":"timestamp"},
              {"id":10,"name":"tstz","required":false,"type":"timestamptz"},
              {"id":11,"name":"s","required":false,"type":"string"},
              {"id":12,"name":"u","required":false,"type":"uuid"},
              {"id":13,"name":"fx","required":false,"type":"fixed[16]"},
              {"id":14,"name":"bin","required":false,"type":"binary"},
              {"id":15,"name":"st","required":false,"type":{"type":"struct","fields":[{"id":16,"name":"a","required":true,"type":"string"}]}},
              {"id":17,"name":"li","required":false,"type":{"type":"list","element-id":18,"element":"int","element-required":false}},
              {"id":19,"name":"m","required":false,"type":{"type":"map","key-id":20,"key":"string","value-id":21,"value":"double","value-required":true}}
            ]}
            """;

        var schema = SchemaParser.FromJson(json);
        var again = SchemaParser.FromJson(SchemaParser.ToJson(schema));

        Assert.True(schema.SameStructure(again));
        Assert.Equal(3, again.SchemaId);
        Assert.Equal(new DecimalType(38, 10), again.FindField(6)!.Type);
        Assert.Equal(new FixedType(16), again.FindField("fx")!.Type);
        Assert.Equal(21, schema.HighestFieldId);
        Assert.Equal("st.a", schema.FindColumnName(16));
        Assert.Equal(PrimitiveType.Double, schema.FindField("m.value")!.Type);
    }

    [Theory]
    [InlineData("""{"type":"struct","fields":[{"id":1,"name":"a","required":true,"type":"varchar"}]}""", "varchar")]
    [InlineData("""{"type":"struct","fields":[{"id":1,"name":"a","required":true}]}""", "'type'")]
    [InlineData("""{"type":"struct","fields":[{"id":1,"name":"a","required":true,"type":"int"},{"id":1,"name":"b","required":true,"type":"int"}]}""", "id 1")]
    [InlineData("""{"type":"struct","fields":[{"name":"a","required":true,"type":"int"}]}""", "'id'")]
    [InlineData("""{"type":"struct","fields":[{"id":1,"name":"a","required":true,"type":"decimal(40,2)"}]}""", "precision")]
    public void Bad_schemas_are_rejected_naming_the_problem(string json, string expected)
    {
        var e = Assert.Throws<InvalidDataException>(() => SchemaParser.FromJson(json));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Conversions_round_trip_every_primitive()
    {
        object[] values =
        [
            true, 42, 42L, 1.5f, 2.5d, 12.34m, new DateOnly(2017, 11, 16), new TimeOnly(22, 31, 8),
            new DateTime(2017, 11, 16, 22, 31, 8), new DateTimeOffset(2017, 11, 16, 22, 31, 8, TimeSpan.Zero),
            "iceberg", Guid.Parse("f79c3e09-677c-4bbd-a479-3f349cb785e7"), new byte[] { 0, 1, 2, 3 }, new byte[] { 9 },
        ];
        PrimitiveType[] types =
        [
            PrimitiveType.Boolean, PrimitiveType.Int, PrimitiveType.Long, PrimitiveType.Float, PrimitiveType.Double,
            PrimitiveType.Decimal(9, 2), PrimitiveType.Date, PrimitiveType.Time, PrimitiveType.Timestamp, PrimitiveType.TimestampTz,
            PrimitiveType.String, PrimitiveType.Uuid, PrimitiveType.Fixed(4), PrimitiveType.Binary,
        ];
        for (var i = 0; i < values.Length; i++)
        {
            var back = Conversions.FromBytes(types[i], Conversions.ToBytes(types[i], values[i]));
            Assert.True(ValueEquality.AreEqual(values[i], back), $"{types[i]}: {values[i]} came back as {back}");
        }

        // Spec appendix D: decimal is the unscaled value, two's complement big-endian, minimal bytes.
        Assert.Equal(new byte[] { 0x05, 0x8C }, Conversions.ToBytes(PrimitiveType.Decimal(9, 2), 14.20m));
        Assert.Equal(new byte[] { 0xF4, 0x01, 0, 0 }, Conversions.ToBytes(PrimitiveType.Int, 500));
    }
}
