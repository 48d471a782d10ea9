using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Triage.Server.Evidence;

namespace Triage.Tests.Evidence;

public sealed class ImageSanitizerTests
{
    private const string Gps = "GPSLatitude=48.8584N";
    private const string Author = "Jane Reporter";

    // ---- PNG ----

    [Fact]
    public void A_PNG_loses_its_text_exif_and_time_chunks_and_keeps_its_pixels()
    {
        var clean = Clean(PngWithMetadata());

        Assert.Equal("image/png", clean.ContentType);
        Assert.Equal((3, 2), (clean.Width, clean.Height));
        Assert.StartsWith(Latin1(PngSignature), Latin1(clean.Content), StringComparison.Ordinal);
        AssertAbsent(clean.Content, Gps, Author, "tEXt", "eXIf", "tIME", "pHYs", "prVt");
        Assert.Equal(["IHDR", "gAMA", "IDAT", "IDAT", "IEND"], PngChunks(clean.Content).Select(c => c.Type));
    }

    [Fact]
    public void A_cleaned_PNG_still_inflates_to_the_same_scanlines()
    {
        var clean = Clean(PngWithMetadata());

        var compressed = PngChunks(clean.Content).Where(c => c.Type == "IDAT").SelectMany(c => c.Data).ToArray();
        using var inflater = new ZLibStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var raw = new MemoryStream();
        inflater.CopyTo(raw);

        Assert.Equal(RgbScanlines(3, 2), raw.ToArray());
    }

    [Fact]
    public void A_real_PNG_without_metadata_passes_its_checksums_and_comes_back_unchanged()
    {
        // A widely published 1×1 grey-and-alpha PNG written by another encoder: it checks our CRC-32 against theirs.
        var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");

        var clean = Clean(png);

        Assert.Equal(png, clean.Content);
        Assert.Equal((1, 1), (clean.Width, clean.Height));
    }

    [Fact]
    public void An_animated_PNG_keeps_only_its_default_image()
    {
        var idat = Idat(3, 2);
        var apng = Png(Header(3, 2),
            PngChunk("acTL", [0, 0, 0, 2, 0, 0, 0, 0]),
            FrameControl(0, 3, 2),
            idat,
            FrameControl(1, 3, 2),
            PngChunk("fdAT", [0, 0, 0, 2, .. idat.AsSpan(8, idat.Length - 12)]),
            Iend);

        var clean = Clean(apng);

        Assert.Equal(Png(Header(3, 2), idat, Iend), clean.Content);
    }

    [Fact]
    public void A_PNG_with_a_wrong_checksum_is_refused_as_corrupt()
    {
        var png = PngWithMetadata();
        var idat = IndexOf(png, "IDAT");
        png[idat + 6] ^= 0x01;

        AssertRefused(png, ImageSanitizer.CorruptKey);
    }

    [Fact]
    public void A_PNG_with_an_unknown_critical_chunk_is_refused_as_corrupt()
    {
        AssertRefused(Png(Header(3, 2), PngChunk("ZZZZ", [1, 2, 3]), Idat(3, 2), Iend), ImageSanitizer.CorruptKey);
    }

    [Fact]
    public void A_PNG_without_IEND_or_without_IDAT_is_refused_as_corrupt()
    {
        AssertRefused(Png(Header(3, 2), Idat(3, 2)), ImageSanitizer.CorruptKey);
        AssertRefused(Png(Header(3, 2), Iend), ImageSanitizer.CorruptKey);
    }

    [Fact]
    public void Bytes_after_IEND_are_dropped()
    {
        var png = Png(Header(3, 2), Idat(3, 2), Iend);

        var clean = Clean([.. png, .. Encoding.ASCII.GetBytes("PK\u0003\u0004 " + Gps)]);

        Assert.Equal(png, clean.Content);
    }

