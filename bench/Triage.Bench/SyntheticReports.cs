using System.Globalization;
using System.Text;

namespace Triage.Bench;

/// <summary>
/// Claims as random runs of common Vietnamese syllables, their links, and the retyped variants members
/// send (diacritics dropped, emoji added, a word lost): realistic work for the grouping lookups.
/// </summary>
public sealed class SyntheticReports(int seed)
{
    private static readonly string[] Syllables = """
        anh ba bác bài bán bạn bảo bắt bệnh biết bị bỏ bộ cả các cách cảnh cao cấp cần chỉ chính cho chú chúng chưa chữa có con công
        của cùng cuộc dân dẫn đã đang đánh đây để đến đều điều định đó đói đồng đơn được đường gây gia giá giải giờ gửi hàng hay hết
        hiện hình học hội huyện không khi khỏi khu là làm lại lên lớn lũ lừa mà mạng mất mẹ mình mới một mua muốn năm nay nên nếu người
        nhà nhân nhận nhiều nhưng những nó nói nông nước phải phát phí phụ quan quốc ra rằng rất sau sẽ sinh số sống sự tại tài tăng
        tay tế thành thể thêm theo thì thông thuốc tiền tiêm tin tỉnh tổ trên trẻ trong trước từ tức uống vắc vào vẫn về việc vì với
        vừa xã xác xăng xin yêu
        """.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries);

    private static readonly string[] Emoji = ["😱", "‼️", "🙏", "👉", "🔥"];

    private readonly Random _random = new(seed);

    public string Claim(int words)
    {
        var text = new StringBuilder();
        for (var i = 0; i < words; i++)
        {
            if (i > 0) text.Append(' ');
            text.Append(Syllables[_random.Next(Syllables.Length)]);
        }
        return text.ToString();
    }

    public static string Link(long claim) =>
        string.Create(CultureInfo.InvariantCulture, $"https://www.facebook.com/permalink.php?story_fbid={1_000_000_000 + claim}&id=100{claim % 9_999}");

    /// <summary>How a second member passes the same claim on: no diacritics, a lost word, an emoji.</summary>
    public string Retyped(string claim)
    {
        var words = claim.Split(' ').ToList();
        words.RemoveAt(_random.Next(words.Count));
        var plain = new string(string.Join(' ', words).Normalize(NormalizationForm.FormD)
            .Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark).ToArray()).Replace('đ', 'd');
        return $"{plain} {Emoji[_random.Next(Emoji.Length)]}";
    }

    public int Next(int max) => _random.Next(max);
}
