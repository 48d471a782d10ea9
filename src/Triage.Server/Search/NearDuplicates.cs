using System.Buffers.Binary;
using System.Numerics;

namespace Triage.Server.Search;

/// <summary>
/// A MinHash signature of a folded text. The values are stored beside the report and compared
/// later, so their hashing is fixed: <see cref="NearDuplicates"/> changes it only with a new <see cref="Format"/>.
/// </summary>
public sealed record TextSignature(uint[] Values)
{
    // A reader can tell a signature from an older shingling or hashing, which would compare as noise.
    public const byte Format = 1;

    public byte[] ToBytes()
    {
        var bytes = new byte[1 + Values.Length * sizeof(uint)];
        bytes[0] = Format;
        for (var i = 0; i < Values.Length; i++)
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(1 + i * sizeof(uint)), Values[i]);
        return bytes;
    }

    public static TextSignature FromBytes(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length != 1 + NearDuplicates.SignatureLength * sizeof(uint) || bytes[0] != Format)
            throw new FormatException($"Not a format {Format} text signature of {NearDuplicates.SignatureLength} values.");
        var values = new uint[NearDuplicates.SignatureLength];
        for (var i = 0; i < values.Length; i++)
            values[i] = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(1 + i * sizeof(uint)));
        return new TextSignature(values);
    }

    // Records compare arrays by reference; a signature read back from the database must equal the one written.
    public bool Equals(TextSignature? other) =>
        other is not null && Values.AsSpan().SequenceEqual(other.Values);

    // In memory only, so HashCode's per-process seed does no harm; a minimum is already a well-spread hash.
    public override int GetHashCode() => Values.Length == 0 ? 0 : HashCode.Combine(Values.Length, Values[0]);
}

/// <summary>
/// Finds reports that are the same text retyped: MinHash over 5-character shingles of the folded
/// text, banded for lookup. Parameters and threshold: docs/decisions/0005-near-duplicate-threshold.md.
/// </summary>
public static class NearDuplicates
{
    /// <summary>Estimated Jaccard similarity from which two reports are the same claim.</summary>
    public const double Threshold = 0.6;

    public const int ShingleLength = 5;
    public const int SignatureLength = Bands * RowsPerBand;
    public const int Bands = 32;
    public const int RowsPerBand = 4;

    /// <summary>Folded texts shorter than this are not signed.</summary>
    public const int MinimumLength = 60;

    // Multipliers and offsets of the 128 hash functions h_i(x) = a_i * x + b_i (mod 2^32). Drawn once
    // from a fixed seed: a stored signature is only comparable with one made by the same functions.
    private static readonly uint[] Multipliers = DrawConstants(0x9E3779B97F4A7C15UL, odd: true);
    private static readonly uint[] Offsets = DrawConstants(0xD1B54A32D192ED03UL, odd: false);

    /// <summary>
    /// The signature of a text already passed through <see cref="TextFold.Fold"/>, or null when it
    /// is too short: a short text is mostly the words every claim on its topic uses, so its
    /// shingles cannot tell two claims apart (see the decision record).
    /// </summary>
    public static TextSignature? Sign(string folded)
    {
        ArgumentNullException.ThrowIfNull(folded);
        if (folded.Length < MinimumLength) return null;

        var width = Vector<uint>.Count;
        Span<Vector<uint>> minima = stackalloc Vector<uint>[SignatureLength / width];
        minima.Fill(new Vector<uint>(uint.MaxValue));
        var multipliers = Vectors(Multipliers);
        var offsets = Vectors(Offsets);

        var text = folded.AsSpan();
        for (var start = 0; start + ShingleLength <= text.Length; start++)
        {
            var x = new Vector<uint>(ShingleHash(text.Slice(start, ShingleLength)));
            for (var block = 0; block < minima.Length; block++)
                minima[block] = Vector.Min(minima[block], multipliers[block] * x + offsets[block]);
        }

        var values = new uint[SignatureLength];
        for (var block = 0; block < minima.Length; block++) minima[block].CopyTo(values, block * width);
        return new TextSignature(values);
    }

    /// <summary>
    /// One key per band of <see cref="RowsPerBand"/> values; two signatures sharing any key are
    /// candidates. The band index fills the top byte, so keys of different bands never collide.
    /// </summary>
    public static long[] BandKeys(TextSignature signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        RequireLength(signature);
        var keys = new long[Bands];
        for (var band = 0; band < Bands; band++)
        {
            var hash = (ulong)band;
            for (var row = 0; row < RowsPerBand; row++)
                hash = Mix(hash * 0x9E3779B97F4A7C15UL ^ signature.Values[band * RowsPerBand + row]);
            keys[band] = (long)(((ulong)band << 56) | (hash >> 8));
        }
        return keys;
    }

    /// <summary>The share of equal values: an unbiased estimate of the Jaccard similarity of the shingle sets.</summary>
    public static double Similarity(TextSignature a, TextSignature b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        RequireLength(a);
        RequireLength(b);
        // Each equal lane is all ones, that is -1 as an int; the brute-force measurement compares 54 million pairs.
        var equal = Vector<int>.Zero;
        var left = Vectors(a.Values);
        var right = Vectors(b.Values);
        for (var i = 0; i < left.Length; i++)
            equal -= Vector.AsVectorInt32(Vector.Equals(left[i], right[i]));
        return (double)Vector.Sum(equal) / SignatureLength;
    }

    // Chars are packed whole, so every script hashes without an encoding step.
    private static uint ShingleHash(ReadOnlySpan<char> shingle)
    {
        var packed = shingle[0] | ((ulong)shingle[1] << 16) | ((ulong)shingle[2] << 32) | ((ulong)shingle[3] << 48);
        return (uint)(Mix(packed ^ (shingle[4] * 0xC2B2AE3D27D4EB4FUL)) >> 32);
    }

    // The MurmurHash3 finaliser: every input bit reaches every output bit.
    private static ulong Mix(ulong value)
    {
        value ^= value >> 33;
        value *= 0xFF51AFD7ED558CCDUL;
        value ^= value >> 33;
        value *= 0xC4CEB9FE1A85EC53UL;
        value ^= value >> 33;
        return value;
    }

    private static uint[] DrawConstants(ulong seed, bool odd)
    {
        // A SplitMix64-style sequence: written here, unlike Random, whose sequence for a seed may change between runtimes.
        var constants = new uint[SignatureLength];
        for (var i = 0; i < constants.Length; i++)
        {
            seed += 0x9E3779B97F4A7C15UL;
            var drawn = (uint)(Mix(seed) >> 32);
            constants[i] = odd ? drawn | 1 : drawn;
        }
        return constants;
    }

    private static ReadOnlySpan<Vector<uint>> Vectors(uint[] values) =>
        System.Runtime.InteropServices.MemoryMarshal.Cast<uint, Vector<uint>>(values);

    private static void RequireLength(TextSignature signature)
    {
        if (signature.Values.Length != SignatureLength)
            throw new ArgumentException($"A text signature has {SignatureLength} values.", nameof(signature));
    }
}