    [Theory]
    [InlineData(100_000u, 100_000u)]
    [InlineData(16_385u, 1u)]
    [InlineData(1u, 16_385u)]
    [InlineData(8_000u, 8_000u)]
    [InlineData(0u, 10u)]
    [InlineData(uint.MaxValue, 1u)]
    public void A_PNG_declaring_absurd_or_zero_dimensions_is_refused(uint width, uint height)
    {
        AssertRefused(Png(Header(width, height), Idat(3, 2), Iend), ImageSanitizer.DimensionsKey);
    }

    [Fact]
    public void A_PNG_at_the_largest_allowed_side_and_area_is_accepted()
    {
        Assert.Equal(ImageSanitizer.MaxSide, Clean(Png(Header(16_384, 2), Idat(3, 2), Iend)).Width);
        Assert.Equal(5_000, Clean(Png(Header(8_000, 5_000), Idat(3, 2), Iend)).Height);
    }

    // ---- JPEG ----

    [Fact]
    public void A_JPEG_loses_exif_xmp_iptc_mpf_and_comments_and_keeps_what_decoders_need()
    {
        var clean = Clean(JpegWithMetadata());

        Assert.Equal("image/jpeg", clean.ContentType);
        Assert.Equal((16, 8), (clean.Width, clean.Height));
        Assert.Equal([0xFF, 0xD8], clean.Content[..2]);
        Assert.Equal([0xFF, 0xD9], clean.Content[^2..]);
        AssertAbsent(clean.Content, Gps, Author, "Exif", "xap/1.0", "Photoshop", "MPF");
        Assert.Equal([0xE0, 0xE2, 0xEE, 0xDB, 0xC0, 0xC4, 0xC4, 0xDA, 0xD9], JpegMarkers(clean.Content));
        Assert.Contains("ICC_PROFILE", Latin1(clean.Content), StringComparison.Ordinal);
    }

    [Fact]
    public void A_JFIF_header_keeps_its_density_but_loses_its_thumbnail()
    {
        byte[] thumbnailed = [.. "JFIF\0"u8, 1, 2, 1, 0, 72, 0, 72, 1, 1, 0xAB, 0xCD, 0xEF];
        var jpeg = Jpeg(JpegSegment(0xE0, thumbnailed), GreyFrame(16, 8), Eoi);

        var clean = Clean(jpeg);

        byte[] expected = [0xFF, 0xE0, 0, 16, .. "JFIF\0"u8, 1, 2, 1, 0, 72, 0, 72, 0, 0];
        Assert.Equal(expected, clean.Content[2..20]);
        AssertAbsent(clean.Content, "\u00AB\u00CD\u00EF");
    }

    [Fact]
    public void Stuffed_bytes_and_restart_markers_in_a_scan_are_copied_unchanged_and_fill_bytes_dropped()
    {
        byte[] scan = [0x0F, 0xFF, 0x00, 0x12, 0xFF, 0xD3, 0x0F];
        var jpeg = Jpeg(Dqt, Sof0(16, 8), DhtDc, DhtAc, Sos, scan, [0xFF, 0xFF], Eoi);

        var clean = Clean(jpeg);

        Assert.EndsWith(Latin1([.. Sos, .. scan, .. Eoi]), Latin1(clean.Content), StringComparison.Ordinal);
    }

    [Fact]
    public void Bytes_after_the_JPEG_end_marker_are_dropped()
    {
        var jpeg = Jpeg([.. GreyFrame(16, 8), .. Eoi]);

        var clean = Clean([.. jpeg, .. Jpeg(ExifSegment, GreyFrame(16, 8), Eoi)]);

        Assert.Equal(jpeg, clean.Content);
    }

