using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Triage.Server.Evidence;

/// <summary>An evidence image with its metadata removed, ready to store.</summary>
public sealed record CleanImage(byte[] Content, string ContentType, int Width, int Height);

/// <summary>
/// Removes metadata from uploaded screenshots so that nothing about the reporter (where, when, which device, who)
/// is stored with the evidence. It works on the container only: chunks and segments are kept or dropped whole and
/// the compressed pixels are copied byte for byte, so nothing is decoded and nothing is re-encoded.
/// </summary>
public static class ImageSanitizer
{
    public const int MaxBytes = 5 * 1024 * 1024;
    public const int MaxSide = 16384;
    public const long MaxPixels = 40_000_000;
    public const string TypeKey = "Validation.ImageType";
    public const string TooLargeKey = "Validation.ImageTooLarge";
    public const string DimensionsKey = "Validation.ImageDimensions";
    public const string CorruptKey = "Validation.ImageCorrupt";

    /// <summary>
    /// Cleans <paramref name="bytes"/>, whose type is judged from its content alone. On refusal
    /// <paramref name="errorKey"/> is one of the <c>*Key</c> constants; hostile input is refused, never thrown on.
    /// </summary>
    public static bool TryClean(ReadOnlySpan<byte> bytes, [NotNullWhen(true)] out CleanImage? image, [NotNullWhen(false)] out string? errorKey)
    {
        image = null;
        if (bytes.Length > MaxBytes)
        {
            errorKey = TooLargeKey;
            return false;
        }

        var output = new ArrayBufferWriter<byte>(Math.Max(bytes.Length, 1));
        int width, height;
        string contentType;
        if (bytes.StartsWith(Png.Signature))
        {
            errorKey = Png.Clean(bytes, output, out width, out height);
            contentType = "image/png";
        }
        else if (bytes.StartsWith(Jpeg.Signature))
        {
            errorKey = Jpeg.Clean(bytes, output, out width, out height);
            contentType = "image/jpeg";
        }
        else if (bytes.Length >= 12 && bytes.StartsWith("RIFF"u8) && bytes.Slice(8, 4).SequenceEqual("WEBP"u8))
        {
            errorKey = WebP.Clean(bytes, output, out width, out height);
            contentType = "image/webp";
        }
        else
        {
            errorKey = TypeKey;
            return false;
        }

        if (errorKey is not null) return false;
        image = new CleanImage(output.WrittenSpan.ToArray(), contentType, width, height);
        return true;
    }
}

/// <summary>The decompression-bomb guard shared by the three formats.</summary>
file static class Limits
{
    public static string? Check(long width, long height) =>
        width <= 0 || height <= 0 || width > ImageSanitizer.MaxSide || height > ImageSanitizer.MaxSide || width * height > ImageSanitizer.MaxPixels
            ? ImageSanitizer.DimensionsKey
            : null;
}

