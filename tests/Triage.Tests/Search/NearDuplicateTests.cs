using Triage.Server.Search;

namespace Triage.Tests.Search;

public sealed class NearDuplicateTests
{
    private const string Rumour =
        "Vắc xin COVID-19 gây vô sinh ở phụ nữ trẻ. Một bác sĩ ở bệnh viện tỉnh đã xác nhận có hàng trăm ca "
        + "không thể mang thai sau khi tiêm mũi thứ ba. Chị em tuyệt đối không đi tiêm nữa!";

    [Fact]
    public void Vietnamese_typed_without_diacritics_is_a_near_duplicate_of_the_accented_original()
    {
        var typed = "Vac xin COVID-19 gay vo sinh o phu nu tre. Mot bac si o benh vien tinh da xac nhan co hang tram ca "
            + "khong the mang thai sau khi tiem mui thu ba. Chi em tuyet doi khong di tiem nua!";

        AssertNearDuplicates(Rumour, typed);
    }

    [Fact]
    public void A_copy_with_a_share_prefix_emoji_a_link_and_a_typo_is_a_near_duplicate()
    {
        var copy = "Chia sẻ gấp!!! 😱😱 Vắc xin COVID-19 gây vô sinh ở phụ nữ trẻ.Một bác sĩ ở bệnh viện tỉnh đã xác nhận có hàng trăm ca "
            + "ko thể mang thai sau khi tiêm mũi thứ ba‼️ Chị em tuyệt đối không đi tiêm nữa https://bit.ly/3xK9aQz";

        AssertNearDuplicates(Rumour, copy);
    }

    [Fact]
    public void A_different_claim_on_the_same_topic_is_not_a_near_duplicate()
    {
        var other = "Vắc xin sởi trong chương trình tiêm chủng mở rộng năm nay là lô hết hạn nhập từ nước ngoài. Nhiều trẻ ở "
            + "các xã vùng sâu đã bị sốt cao và co giật sau khi tiêm. Phụ huynh hãy giữ con ở nhà.";

        var similarity = NearDuplicates.Similarity(SignFolded(Rumour), SignFolded(other));

        Assert.True(similarity < NearDuplicates.Threshold, $"similarity {similarity}");
    }

    [Fact]
    public void The_same_template_filled_with_another_child_is_not_a_near_duplicate()
    {
        var first = "Tìm trẻ lạc: bé Trần Thị Ngọc Hân, 4 tuổi, mặc váy hồng, bị mất tích ở công viên Tao Đàn sáng nay. "
            + "Ai thấy xin báo ngay cho gia đình qua số 0987 654 321. Xin mọi người chia sẻ giúp.";
        var second = "Tìm trẻ lạc: bé Lê Gia Bảo, 8 tuổi, mặc đồng phục học sinh, bị mất tích ở cổng trường tiểu học Kim Đồng trưa nay. "
            + "Ai thấy xin báo ngay cho gia đình qua số 0903 111 222. Xin mọi người chia sẻ giúp.";

        Assert.True(NearDuplicates.Similarity(SignFolded(first), SignFolded(second)) < NearDuplicates.Threshold);
    }

    [Fact]
    public void Signatures_round_trip_through_bytes()
    {
        var signature = SignFolded(Rumour);

        var bytes = signature.ToBytes();

        Assert.Equal(1 + NearDuplicates.SignatureLength * sizeof(uint), bytes.Length);
        Assert.Equal(signature, TextSignature.FromBytes(bytes));
        Assert.Equal(signature.Values, TextSignature.FromBytes(bytes).Values);
    }

    [Fact]
    public void Bytes_of_another_format_or_length_are_refused()
    {
        var bytes = SignFolded(Rumour).ToBytes();
        var otherFormat = (byte[])bytes.Clone();
        otherFormat[0] = TextSignature.Format + 1;

        Assert.Throws<FormatException>(() => TextSignature.FromBytes(otherFormat));
        Assert.Throws<FormatException>(() => TextSignature.FromBytes(bytes[..^4]));
    }

    [Fact]
    public void Band_keys_are_stable_because_stored_keys_depend_on_them()
    {
        var keys = NearDuplicates.BandKeys(SignFolded(Rumour));

        Assert.Equal(NearDuplicates.Bands, keys.Length);
        Assert.Equal(62886718047235926L, keys[0]);
        Assert.Equal(2243685794551989372L, keys[^1]);
    }

    [Fact]
    public void Signatures_are_stable_because_stored_signatures_depend_on_them()
    {
        var values = SignFolded(Rumour).Values;

        Assert.Equal([30311116u, 25772793u, 2664686u, 6718433u], values[..4]);
    }

    [Fact]
    public void Band_keys_of_different_bands_never_collide()
    {
        var keys = NearDuplicates.BandKeys(SignFolded(Rumour));

        Assert.Equal(Enumerable.Range(0, NearDuplicates.Bands), keys.Select(k => (int)((ulong)k >> 56)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("vac xin gay vo sinh")]
    [InlineData("oprah winfrey endorsed donald trump for president")]
    public void Sign_returns_null_for_texts_too_short_to_match_safely(string folded)
    {
        Assert.Null(NearDuplicates.Sign(folded));
    }

    [Fact]
    public void A_text_is_identical_to_itself()
    {
        Assert.Equal(1.0, NearDuplicates.Similarity(SignFolded(Rumour), SignFolded(Rumour)));
    }

    private static TextSignature SignFolded(string text) =>
        NearDuplicates.Sign(TextFold.Fold(text)) ?? throw new InvalidOperationException("Too short to sign.");

    private static void AssertNearDuplicates(string a, string b)
    {
        var first = SignFolded(a);
        var second = SignFolded(b);

        Assert.True(NearDuplicates.Similarity(first, second) >= NearDuplicates.Threshold);
        Assert.NotEmpty(NearDuplicates.BandKeys(first).Intersect(NearDuplicates.BandKeys(second)));
    }
}