    [Fact]
    public void A_JPEG_without_a_frame_without_a_scan_or_without_an_end_is_refused_as_corrupt()
    {
        AssertRefused(Jpeg(Dqt, DhtDc, DhtAc, Sos, [0x0F], Eoi), ImageSanitizer.CorruptKey);
        AssertRefused(Jpeg(Dqt, Sof0(16, 8), Eoi), ImageSanitizer.CorruptKey);
        AssertRefused(Jpeg(GreyFrame(16, 8)), ImageSanitizer.CorruptKey);
    }

    [Theory]
    [InlineData(60_000, 60_000)]
    [InlineData(65_535, 65_535)]
    [InlineData(20_000, 8)]
    [InlineData(16, 0)]
    public void A_JPEG_declaring_absurd_or_zero_dimensions_is_refused(int width, int height)
    {
        AssertRefused(Jpeg(Dqt, Sof0(width, height), DhtDc, DhtAc, Sos, [0x0F], Eoi), ImageSanitizer.DimensionsKey);
    }

    [Fact]
    public void A_lossless_or_progressive_frame_header_also_gives_the_dimensions()
    {
        // SOF2 (progressive) has the same layout as SOF0; C4 just before it is a Huffman table, not a frame.
        var sof2 = JpegSegment(0xC2, [8, 0, 8, 0, 16, 1, 1, 0x11, 0]);

        var clean = Clean(Jpeg(Dqt, DhtDc, sof2, DhtAc, Sos, [0x0F], Eoi));

        Assert.Equal((16, 8), (clean.Width, clean.Height));
    }

    // ---- WebP ----

    [Fact]
    public void An_extended_WebP_loses_EXIF_and_XMP_and_their_flags()
    {
        var clean = Clean(WebPWithMetadata());

        Assert.Equal("image/webp", clean.ContentType);
        Assert.Equal((3, 2), (clean.Width, clean.Height));
        Assert.Equal("RIFF", Latin1(clean.Content[..4]));
        Assert.Equal("WEBP", Latin1(clean.Content[8..12]));
        Assert.Equal(clean.Content.Length - 8, BinaryPrimitives.ReadInt32LittleEndian(clean.Content.AsSpan(4)));
        AssertAbsent(clean.Content, Gps, Author, "EXIF", "XMP ");
        Assert.Equal(["VP8X", "VP8L"], RiffChunks(clean.Content).Select(c => c.FourCc));
        Assert.Equal(0, clean.Content[20] & 0x0C);
    }

    [Fact]
    public void A_simple_lossless_WebP_keeps_its_one_chunk_and_its_dimensions()
    {
        var webp = WebP(RiffChunk("VP8L", Lossless(5, 4)));

        var clean = Clean([.. webp, .. "trailing"u8]);

        Assert.Equal(webp, clean.Content);
        Assert.Equal((5, 4), (clean.Width, clean.Height));
    }

    [Fact]
    public void A_simple_WebP_loses_a_chunk_some_tools_append_after_the_picture()
    {
        var clean = Clean(WebP(RiffChunk("VP8L", Lossless(5, 4)), RiffChunk("EXIF", Encoding.ASCII.GetBytes(Gps))));

        Assert.Equal(WebP(RiffChunk("VP8L", Lossless(5, 4))), clean.Content);
    }

    [Fact]
    public void A_lossy_WebP_takes_its_dimensions_from_the_key_frame_header()
    {
        var clean = Clean(WebP(RiffChunk("VP8 ", LossyKeyFrameHeader(640, 480))));

        Assert.Equal((640, 480), (clean.Width, clean.Height));
    }

    [Fact]
    public void An_animated_WebP_is_refused_as_the_wrong_type()
    {
        var animated = WebP(Vp8X(0x02, 3, 2), RiffChunk("ANIM", new byte[6]), RiffChunk("ANMF", [.. new byte[16], .. RiffChunk("VP8L", Lossless(3, 2))]));

        AssertRefused(animated, ImageSanitizer.TypeKey);
    }