/// <summary>
/// Chunk-level PNG cleaning. A chunk is kept only if a browser needs it to draw the right pixels in the right
/// colours; everything else ancillary goes, including chunks we have never heard of, because an unknown chunk is
/// exactly where a tool would hide a name or a location.
/// </summary>
file static class Png
{
    public static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    // tRNS is transparency; gAMA, cHRM, sRGB, iCCP and cICP say how to interpret the colours. The ICC profile can
    // name a monitor model, but dropping it shifts wide-gamut screenshots and JPEG keeps its profile for the same
    // reason. pHYs (print density), sBIT, bKGD, hIST and sPLT change nothing on screen, and pHYs in particular
    // hints at the capture device (144 dpi is a Retina Mac), so they are dropped with the text, eXIf and tIME chunks.
    // APNG's acTL, fcTL and fdAT are ancillary too: dropping them leaves the default image, which APNG requires to be
    // a complete still picture at the IHDR size, so an animation becomes its first frame rather than a refusal.
    private static readonly HashSet<string> KeptAncillary = ["tRNS", "gAMA", "cHRM", "sRGB", "iCCP", "cICP"];

    public static string? Clean(ReadOnlySpan<byte> input, ArrayBufferWriter<byte> output, out int width, out int height)
    {
        width = height = 0;
        output.Write(Signature);
        var pos = Signature.Length;
        var seenHeader = false;
        var seenPalette = false;
        var seenData = false;
        byte colourType = 0;

        while (true)
        {
            if (input.Length - pos < 12) return ImageSanitizer.CorruptKey;
            var length = BinaryPrimitives.ReadUInt32BigEndian(input[pos..]);
            if (length > (uint)(input.Length - pos - 12)) return ImageSanitizer.CorruptKey;
            var chunk = input.Slice(pos, 12 + (int)length);
            pos += chunk.Length;

            var typeAndData = chunk.Slice(4, 4 + (int)length);
            var type = typeAndData[..4];
            var data = typeAndData[4..];
            if (!IsLetters(type)) return ImageSanitizer.CorruptKey;
            if (Crc32.Compute(typeAndData) != BinaryPrimitives.ReadUInt32BigEndian(chunk[^4..])) return ImageSanitizer.CorruptKey;
            var name = Encoding.ASCII.GetString(type);

            if (!seenHeader)
            {
                if (name != "IHDR") return ImageSanitizer.CorruptKey;
                var error = ReadHeader(data, out width, out height, out colourType);
                if (error is not null) return error;
                seenHeader = true;
                output.Write(chunk);
                continue;
            }

            switch (name)
            {
                case "IHDR":
                    return ImageSanitizer.CorruptKey;
                case "PLTE":
                    seenPalette = true;
                    output.Write(chunk);
                    break;
                case "IDAT":
                    seenData = true;
                    output.Write(chunk);
                    break;
                case "IEND":
                    if (length != 0 || !seenData || (colourType == 3 && !seenPalette)) return ImageSanitizer.CorruptKey;
                    output.Write(chunk);
                    // Whatever follows IEND is no part of the image and is a classic place to append a payload.
                    return null;
                default:
                    if (KeptAncillary.Contains(name)) output.Write(chunk);
                    // A critical chunk we do not know means we cannot tell what the picture is; a decoder must fail too.
                    else if ((type[0] & 0x20) == 0) return ImageSanitizer.CorruptKey;
                    break;
            }
        }
    }

    private static string? ReadHeader(ReadOnlySpan<byte> data, out int width, out int height, out byte colourType)
    {
        width = height = 0;
        colourType = 0;
        if (data.Length != 13) return ImageSanitizer.CorruptKey;
        var w = BinaryPrimitives.ReadUInt32BigEndian(data);
        var h = BinaryPrimitives.ReadUInt32BigEndian(data[4..]);
        var limit = Limits.Check(w, h);
        if (limit is not null) return limit;

        var depth = data[8];
        colourType = data[9];
        var depthAllowed = colourType switch
        {
            0 => depth is 1 or 2 or 4 or 8 or 16,
            3 => depth is 1 or 2 or 4 or 8,
            2 or 4 or 6 => depth is 8 or 16,
            _ => false,
        };
        if (!depthAllowed || data[10] != 0 || data[11] != 0 || data[12] > 1) return ImageSanitizer.CorruptKey;
        width = (int)w;
        height = (int)h;
        return null;
    }

    private static bool IsLetters(ReadOnlySpan<byte> type)
    {
        foreach (var b in type)
        {
            if (b is not ((>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z'))) return false;
        }
        return true;
    }
}

/// <summary>
/// Segment-level JPEG cleaning. Everything a decoder needs to rebuild the pixels is kept; the application segments
/// that carry camera, location, author and editing history are dropped, as are comments.
/// </summary>
file static class Jpeg
{
    public static ReadOnlySpan<byte> Signature => [0xFF, 0xD8, 0xFF];

    private const byte StartOfImage = 0xD8;
    private const byte EndOfImage = 0xD9;
    private const byte StartOfScan = 0xDA;
    private const byte App0 = 0xE0;
    private const byte App2 = 0xE2;
    private const byte App14 = 0xEE;

    public static string? Clean(ReadOnlySpan<byte> input, ArrayBufferWriter<byte> output, out int width, out int height)
    {
        width = height = 0;
        output.Write<byte>([0xFF, StartOfImage]);
        var pos = 2;
        var seenFrame = false;
        var seenScan = false;

        while (true)
        {
            if (pos >= input.Length || input[pos] != 0xFF) return ImageSanitizer.CorruptKey;
            // Any marker may be preceded by 0xFF fill bytes; they carry nothing, so the output has none.
            while (pos < input.Length && input[pos] == 0xFF) pos++;
            if (pos >= input.Length) return ImageSanitizer.CorruptKey;
            var marker = input[pos++];

            if (marker == EndOfImage)
            {
                if (!seenScan) return ImageSanitizer.CorruptKey;
                output.Write<byte>([0xFF, EndOfImage]);
                // Anything after EOI is dropped: phones append MPF depth maps and previews there, each with its own EXIF.
                return null;
            }
            if (marker is 0x00 or StartOfImage) return ImageSanitizer.CorruptKey;
            // TEM and a stray restart marker outside a scan have no payload and mean nothing to a decoder here.
            if (marker is 0x01 or (>= 0xD0 and <= 0xD7)) continue;

            if (input.Length - pos < 2) return ImageSanitizer.CorruptKey;
            int length = BinaryPrimitives.ReadUInt16BigEndian(input[pos..]);
            if (length < 2 || length > input.Length - pos) return ImageSanitizer.CorruptKey;
            var segment = input.Slice(pos, length);
            var payload = segment[2..];
            pos += length;

            if (IsStartOfFrame(marker))
            {
                // Only hierarchical JPEG has several frames, and no browser draws it.
                if (seenFrame) return ImageSanitizer.CorruptKey;
                var error = ReadFrame(payload, out width, out height);
                if (error is not null) return error;
                seenFrame = true;
                Write(output, marker, segment);
            }
            else if (marker == StartOfScan)
            {
                if (!seenFrame || payload.Length < 1 || payload[0] is < 1 or > 4 || payload.Length != 4 + (2 * payload[0])) return ImageSanitizer.CorruptKey;
                Write(output, marker, segment);
                var end = EndOfEntropyData(input, pos);
                if (end < 0) return ImageSanitizer.CorruptKey;
                output.Write(input[pos..end]);
                pos = end;
                seenScan = true;
            }
            else if (marker == App0)
            {
                WriteJfifWithoutThumbnail(output, payload);
            }
            else if (marker == App2)
            {
                // APP2 also carries MPF (the index of appended secondary images) and FlashPix data; only the profile matters.
                if (payload.StartsWith("ICC_PROFILE\0"u8)) Write(output, marker, segment);
            }
            else if (marker == App14)
            {
                // Adobe's segment says whether the channels are YCbCr, RGB or YCCK; without it CMYK and RGB JPEGs get wrong colours.
                if (payload.StartsWith("Adobe"u8)) Write(output, marker, segment);
            }
            else if (marker is 0xC4 or 0xCC or 0xDB or 0xDC or 0xDD or 0xDE or 0xDF)
            {
                // Huffman and arithmetic tables, quantisation, line count, restart interval, hierarchical progression.
                Write(output, marker, segment);
            }
            else if (marker is not ((>= 0xE0 and <= 0xEF) or 0xFE or 0xC8 or (>= 0xF0 and <= 0xFD)))
            {
                // The other application segments and comments are dropped (EXIF, XMP, IPTC, Photoshop, maker notes);
                // JPG extension markers are dropped too as nothing a browser decodes uses them. Reserved markers are not JPEG at all.
                return ImageSanitizer.CorruptKey;
            }
        }
    }

    /// <summary>
    /// SOF0..SOF15 hold the frame size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but are not frames.
    /// </summary>
    private static bool IsStartOfFrame(byte marker) => marker is >= 0xC0 and <= 0xCF and not (0xC4 or 0xC8 or 0xCC);

    private static string? ReadFrame(ReadOnlySpan<byte> payload, out int width, out int height)
    {
        width = height = 0;
        if (payload.Length < 6) return ImageSanitizer.CorruptKey;
        int h = BinaryPrimitives.ReadUInt16BigEndian(payload[1..]);
        int w = BinaryPrimitives.ReadUInt16BigEndian(payload[3..]);
        var components = payload[5];
        if (components == 0 || payload.Length != 6 + (3 * components)) return ImageSanitizer.CorruptKey;
        // A zero height legally defers to a DNL segment after the first scan; browsers do not support it, so it is refused as absurd.
        var limit = Limits.Check(w, h);
        if (limit is not null) return limit;
        width = w;
        height = h;
        return null;
    }

    /// <summary>
    /// Finds where the entropy-coded data after SOS stops: at the first 0xFF (or run of fill 0xFFs) followed by a real
    /// marker. 0xFF00 is a stuffed data byte and RST0..RST7 live inside the scan, so both are copied unchanged.
    /// Returns -1 when the data runs off the end.
    /// </summary>
    private static int EndOfEntropyData(ReadOnlySpan<byte> input, int pos)
    {
        while (true)
        {
            var next = input[pos..].IndexOf((byte)0xFF);
            if (next < 0) return -1;
            var ff = pos + next;
            var after = ff;
            while (after < input.Length && input[after] == 0xFF) after++;
            if (after >= input.Length) return -1;
            if (input[after] is not (0x00 or (>= 0xD0 and <= 0xD7))) return ff;
            pos = after + 1;
        }
    }

    /// <summary>
    /// Keeps a JFIF header but without its thumbnail: a thumbnail is a second copy of the picture that survives
    /// cropping and redaction in some editors. JFXX (extension thumbnails) and any other APP0 are dropped.
    /// </summary>
    private static void WriteJfifWithoutThumbnail(ArrayBufferWriter<byte> output, ReadOnlySpan<byte> payload)
    {
        // "JFIF\0", version (2), units (1), X and Y density (2 + 2), then thumbnail width and height.
        const int headerLength = 12;
        if (payload.Length < headerLength + 2 || !payload.StartsWith("JFIF\0"u8)) return;
        output.Write<byte>([0xFF, App0, 0x00, 2 + headerLength + 2]);
        output.Write(payload[..headerLength]);
        output.Write<byte>([0x00, 0x00]);
    }

    private static void Write(ArrayBufferWriter<byte> output, byte marker, ReadOnlySpan<byte> segment)
    {
        output.Write<byte>([0xFF, marker]);
        output.Write(segment);
    }
}

/// <summary>
/// RIFF-level WebP cleaning. The still forms are kept (simple lossy, simple lossless and extended); animated WebP is
/// refused because, unlike APNG, it has no still default image to fall back to without re-encoding.
/// </summary>
file static class WebP
{
    // VP8X flag bits: ICC 0x20, alpha 0x10, EXIF 0x08, XMP 0x04, animation 0x02.
    private const byte ExifFlag = 0x08;
    private const byte XmpFlag = 0x04;
    private const byte AnimationFlag = 0x02;

    private readonly record struct Chunk(string FourCc, int Offset, int Length);

    public static string? Clean(ReadOnlySpan<byte> input, ArrayBufferWriter<byte> output, out int width, out int height)
    {
        width = height = 0;
        var riffSize = BinaryPrimitives.ReadUInt32LittleEndian(input[4..]);
        if (riffSize < 4 || riffSize > (uint)(input.Length - 8)) return ImageSanitizer.CorruptKey;
        // Bytes beyond the RIFF size are no part of the file and are dropped.
        var body = input.Slice(12, (int)riffSize - 4);

        var chunks = new List<Chunk>();
        var pos = 0;
        while (pos < body.Length)
        {
            if (body.Length - pos < 8) return ImageSanitizer.CorruptKey;
            var size = BinaryPrimitives.ReadUInt32LittleEndian(body[(pos + 4)..]);
            // An odd-sized chunk is followed by one pad byte, which must be there.
            var padded = (long)size + (size & 1);
            if (padded > body.Length - pos - 8) return ImageSanitizer.CorruptKey;
            chunks.Add(new Chunk(Encoding.ASCII.GetString(body.Slice(pos, 4)), pos + 8, (int)size));
            pos += 8 + (int)padded;
        }
        if (chunks.Count == 0) return ImageSanitizer.CorruptKey;

        var first = chunks[0];
        var kept = new List<(Chunk Chunk, byte[]? Replacement)>();
        string? error;
        switch (first.FourCc)
        {
            case "VP8 " or "VP8L":
                // The simple form is that one chunk; anything after it (EXIF appended by some tools) is dropped.
                error = ReadBitstream(first.FourCc, Payload(body, first), out width, out height);
                if (error is not null) return error;
                kept.Add((first, null));
                break;
            case "VP8X":
                error = CleanExtended(body, chunks, kept, out width, out height);
                if (error is not null) return error;
                break;
            default:
                return ImageSanitizer.CorruptKey;
        }

        var outSize = 4L;
        foreach (var (chunk, _) in kept) outSize += 8 + chunk.Length + (chunk.Length & 1);
        Span<byte> word = stackalloc byte[4];
        output.Write("RIFF"u8);
        BinaryPrimitives.WriteUInt32LittleEndian(word, (uint)outSize);
        output.Write(word);
        output.Write("WEBP"u8);
        foreach (var (chunk, replacement) in kept)
        {
            output.Write(Encoding.ASCII.GetBytes(chunk.FourCc));
            BinaryPrimitives.WriteUInt32LittleEndian(word, (uint)chunk.Length);
            output.Write(word);
            output.Write(replacement ?? Payload(body, chunk));
            // The pad byte is written as zero, whatever the upload had there.
            if ((chunk.Length & 1) == 1) output.Write<byte>([0]);
        }
        return null;
    }

    private static string? CleanExtended(ReadOnlySpan<byte> body, List<Chunk> chunks, List<(Chunk, byte[]?)> kept, out int width, out int height)
    {
        width = height = 0;
        var header = Payload(body, chunks[0]);
        if (header.Length != 10) return ImageSanitizer.CorruptKey;
        var flags = header[0];
        if ((flags & AnimationFlag) != 0 || chunks.Exists(c => c.FourCc is "ANIM" or "ANMF")) return ImageSanitizer.TypeKey;
        var canvasWidth = ReadUInt24(header[4..]) + 1;
        var canvasHeight = ReadUInt24(header[7..]) + 1;
        var limit = Limits.Check(canvasWidth, canvasHeight);
        if (limit is not null) return limit;

        var cleanHeader = header.ToArray();
        cleanHeader[0] = (byte)(flags & ~(ExifFlag | XmpFlag));
        kept.Add((chunks[0], cleanHeader));

        var bitstreams = 0;
        foreach (var chunk in chunks.Skip(1))
        {
            switch (chunk.FourCc)
            {
                case "VP8 " or "VP8L":
                    bitstreams++;
                    var error = ReadBitstream(chunk.FourCc, Payload(body, chunk), out width, out height);
                    if (error is not null) return error;
                    kept.Add((chunk, null));
                    break;
                // Alpha for a lossy picture, and the colour profile (kept for the same reason as in PNG and JPEG).
                case "ALPH" or "ICCP":
                    kept.Add((chunk, null));
                    break;
                // EXIF, "XMP " and anything unknown are dropped.
            }
        }
        // A still extended WebP is exactly one picture the size of its canvas.
        if (bitstreams != 1 || width != canvasWidth || height != canvasHeight) return ImageSanitizer.CorruptKey;
        return null;
    }

    private static string? ReadBitstream(string fourCc, ReadOnlySpan<byte> payload, out int width, out int height)
    {
        width = height = 0;
        if (fourCc == "VP8L")
        {
            // Signature 0x2F, then 14 bits width - 1, 14 bits height - 1, 1 bit alpha, 3 bits version (0).
            if (payload.Length < 5 || payload[0] != 0x2F) return ImageSanitizer.CorruptKey;
            var bits = BinaryPrimitives.ReadUInt32LittleEndian(payload[1..]);
            if (bits >> 29 != 0) return ImageSanitizer.CorruptKey;
            width = (int)(bits & 0x3FFF) + 1;
            height = (int)((bits >> 14) & 0x3FFF) + 1;
        }
        else
        {
            // A key frame: 3-byte frame tag (bit 0 clear), start code 9D 01 2A, then 14-bit width and height, each with 2 scale bits.
            if (payload.Length < 10 || (payload[0] & 1) != 0 || !payload.Slice(3, 3).SequenceEqual((ReadOnlySpan<byte>)[0x9D, 0x01, 0x2A]))
                return ImageSanitizer.CorruptKey;
            var firstPartitionSize = (payload[0] | (payload[1] << 8) | (payload[2] << 16)) >> 5;
            if (firstPartitionSize > payload.Length - 10) return ImageSanitizer.CorruptKey;
            width = BinaryPrimitives.ReadUInt16LittleEndian(payload[6..]) & 0x3FFF;
            height = BinaryPrimitives.ReadUInt16LittleEndian(payload[8..]) & 0x3FFF;
        }
        var limit = Limits.Check(width, height);
        if (limit is not null)
        {
            width = height = 0;
            return limit;
        }
        return null;
    }

    private static ReadOnlySpan<byte> Payload(ReadOnlySpan<byte> body, Chunk chunk) => body.Slice(chunk.Offset, chunk.Length);

    private static int ReadUInt24(ReadOnlySpan<byte> bytes) => bytes[0] | (bytes[1] << 8) | (bytes[2] << 16);
}

/// <summary>
/// The CRC-32 PNG uses (ISO-HDLC, reflected polynomial 0xEDB88320). System.IO.Hashing is not referenced, and a
/// 1 KB table is all it takes.
/// </summary>
file static class Crc32
{
    private static readonly uint[] Table = BuildTable();

    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data) crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return ~crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        return table;
    }
}
