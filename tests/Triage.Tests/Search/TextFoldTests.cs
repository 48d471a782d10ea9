using System.Globalization;
using Triage.Server.Search;

namespace Triage.Tests.Search;

public sealed class TextFoldTests
{
    [Fact]
    public void Dau_tranh_folds_equal_to_đấu_tranh()
    {
        Assert.Equal(TextFold.Fold("đấu tranh"), TextFold.Fold("dau tranh"));
        Assert.Equal("dau tranh", TextFold.Fold("ĐẤU TRANH"));
    }

    [Fact]
    public void A_post_with_shouting_an_emoji_and_a_link_folds_to_its_words()
    {
        Assert.Equal("vac xin covid gay vo sinh", TextFold.Fold("Vắc-xin COVID gây vô sinh!!! 😱 https://bit.ly/x"));
    }

    [Theory]
    [InlineData("Chia sẻ gấp!!!👉👉 www.tinnong24h.vn/bai-viet/12345.html ngay", "chia se gap ngay")]
    [InlineData("Xem bit.ly/3xK9aQz rồi chia sẻ", "xem roi chia se")]
    [InlineData("Nguồn: fb.watch/q8Zx_1AbC/ và zalo", "nguon va zalo")]
    [InlineData("HTTPS://WWW.FACEBOOK.COM/groups/1?mibextid=x Tin giả", "tin gia")]
    public void Links_are_removed_whatever_their_form(string text, string folded)
    {
        Assert.Equal(folded, TextFold.Fold(text));
    }

    [Fact]
    public void Emoji_sequences_flags_and_keycaps_leave_nothing_behind()
    {
        Assert.Equal("canh bao lua dao", TextFold.Fold("⚠️ Cảnh báo 🇻🇳👩‍👧‍👦❤️ lừa đảo ‼️ #️⃣"));
    }

    [Fact]
    public void Composed_and_decomposed_vietnamese_fold_the_same()
    {
        var composed = "Việt Nam thuỷ hoà";
        var decomposed = composed.Normalize(System.Text.NormalizationForm.FormD);
        Assert.NotEqual(composed, decomposed);
        Assert.Equal(TextFold.Fold(composed), TextFold.Fold(decomposed));
        Assert.Equal(TextFold.Fold("thủy hòa"), TextFold.Fold("thuỷ hoà"));
    }

    [Fact]
    public void Styled_and_full_width_letters_fold_to_plain_letters()
    {
        Assert.Equal("tin nong", TextFold.Fold("𝐓𝐈𝐍 𝐍𝐎́𝐍𝐆"));
        Assert.Equal("vac xin", TextFold.Fold("ＶẮＣ　ＸＩＮ"));
    }

    [Fact]
    public void Zero_width_characters_inside_a_word_do_not_split_it()
    {
        Assert.Equal("vac xin", TextFold.Fold("v\u200Bắc\u00AD x\u200Din"));
    }

    [Fact]
    public void Punctuation_becomes_space_and_whitespace_collapses()
    {
        Assert.Equal("1 5 trieu dong moi nam", TextFold.Fold("  1,5 triệu\tđồng/\n\nmỗi…năm!!! "));
    }

    [Theory]
    [InlineData("Привет, Мир 2024", "привет мир 2024")]
    [InlineData("東京２０２４年", "東京2024年")]
    [InlineData("สวัสดี ครับ", "สวัสดี ครับ")]
    [InlineData("Ø Łódź Straße Œuvre", "o lodz strasse oeuvre")]
    public void Letters_and_digits_of_any_script_are_kept(string text, string folded)
    {
        Assert.Equal(folded, TextFold.Fold(text));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  !!! 😱 https://bit.ly/x ")]
    public void Null_and_text_without_words_fold_to_empty(string? text)
    {
        Assert.Equal("", TextFold.Fold(text));
    }

    [Fact]
    public void Folding_ignores_the_current_culture()
    {
        var before = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("tr-TR");
            Assert.Equal("viet nam istanbul", TextFold.Fold("VIỆT NAM İSTANBUL"));
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [Theory]
    [InlineData("Chia sẻ gấp!!! 😱 Vắc-xin COVID gây vô sinh https://bit.ly/x")]
    [InlineData("𝐓𝐈𝐍 𝐍𝐎́𝐍𝐆: Đập thủy điện đã bị nứt, nước sẽ dâng cao 5 mét!!!")]
    [InlineData("สวัสดี 東京２０２４年 Straße")]
    public void Folding_twice_changes_nothing(string text)
    {
        var once = TextFold.Fold(text);

        Assert.Equal(once, TextFold.Fold(once));
    }
}