    [Fact]
    public void An_extended_WebP_whose_picture_does_not_match_its_canvas_is_refused_as_corrupt()
    {
        AssertRefused(WebP(Vp8X(0, 4, 2), RiffChunk("VP8L", Lossless(3, 2))), ImageSanitizer.CorruptKey);
        AssertRefused(WebP(Vp8X(0, 3, 2)), ImageSanitizer.CorruptKey);
    }

    [Fact]
    public void A_WebP_declaring_absurd_dimensions_is_refused()
    {
        AssertRefused(WebP(Vp8X(0, 20_000, 20_000), RiffChunk("VP8L", Lossless(3, 2))), ImageSanitizer.DimensionsKey);
        // The largest canvas VP8X can declare (24 bits each way) in a file of a few dozen bytes.
        AssertRefused(WebP(Vp8X(0, 1 << 24, 1 << 24), RiffChunk("VP8L", Lossless(3, 2))), ImageSanitizer.DimensionsKey);
        AssertRefused(WebP(RiffChunk("VP8L", Lossless(16_384, 16_384))), ImageSanitizer.DimensionsKey);
        AssertRefused(WebP(RiffChunk("VP8 ", LossyKeyFrameHeader(16_000, 16_000))), ImageSanitizer.DimensionsKey);
    }

    [Fact]
    public void A_WebP_chunk_of_odd_size_without_its_pad_byte_is_refused_as_corrupt()
    {
        var webp = WebPWithMetadata();
        var truncatedPad = webp[..^1];
        BinaryPrimitives.WriteInt32LittleEndian(truncatedPad.AsSpan(4), truncatedPad.Length - 8);

        AssertRefused(truncatedPad, ImageSanitizer.CorruptKey);
    }

    // ---- All formats ----

    [Theory]
    [InlineData("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj")]
    [InlineData("<!DOCTYPE html><html><body><img src=x onerror=alert(1)></body></html>")]
    [InlineData("PK\u0003\u0004\u0014\u0000\u0000\u0000evidence.png")]
    [InlineData("This text file was renamed to screenshot.png")]
    [InlineData("GIF89a\u0001\u0000\u0001\u0000")]
    [InlineData("RIFF\u0004\u0000\u0000\u0000WAVE")]
    [InlineData("\u0089PN")]
    [InlineData("")]
    public void Anything_that_is_not_PNG_JPEG_or_WebP_by_its_bytes_is_refused_as_the_wrong_type(string content)
    {
        AssertRefused(Encoding.Latin1.GetBytes(content), ImageSanitizer.TypeKey);
    }

    [Theory]
    [MemberData(nameof(Truncations))]
    public void A_truncated_image_is_refused_as_corrupt(string format, int keep)
    {
        var whole = Sample(format);
        var cut = keep > 0 ? whole[..keep] : whole[..(whole.Length + keep)];

        AssertRefused(cut, ImageSanitizer.CorruptKey);
    }

    public static TheoryData<string, int> Truncations()
    {
        var data = new TheoryData<string, int>();
        foreach (var format in new[] { "png", "jpeg", "webp" })
        {
            var length = Sample(format).Length;
            data.Add(format, 12);
            data.Add(format, length / 2);
            data.Add(format, -1);
            data.Add(format, -2);
        }
        return data;
    }

    [Fact]
    public void An_upload_over_five_megabytes_is_refused_as_too_large_before_anything_else()
    {
        var huge = new byte[ImageSanitizer.MaxBytes + 1];
        PngWithMetadata().CopyTo(huge, 0);

        AssertRefused(huge, ImageSanitizer.TooLargeKey);
    }

    [Fact]
    public void An_upload_of_exactly_five_megabytes_is_accepted()
    {
        var png = Png(Header(3, 2), Idat(3, 2), Iend);
        var padded = new byte[ImageSanitizer.MaxBytes];
        png.CopyTo(padded, 0);

        Assert.Equal(png, Clean(padded).Content);
    }

