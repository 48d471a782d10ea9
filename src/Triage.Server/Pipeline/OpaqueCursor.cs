using System.Buffers.Text;
using System.Text;

namespace Triage.Server.Pipeline;

/// <summary>
/// The text of a keyset cursor, carried as base64url so clients treat it as opaque. A cursor is input like any
/// other: anything that is not base64url of valid UTF-8 is simply not a cursor this desk wrote.
/// </summary>
public static class OpaqueCursor
{
    public static string Encode(string text) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));

    public static bool TryDecode(string text, out string decoded)
    {
        decoded = "";
        try
        {
            decoded = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Base64Url.DecodeFromChars(text));
            return true;
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            return false;
        }
    }
}
