using System.Buffers.Binary;
using System.Text;

namespace Triage.Tests.Security;

/// <summary>
/// Pixel bombs: images of a few dozen bytes whose headers declare a picture no server should try to hold,
/// in each format the desk accepts. Nothing here is meant to decode; only the header has to be believed.
/// </summary>
public static class HostileImages
{
    /// <summary>A PNG declaring 100,000 × 100,000 pixels (40 GB of RGBA) in under 100 bytes.</summary>
    public static byte[] Png(uint width = 100_000, uint height = 100_000)
    {
        var header = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(header, width);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // RGB
        // A zlib stream of one stored empty block: a few bytes that would inflate to nothing.
        byte[] idat = [0x78, 0x01, 0x01, 0x00, 0x00, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x01];
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. PngChunk("IHDR", header), .. PngChunk("IDAT", idat), .. PngChunk("IEND", [])];
    }

    /// <summary>A baseline JPEG whose frame header declares the largest size JPEG can name, 65,535 × 65,535.</summary>
    public static byte[] Jpeg(int width = 65_535, int height = 65_535) =>
    [
        0xFF, 0xD8,
        .. JpegSegment(0xDB, [0, .. Enumerable.Repeat((byte)1, 64)]),
        .. JpegSegment(0xC0, [8, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 1, 1, 0x11, 0]),
        .. JpegSegment(0xC4, [0x00, 1, .. new byte[15], 0x00]),
        .. JpegSegment(0xC4, [0x10, 1, .. new byte[15], 0x00]),
        .. JpegSegment(0xDA, [1, 1, 0x00, 0, 63, 0]),
        0x0F, 0xFF, 0xD9,
    ];

    /// <summary>An extended WebP whose VP8X canvas is the largest its 24-bit fields can declare, 16,777,216 on each side.</summary>
    public static byte[] WebP(int width = 1 << 24, int height = 1 << 24)
    {
        byte[] vp8x = [0, 0, 0, 0, (byte)(width - 1), (byte)((width - 1) >> 8), (byte)((width - 1) >> 16),
            (byte)(height - 1), (byte)((height - 1) >> 8), (byte)((height - 1) >> 16)];
        // A lossless bitstream header for 1 × 1; only the canvas above is meant to be read.
        byte[] vp8l = [0x2F, 0, 0, 0, 0];
        byte[] body = [.. "WEBP"u8, .. RiffChunk("VP8X", vp8x), .. RiffChunk("VP8L", vp8l)];
        var size = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(size, body.Length);
        return [.. "RIFF"u8, .. size, .. body];
    }

    private static byte[] PngChunk(string type, byte[] data)
    {
        byte[] typeAndData = [.. Encoding.ASCII.GetBytes(type), .. data];
        var framed = new byte[12 + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(framed, data.Length);
        typeAndData.CopyTo(framed, 4);
        BinaryPrimitives.WriteUInt32BigEndian(framed.AsSpan(8 + data.Length), Crc32(typeAndData));
        return framed;
    }

    private static byte[] JpegSegment(byte marker, byte[] payload) =>
        [0xFF, marker, (byte)((payload.Length + 2) >> 8), (byte)(payload.Length + 2), .. payload];

    private static byte[] RiffChunk(string fourCc, byte[] payload)
    {
        var size = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(size, payload.Length);
        return [.. Encoding.ASCII.GetBytes(fourCc), .. size, .. payload, .. payload.Length % 2 == 1 ? new byte[1] : []];
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }
}