    [Theory]
    [InlineData("png")]
    [InlineData("apng")]
    [InlineData("jpeg")]
    [InlineData("webp")]
    public void Cleaning_a_cleaned_image_changes_nothing(string format)
    {
        var once = Clean(Sample(format));
        var twice = Clean(once.Content);

        Assert.Equal(once, twice with { Content = once.Content });
        Assert.Equal(once.Content, twice.Content);
    }

    [Fact]
    public void Thousands_of_mutated_uploads_are_cleaned_or_refused_with_a_reason_but_never_throw()
    {
        var random = new Random(20_250_611);
        string[] formats = ["png", "apng", "jpeg", "webp"];
        var samples = formats.Select(Sample).ToArray();
        string[] reasons = [ImageSanitizer.TypeKey, ImageSanitizer.DimensionsKey, ImageSanitizer.CorruptKey];
        var cleaned = 0;

        for (var i = 0; i < 4_000; i++)
        {
            var input = Mutate(samples[i % samples.Length], random);
            // Most PNG damage is caught by the CRC; re-signing half of them lets the mutations reach the chunk logic.
            if (i % 8 < 4) ResignPngChunks(input);

            if (ImageSanitizer.TryClean(input, out var image, out var reason))
            {
                cleaned++;
                Assert.True(image.Content.Length <= input.Length);
                Assert.True(ImageSanitizer.TryClean(image.Content, out var again, out _));
                Assert.Equal(image.Content, again.Content);
            }
            else
            {
                Assert.Contains(reason, reasons);
            }
        }
        Assert.InRange(cleaned, 1, 3_999);
    }

    // ---- Helpers: assertions ----

    private static CleanImage Clean(byte[] bytes)
    {
        Assert.True(ImageSanitizer.TryClean(bytes, out var image, out var reason), $"Refused with {reason}.");
        return image;
    }

    private static void AssertRefused(byte[] bytes, string expected)
    {
        Assert.False(ImageSanitizer.TryClean(bytes, out var image, out var reason));
        Assert.Null(image);
        Assert.Equal(expected, reason);
    }

    private static void AssertAbsent(byte[] content, params string[] markers)
    {
        var text = Latin1(content);
        foreach (var marker in markers) Assert.DoesNotContain(marker, text, StringComparison.Ordinal);
    }

    private static string Latin1(byte[] bytes) => Encoding.Latin1.GetString(bytes);

