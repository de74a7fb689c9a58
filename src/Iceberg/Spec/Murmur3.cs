namespace OrleansMaestro.Iceberg.Spec;

/// <summary>
/// Murmur3 x86 32-bit with seed 0, the hash the spec's bucket transform is defined with
/// (spec Appendix B: "32-bit Hash Requirements"). Written here because the BCL has no Murmur3
/// (System.IO.Hashing has xxHash and CRC only), and every engine must agree on these exact bits.
/// </summary>
internal static class Murmur3
{
    private const uint C1 = 0xcc9e2d51;
    private const uint C2 = 0x1b873593;

    public static int Hash32(ReadOnlySpan<byte> data)
    {
        uint h = 0;
        var blocks = data.Length / 4;
        for (var i = 0; i < blocks; i++)
        {
            var k = (uint)(data[i * 4] | (data[(i * 4) + 1] << 8) | (data[(i * 4) + 2] << 16) | (data[(i * 4) + 3] << 24));
            h ^= MixK(k);
            h = RotateLeft(h, 13);
            h = (h * 5) + 0xe6546b64;
        }

        var tail = data[(blocks * 4)..];
        uint k1 = 0;
        switch (tail.Length)
        {
            case 3:
                k1 ^= (uint)tail[2] << 16;
                goto case 2;
            case 2:
                k1 ^= (uint)tail[1] << 8;
                goto case 1;
            case 1:
                k1 ^= tail[0];
                h ^= MixK(k1);
                break;
        }

        h ^= (uint)data.Length;
        h ^= h >> 16;
        h *= 0x85ebca6b;
        h ^= h >> 13;
        h *= 0xc2b2ae35;
        h ^= h >> 16;
        return unchecked((int)h);
    }

    private static uint MixK(uint k)
    {
        k *= C1;
        k = RotateLeft(k, 15);
        return k * C2;
    }

    private static uint RotateLeft(uint x, int r) => (x << r) | (x >> (32 - r));
}
