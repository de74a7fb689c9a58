using System.Text;
using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Iceberg.Tests.Spec;

public class BucketTransformTests
{
    // Expected hashes are the spec's own table (Appendix B: "32-bit Hash Requirements").
    public static TheoryData<string, IcebergType, object, int> SpecHashes => new()
    {
        { "int 34", PrimitiveType.Int, 34, 2017239379 },
        { "long 34", PrimitiveType.Long, 34L, 2017239379 },
        { "decimal(9,2) 14.20", PrimitiveType.Decimal(9, 2), 14.20m, -500754589 },
        { "date 2017-11-16", PrimitiveType.Date, new DateOnly(2017, 11, 16), -653330422 },
        { "time 22:31:08", PrimitiveType.Time, new TimeOnly(22, 31, 8), -662762989 },
        { "timestamp", PrimitiveType.Timestamp, new DateTime(2017, 11, 16, 22, 31, 8), -2047944441 },
        { "timestamptz", PrimitiveType.TimestampTz, new DateTimeOffset(2017, 11, 16, 14, 31, 8, TimeSpan.FromHours(-8)), -2047944441 },
        { "string iceberg", PrimitiveType.String, "iceberg", 1210000089 },
        { "uuid", PrimitiveType.Uuid, Guid.Parse("f79c3e09-677c-4bbd-a479-3f349cb785e7"), 1488055340 },
        { "fixed", PrimitiveType.Fixed(4), new byte[] { 0, 1, 2, 3 }, -188683207 },
        { "binary", PrimitiveType.Binary, new byte[] { 0, 1, 2, 3 }, -188683207 },
    };

    [Theory]
    [MemberData(nameof(SpecHashes))]
    public void Hash_matches_spec_appendix_B(string name, IcebergType type, object value, int expected)
    {
        Assert.True(BucketTransform.Hash(type, value) == expected, $"{name}: got {BucketTransform.Hash(type, value)}");
    }

    [Theory]
    [MemberData(nameof(SpecHashes))]
    public void Apply_masks_and_takes_modulo(string name, IcebergType type, object value, int expectedHash)
    {
        _ = name;
        var bucket = new BucketTransform(16);
        Assert.Equal((expectedHash & int.MaxValue) % 16, bucket.Apply(type, value));
    }

    [Fact]
    public void Murmur3_handles_every_tail_length()
    {
        // Reference values of murmur3_x86_32 with seed 0 (the SMHasher implementation).
        Assert.Equal(0, Murmur3.Hash32([]));
        Assert.Equal(unchecked((int)0x248bfa47), Murmur3.Hash32(Encoding.UTF8.GetBytes("hello")));
        Assert.Equal(unchecked((int)0x149bbb7f), Murmur3.Hash32(Encoding.UTF8.GetBytes("hello, world")));
        Assert.Equal(unchecked((int)0x2e4ff723), Murmur3.Hash32(Encoding.UTF8.GetBytes("The quick brown fox jumps over the lazy dog")));
    }

    [Fact]
    public void Null_stays_null_and_result_type_is_int()
    {
        var bucket = new BucketTransform(8);
        Assert.Null(bucket.Apply(PrimitiveType.String, null));
        Assert.Equal(PrimitiveType.Int, bucket.ResultType(PrimitiveType.String));
        Assert.False(bucket.PreservesOrder);
        Assert.True(bucket.CanTransform(PrimitiveType.Uuid));
        Assert.False(bucket.CanTransform(PrimitiveType.Double));
        Assert.False(bucket.CanTransform(PrimitiveType.Boolean));
    }

    [Fact]
    public void Negative_decimal_hashes_its_twos_complement_bytes()
    {
        // -1.00 at scale 2 is unscaled -100 = 0x9C as a single signed byte.
        Assert.Equal(BucketTransform.Hash(PrimitiveType.Binary, new byte[] { 0x9C }), BucketTransform.Hash(PrimitiveType.Decimal(5, 2), -1.00m));
    }
}