    private static int IndexOf(byte[] bytes, string ascii) => bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(ascii));

    private static byte[] Sample(string format) => format switch
    {
        "png" => PngWithMetadata(),
        "apng" => Png(Header(3, 2), PngChunk("acTL", [0, 0, 0, 1, 0, 0, 0, 0]), FrameControl(0, 3, 2), Idat(3, 2), Iend),
        "jpeg" => JpegWithMetadata(),
        "webp" => WebPWithMetadata(),
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    private static byte[] Mutate(byte[] sample, Random random)
    {
        var bytes = sample.ToList();
        for (var n = random.Next(1, 4); n > 0 && bytes.Count > 0; n--)
        {
            // Structure sits at the front of every container, so aim there more often than not.
            var at = random.Next(2) == 0 ? random.Next(Math.Min(64, bytes.Count)) : random.Next(bytes.Count);
            switch (random.Next(6))
            {
                case 0: bytes[at] = (byte)random.Next(256); break;
                case 1: bytes[at] = random.Next(2) == 0 ? (byte)0xFF : (byte)0x00; break;
                case 2: bytes.RemoveRange(at, bytes.Count - at); break;
                case 3: bytes.InsertRange(at, Enumerable.Range(0, random.Next(1, 9)).Select(_ => (byte)random.Next(256))); break;
                case 4: bytes.RemoveRange(at, Math.Min(bytes.Count - at, random.Next(1, 9))); break;
                default: bytes.InsertRange(at, bytes.Skip(random.Next(bytes.Count)).Take(random.Next(1, 24)).ToList()); break;
            }
        }
        return [.. bytes];
    }

    // ---- Helpers: PNG ----

    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] Iend = PngChunk("IEND", []);

    private static byte[] PngWithMetadata()
    {
        // Two IDAT chunks, so the test also sees that a split data stream stays whole.
        var compressed = Deflate(RgbScanlines(3, 2));
        var split = compressed.Length / 2;
        return Png(Header(3, 2),
            PngChunk("gAMA", [0, 0, 0xB1, 0x8F]),
            PngChunk("pHYs", [0, 0, 0x16, 0x25, 0, 0, 0x16, 0x25, 1]),
            PngChunk("tEXt", Encoding.Latin1.GetBytes("Author\0" + Author)),
            PngChunk("eXIf", Encoding.ASCII.GetBytes("MM\0*\0\0\0\u0008" + Gps)),
            PngChunk("tIME", [0x07, 0xE9, 6, 11, 9, 30, 0]),
            PngChunk("prVt", Encoding.ASCII.GetBytes(Author)),
            PngChunk("IDAT", compressed[..split]),
            PngChunk("IDAT", compressed[split..]),
            Iend);
    }

    private static byte[] Png(params byte[][] chunks) => [.. PngSignature, .. chunks.SelectMany(c => c)];

    private static byte[] Header(uint width, uint height)
    {
        var data = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(data, width);
        BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(4), height);
        data[8] = 8; // bit depth
        data[9] = 2; // truecolour
        return PngChunk("IHDR", data);
    }

    /// <summary>An APNG frame covering the whole canvas from the top left, shown for a tenth of a second.</summary>
    private static byte[] FrameControl(uint sequence, uint width, uint height)
    {
        var data = new byte[26];
        BinaryPrimitives.WriteUInt32BigEndian(data, sequence);
        BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(4), width);
        BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(8), height);
        BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(20), 1);
        BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(22), 10);
        return PngChunk("fcTL", data);
    }

    private static byte[] Idat(int width, int height) => PngChunk("IDAT", Deflate(RgbScanlines(width, height)));

    private static byte[] RgbScanlines(int width, int height)
    {
        var raw = new byte[height * (1 + (3 * width))];
        for (var i = 0; i < raw.Length; i++) raw[i] = i % (1 + (3 * width)) == 0 ? (byte)0 : (byte)(i * 37);
        return raw;
    }

    private static byte[] Deflate(byte[] raw)
    {
        using var buffer = new MemoryStream();
        using (var deflater = new ZLibStream(buffer, CompressionLevel.SmallestSize)) deflater.Write(raw);
        return buffer.ToArray();
    }

    private static byte[] PngChunk(string type, byte[] data)
    {
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(chunk, data.Length);
        Encoding.ASCII.GetBytes(type).CopyTo(chunk, 4);
        data.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), BitwiseCrc32(chunk.AsSpan(4, 4 + data.Length)));
        return chunk;
    }

    private static List<(string Type, byte[] Data)> PngChunks(byte[] png)
    {
        var chunks = new List<(string, byte[])>();
        for (var pos = 8; pos + 12 <= png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(pos));
            chunks.Add((Encoding.ASCII.GetString(png, pos + 4, 4), png[(pos + 8)..(pos + 8 + length)]));
            pos += 12 + length;
        }
        return chunks;
    }

    /// <summary>Rewrites every CRC it can reach, so a mutated PNG fails on its structure rather than its checksum.</summary>
    private static void ResignPngChunks(byte[] bytes)
    {
        if (!bytes.AsSpan().StartsWith(PngSignature)) return;
        for (var pos = 8; pos + 12 <= bytes.Length;)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(pos));
            if (length > bytes.Length - pos - 12) return;
            BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(pos + 8 + (int)length), BitwiseCrc32(bytes.AsSpan(pos + 4, 4 + (int)length)));
            pos += 12 + (int)length;
        }
    }

    /// <summary>Bit at a time rather than table-driven, so it does not share a mistake with the code under test.</summary>
    private static uint BitwiseCrc32(ReadOnlySpan<byte> data)
    {
        var crc = uint.MaxValue;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1)));
        }
        return ~crc;
    }

    // ---- Helpers: JPEG ----

    // An 8-bit greyscale baseline JPEG built by hand: unit quantisation, and Huffman tables whose only code ("0")
    // means "DC difference 0" and "end of block", so each 8×8 block costs two bits and decodes to mid-grey.
    private static readonly byte[] Eoi = [0xFF, 0xD9];
    private static readonly byte[] Dqt = JpegSegment(0xDB, [0, .. Enumerable.Repeat((byte)1, 64)]);
    private static readonly byte[] DhtDc = JpegSegment(0xC4, [0x00, 1, .. new byte[15], 0x00]);
    private static readonly byte[] DhtAc = JpegSegment(0xC4, [0x10, 1, .. new byte[15], 0x00]);
    private static readonly byte[] Sos = JpegSegment(0xDA, [1, 1, 0x00, 0, 63, 0]);
    private static readonly byte[] ExifSegment = JpegSegment(0xE1, Encoding.ASCII.GetBytes("Exif\0\0MM\0*\0\0\0\u0008" + Gps));

    private static byte[] Sof0(int width, int height) =>
        JpegSegment(0xC0, [8, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 1, 1, 0x11, 0]);

    /// <summary>Tables, frame and scan for a 16×8 grey picture: two blocks, four zero bits, padded with ones.</summary>
    private static byte[] GreyFrame(int width, int height) => [.. Dqt, .. Sof0(width, height), .. DhtDc, .. DhtAc, .. Sos, 0x0F];

    private static byte[] JpegWithMetadata() => Jpeg(
        JpegSegment(0xE0, [.. "JFIF\0"u8, 1, 1, 0, 0, 1, 0, 1, 0, 0]),
        ExifSegment,
        JpegSegment(0xE1, Encoding.ASCII.GetBytes("http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><dc:creator>" + Author + "</dc:creator></x:xmpmeta>")),
        JpegSegment(0xE2, [.. "ICC_PROFILE\0"u8, 1, 1, .. new byte[16]]),
        JpegSegment(0xE2, [.. "MPF\0"u8, .. "MM\0*"u8, 0, 0, 0, 8]),
        JpegSegment(0xED, Encoding.ASCII.GetBytes("Photoshop 3.0\08BIM\u0004\u0004\0\0\0\0\0\u0010\u001C\u0002\u0050\0\u000D" + Author)),
        JpegSegment(0xEE, [.. "Adobe"u8, 0, 100, 0, 0, 0, 0, 0]),
        JpegSegment(0xFE, Encoding.ASCII.GetBytes("Taken by " + Author)),
        GreyFrame(16, 8),
        Eoi);

    private static byte[] Jpeg(params byte[][] parts) => [0xFF, 0xD8, .. parts.SelectMany(p => p)];

    private static byte[] JpegSegment(byte marker, byte[] payload) =>
        [0xFF, marker, (byte)((payload.Length + 2) >> 8), (byte)(payload.Length + 2), .. payload];

    /// <summary>The markers of a clean JPEG after SOI, stepping over segments and the entropy-coded scan.</summary>
    private static List<byte> JpegMarkers(byte[] jpeg)
    {
        var markers = new List<byte>();
        for (var pos = 2; pos + 1 < jpeg.Length;)
        {
            var marker = jpeg[pos + 1];
            markers.Add(marker);
            if (marker == 0xD9) break;
            pos += 2 + BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(pos + 2));
            if (marker == 0xDA) while (!(jpeg[pos] == 0xFF && jpeg[pos + 1] is not (0x00 or (>= 0xD0 and <= 0xD7)))) pos++;
        }
        return markers;
    }

    // ---- Helpers: WebP ----

    private static byte[] WebPWithMetadata() => WebP(
        Vp8X(0x08 | 0x04, 3, 2),
        RiffChunk("VP8L", Lossless(3, 2)),
        // 25 bytes: odd, so a pad byte follows and the XMP chunk is only found if padding is honoured.
        RiffChunk("EXIF", Encoding.ASCII.GetBytes("MM\0*" + Gps + "\0")),
        RiffChunk("XMP ", Encoding.ASCII.GetBytes("<x:xmpmeta><dc:creator>" + Author + "</dc:creator></x:xmpmeta>")));

    private static byte[] WebP(params byte[][] chunks)
    {
        byte[] body = [.. "WEBP"u8, .. chunks.SelectMany(c => c)];
        var size = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(size, body.Length);
        return [.. "RIFF"u8, .. size, .. body];
    }

    private static byte[] RiffChunk(string fourCc, byte[] payload)
    {
        var size = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(size, payload.Length);
        return [.. Encoding.ASCII.GetBytes(fourCc), .. size, .. payload, .. payload.Length % 2 == 1 ? new byte[1] : []];
    }

    private static byte[] Vp8X(byte flags, int width, int height) => RiffChunk("VP8X",
        [flags, 0, 0, 0, (byte)(width - 1), (byte)((width - 1) >> 8), (byte)((width - 1) >> 16), (byte)(height - 1), (byte)((height - 1) >> 8), (byte)((height - 1) >> 16)]);

    private static List<(string FourCc, int Size)> RiffChunks(byte[] webp)
    {
        var chunks = new List<(string, int)>();
        for (var pos = 12; pos + 8 <= webp.Length;)
        {
            var size = BinaryPrimitives.ReadInt32LittleEndian(webp.AsSpan(pos + 4));
            chunks.Add((Encoding.ASCII.GetString(webp, pos, 4), size));
            pos += 8 + size + (size & 1);
        }
        return chunks;
    }

    /// <summary>
    /// A VP8L bitstream for an opaque red picture: no transforms, no colour cache, and five one-symbol prefix codes
    /// (green 0, red 255, blue 0, alpha 255, distance 0), so every pixel takes zero bits.
    /// </summary>
    private static byte[] Lossless(int width, int height)
    {
        var bits = new BitWriter();
        bits.Add(0x2F, 8);
        bits.Add(width - 1, 14);
        bits.Add(height - 1, 14);
        bits.Add(0, 1); // alpha unused
        bits.Add(0, 3); // version 0
        bits.Add(0, 1); // no transform
        bits.Add(0, 1); // no colour cache
        bits.Add(0, 1); // no meta prefix codes
        foreach (var symbol in new[] { 0, 255, 0, 255, 0 })
        {
            bits.Add(1, 1); // simple code
            bits.Add(0, 1); // one symbol
            var wide = symbol > 1;
            bits.Add(wide ? 1 : 0, 1);
            bits.Add(symbol, wide ? 8 : 1);
        }
        return bits.ToArray();
    }

    /// <summary>Just the 10-byte VP8 key-frame header (show frame, empty first partition): enough for the container, not a decodable picture.</summary>
    private static byte[] LossyKeyFrameHeader(int width, int height) =>
        [0x10, 0, 0, 0x9D, 0x01, 0x2A, (byte)width, (byte)(width >> 8), (byte)height, (byte)(height >> 8)];

    private sealed class BitWriter
    {
        private readonly List<byte> _bytes = [];
        private int _used;

        public void Add(int value, int count)
        {
            for (var i = 0; i < count; i++, _used++)
            {
                if (_used % 8 == 0) _bytes.Add(0);
                _bytes[^1] |= (byte)(((value >> i) & 1) << (_used % 8));
            }
        }

        public byte[] ToArray() => [.. _bytes];
    }
}
