using Triage.Server.Search;

namespace Triage.Tests.Search;

public sealed class SearchTextTests
{
    [Theory]
    [InlineData("Fires in #AustralianFires", "fires in australian fires")]
    [InlineData("No impacts from #Dorian, says @NWSBirmingham", "no impacts from dorian says nws birmingham")]
    [InlineData("@realDonaldTrump #Trump2020 #MAGA", "real donald trump trump 2020 maga")]
    [InlineData("#tin_nong #TinNóngĐàNẵng", "tin nong tin nong da nang")]
    public void Hashtags_and_mentions_are_split_into_their_words(string text, string folded)
    {
        Assert.Equal(folded, SearchText.Fold(text));
    }

    [Fact]
    public void Hashtags_split_the_same_whichever_normal_form_the_keyboard_produced()
    {
        var composed = "#TinNóngĐàNẵng";
        Assert.Equal(SearchText.Fold(composed), SearchText.Fold(composed.Normalize(System.Text.NormalizationForm.FormD)));
    }

    [Theory]
    [InlineData("Happy #Hanukkahpic.twitter.com/IfkdcwGENr — Abel", "happy hanukkah abel")]
    [InlineData("Mojang is NOT closing. #Minecrafthttps://t.co/V4Lzv97qOc", "mojang is not closing minecraft")]
    [InlineData("Xem tạiwww.tinnong24h.vn/bai-viet/1.html ngay", "xem tai ngay")]
    public void A_word_glued_to_a_link_survives_the_link(string text, string folded)
    {
        Assert.Equal(folded, SearchText.Fold(text));
    }

    [Theory]
    [InlineData("Vắc-xin COVID gây vô sinh!!! 😱 https://bit.ly/x")]
    [InlineData("Chia sẻ gấp!!!👉👉 www.tinnong24h.vn/bai-viet/12345.html ngay")]
    [InlineData("email me at someone@example.com")]
    public void Text_without_tags_or_glued_links_folds_as_everywhere_else(string text)
    {
        Assert.Equal(TextFold.Fold(text), SearchText.Fold(text));
    }
}
