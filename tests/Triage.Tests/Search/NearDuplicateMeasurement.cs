using System.Globalization;
using System.Text;
using Triage.Server.Search;
using Xunit.Abstractions;
using static System.FormattableString;

namespace Triage.Tests.Search;

/// <summary>
/// The figures behind docs/decisions/0005-near-duplicate-threshold.md. Each test prints its
/// measurements and asserts what the record promises; grouping means what intake does: a shared
/// band key, then an estimated similarity of at least <see cref="NearDuplicates.Threshold"/>.
/// </summary>
public sealed class NearDuplicateMeasurement(ITestOutputHelper output)
{
    private sealed record Signed(string Kind, string Folded, TextSignature? Signature, HashSet<long> Keys);

    [Fact]
    public void Retyped_copies_of_a_claim_are_grouped_unless_half_of_it_is_cut()
    {
        var claims = SignedClaims();
        int wholePairs = 0, wholeGrouped = 0, cutPairs = 0, cutGrouped = 0, unsigned = 0;
        var againstOriginal = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var texts in claims)
        {
            for (var a = 0; a < texts.Length; a++)
            {
                for (var b = a + 1; b < texts.Length; b++)
                {
                    var grouped = Grouped(texts[a], texts[b]);
                    if (texts[a].Signature is null || texts[b].Signature is null) unsigned++;
                    if (IsCut(texts[a]) || IsCut(texts[b])) { cutPairs++; if (grouped) cutGrouped++; }
                    else { wholePairs++; if (grouped) wholeGrouped++; }
                    if (a == 0 && grouped) againstOriginal[texts[b].Kind] = againstOriginal.GetValueOrDefault(texts[b].Kind) + 1;
                    else if (a == 0) againstOriginal.TryAdd(texts[b].Kind, 0);
                }
            }
        }

        output.WriteLine(Invariant($"{claims.Length} claims, {claims[0].Length - 1} retypings each; every pair of texts of one claim:"));
        output.WriteLine(Invariant($"  whole text kept: {wholeGrouped}/{wholePairs} grouped ({Percent(wholeGrouped, wholePairs)})"));
        output.WriteLine(Invariant($"  a sentence cut:  {cutGrouped}/{cutPairs} grouped ({Percent(cutGrouped, cutPairs)}); {unsigned} pairs had a text too short to sign"));
        output.WriteLine(Invariant($"  all:             {wholeGrouped + cutGrouped}/{wholePairs + cutPairs} ({Percent(wholeGrouped + cutGrouped, wholePairs + cutPairs)})"));
        foreach (var (kind, grouped) in againstOriginal)
            output.WriteLine(Invariant($"  original vs {kind}: {grouped}/{claims.Length}"));

        Assert.True(wholeGrouped >= 0.99 * wholePairs, "Retypings that keep the whole text must group.");
        Assert.True(cutGrouped >= 0.60 * cutPairs, "Most copies with a sentence cut must still group.");
    }

    [Fact]
    public void Different_claims_that_share_a_topic_or_a_template_are_never_grouped()
    {
        var claims = SignedClaims();
        var topics = VietnameseRumours.Claims.Select(c => c.Topic).ToArray();
        var sameTopic = new Tally();
        var otherTopic = new Tally();
        for (var a = 0; a < claims.Length; a++)
        {
            for (var b = a + 1; b < claims.Length; b++)
            {
                if (topics[a] == topics[b]) Compare(claims[a], claims[b], sameTopic, allAgainstAll: true);
                else Compare(claims[a], claims[b], otherTopic, allAgainstAll: false);
            }
        }

        var template = new Tally();
        foreach (var family in VietnameseRumours.SameTemplate)
        {
            var signed = family.Select((text, i) => SignAll(text, 1000 + i)).ToArray();
            for (var a = 0; a < signed.Length; a++)
                for (var b = a + 1; b < signed.Length; b++)
                    Compare(signed[a], signed[b], template, allAgainstAll: true);
        }

        output.WriteLine($"same topic, every retyping against every retyping: {sameTopic}");
        output.WriteLine($"other topics, same kind of retyping:               {otherTopic}");
        output.WriteLine($"same template, another child, person or place:     {template}");
        var oneEdit = VietnameseRumours.OneEditAway
            .Select(e => NearDuplicates.Similarity(claims[e.Claim][0].Signature!, NearDuplicates.Sign(TextFold.Fold(e.Text))!))
            .ToList();
        output.WriteLine(Invariant($"one edit away (not promised): {oneEdit.Count(s => s >= NearDuplicates.Threshold)}/{oneEdit.Count} grouped, similarities {string.Join(" ", oneEdit.Select(s => s.ToString("0.00", CultureInfo.InvariantCulture)))}"));

        Assert.Equal(0, sameTopic.Grouped + otherTopic.Grouped + template.Grouped);
    }

    [Fact]
    public void Different_english_fact_checked_claims_are_almost_never_grouped()
    {
        var path = Path.Combine(RepositoryRoot(), "..", "shared", "data", "claim-matching", "verified_claims.docs.tsv");
        if (!File.Exists(path)) return;

        var folded = File.ReadLines(path).Skip(1)
            .Select(line => line.Split('\t'))
            .Where(fields => fields.Length >= 2)
            .Select(fields => TextFold.Fold(fields[1]))
            .ToArray();
        var signed = folded.Select((text, i) => (Text: text, Signature: NearDuplicates.Sign(text)))
            .Where(s => s.Signature is not null)
            .Select(s => (s.Text, Signature: s.Signature!, Keys: NearDuplicates.BandKeys(s.Signature!)))
            .ToArray();

        // Every pair, so that the band keys' misses are counted too.
        var nearest = new double[signed.Length];
        var aboveThreshold = new List<(int A, int B)>();
        Parallel.For(0, signed.Length, () => (Nearest: new double[signed.Length], Found: new List<(int, int)>()), (i, _, local) =>
        {
            for (var j = i + 1; j < signed.Length; j++)
            {
                if (signed[i].Text == signed[j].Text) continue;
                var similarity = NearDuplicates.Similarity(signed[i].Signature, signed[j].Signature);
                local.Nearest[i] = Math.Max(local.Nearest[i], similarity);
                local.Nearest[j] = Math.Max(local.Nearest[j], similarity);
                if (similarity >= NearDuplicates.Threshold) local.Found.Add((i, j));
            }
            return local;
        }, local =>
        {
            lock (aboveThreshold)
            {
                aboveThreshold.AddRange(local.Found);
                for (var i = 0; i < nearest.Length; i++) nearest[i] = Math.Max(nearest[i], local.Nearest[i]);
            }
        });

        var keys = new Dictionary<long, List<int>>();
        for (var i = 0; i < signed.Length; i++)
            foreach (var key in signed[i].Keys)
                (keys.TryGetValue(key, out var bucket) ? bucket : keys[key] = []).Add(i);
        var grouped = aboveThreshold.Count(p => signed[p.A].Keys.Any(k => keys[k].Contains(p.B)));
        var candidates = keys.Values
            .SelectMany(bucket => bucket.SelectMany(a => bucket.Where(b => b > a).Select(b => (long)a * signed.Length + b)))
            .Distinct()
            .Count();

        var random = new Random(20240501);
        var randomPairs = new List<double>();
        while (randomPairs.Count < 1_000_000)
        {
            int a = random.Next(signed.Length), b = random.Next(signed.Length);
            if (a != b && signed[a].Text != signed[b].Text) randomPairs.Add(NearDuplicates.Similarity(signed[a].Signature, signed[b].Signature));
        }

        var pairs = (long)signed.Length * (signed.Length - 1) / 2;
        var claimsWithAWrongNeighbour = aboveThreshold.SelectMany(p => new[] { p.A, p.B }).Distinct().Count();
        output.WriteLine(Invariant($"{folded.Length} claims, {signed.Length} long enough to sign, {pairs} pairs"));
        output.WriteLine(Invariant($"random pairs: median {Percentile(randomPairs, 0.5):0.000}, p99 {Percentile(randomPairs, 0.99):0.000}, p99.99 {Percentile(randomPairs, 0.9999):0.000}, max {randomPairs.Max():0.000}"));
        var nearestOfEach = nearest.ToList();
        output.WriteLine(Invariant($"nearest other claim: median {Percentile(nearestOfEach, 0.5):0.000}, p90 {Percentile(nearestOfEach, 0.9):0.000}, p99 {Percentile(nearestOfEach, 0.99):0.000}, p99.9 {Percentile(nearestOfEach, 0.999):0.000}"));
        output.WriteLine(Invariant($"pairs of different texts at or above {NearDuplicates.Threshold}: {aboveThreshold.Count} ({(double)aboveThreshold.Count / pairs:0.0e0} of pairs), {grouped} of them share a band key; {claimsWithAWrongNeighbour} claims ({Percent(claimsWithAWrongNeighbour, signed.Length)}) have one"));
        output.WriteLine(Invariant($"pairs sharing a band key: {candidates}, so a lookup meets {2.0 * candidates / signed.Length:0.00} candidates here and about {2.0 * candidates / signed.Length * 1e6 / signed.Length:0} among a million texts like these"));
        foreach (var (a, b) in aboveThreshold.OrderByDescending(p => NearDuplicates.Similarity(signed[p.A].Signature, signed[p.B].Signature)))
            output.WriteLine(Invariant($"  {NearDuplicates.Similarity(signed[a].Signature, signed[b].Signature):0.000} {signed[a].Text} | {signed[b].Text}"));

        // Upper bounds: some of these pairs are one claim fact-checked twice in other words (the record lists them).
        Assert.True(grouped <= 5e-7 * pairs, "Different claims must almost never group.");
        Assert.True(claimsWithAWrongNeighbour <= 0.005 * signed.Length, "At most one claim in 200 may have a near-duplicate that is another claim.");
    }

    [Fact]
    public void Estimated_similarity_is_within_the_error_of_128_independent_hashes()
    {
        var claims = SignedClaims().Select(c => c.Where(t => t.Signature is not null).ToArray()).ToArray();
        var shingles = claims.Select(c => c.Select(t => Shingles(t.Folded)).ToArray()).ToArray();
        var random = new Random(7);
        double squaredError = 0, expectedVariance = 0, bias = 0;
        const int Pairs = 20_000;
        for (var n = 0; n < Pairs; n++)
        {
            // Half the pairs from one claim, so that high similarities are well represented.
            int c = random.Next(claims.Length), d = n % 2 == 0 ? random.Next(claims.Length) : c;
            int a = random.Next(claims[c].Length), b = random.Next(claims[d].Length);
            var exact = Jaccard(shingles[c][a], shingles[d][b]);
            var estimate = NearDuplicates.Similarity(claims[c][a].Signature!, claims[d][b].Signature!);
            squaredError += (estimate - exact) * (estimate - exact);
            expectedVariance += exact * (1 - exact) / NearDuplicates.SignatureLength;
            bias += estimate - exact;
        }

        var rmse = Math.Sqrt(squaredError / Pairs);
        var expected = Math.Sqrt(expectedVariance / Pairs);
        output.WriteLine(Invariant($"root mean square error {rmse:0.0000} (independent hashes: {expected:0.0000}), mean bias {bias / Pairs:+0.0000;-0.0000}"));
        Assert.InRange(rmse, 0, expected * 1.15);
        Assert.InRange(bias / Pairs, -0.005, 0.005);
    }

    [Fact]
    public void Band_keys_make_a_candidate_of_nearly_every_pair_at_the_threshold()
    {
        const int Rows = NearDuplicates.RowsPerBand, Bands = NearDuplicates.Bands;
        foreach (var s in new[] { 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9 })
            output.WriteLine(Invariant($"similarity {s:0.0}: candidate with probability {1 - Math.Pow(1 - Math.Pow(s, Rows), Bands):0.0000}"));

        var texts = SignedClaims().SelectMany(c => c).Where(t => t.Signature is not null).ToArray();
        int above = 0, found = 0;
        for (var a = 0; a < texts.Length; a++)
        {
            for (var b = a + 1; b < texts.Length; b++)
            {
                if (NearDuplicates.Similarity(texts[a].Signature!, texts[b].Signature!) < NearDuplicates.Threshold) continue;
                above++;
                if (texts[a].Keys.Overlaps(texts[b].Keys)) found++;
            }
        }

        output.WriteLine(Invariant($"Vietnamese pairs at or above the threshold: {found}/{above} share a band key"));
        Assert.True(1 - Math.Pow(1 - Math.Pow(NearDuplicates.Threshold, Rows), Bands) >= 0.985);
        Assert.True(found >= 0.985 * above);
    }

    private static Signed[][] SignedClaims() =>
        VietnameseRumours.Claims.Select((claim, i) => SignAll(claim.Text, i)).ToArray();

    private static Signed[] SignAll(string text, int seed) =>
        VietnameseRumours.Variants(text, seed).Prepend(new Variant("original", text))
            .Select(v =>
            {
                var folded = TextFold.Fold(v.Text);
                var signature = NearDuplicates.Sign(folded);
                return new Signed(v.Kind, folded, signature, signature is null ? [] : [.. NearDuplicates.BandKeys(signature)]);
            })
            .ToArray();

    private static bool IsCut(Signed text) => text.Kind.Contains("dropped", StringComparison.Ordinal);

    private static bool Grouped(Signed a, Signed b) =>
        a.Signature is not null && b.Signature is not null && a.Keys.Overlaps(b.Keys)
        && NearDuplicates.Similarity(a.Signature, b.Signature) >= NearDuplicates.Threshold;

    private static void Compare(Signed[] a, Signed[] b, Tally tally, bool allAgainstAll)
    {
        for (var i = 0; i < a.Length; i++)
        {
            for (var j = allAgainstAll ? 0 : i; j < (allAgainstAll ? b.Length : i + 1); j++)
            {
                if (a[i].Signature is null || b[j].Signature is null) continue;
                tally.Pairs++;
                tally.Max = Math.Max(tally.Max, NearDuplicates.Similarity(a[i].Signature!, b[j].Signature!));
                if (a[i].Keys.Overlaps(b[j].Keys)) tally.Candidates++;
                if (Grouped(a[i], b[j])) tally.Grouped++;
            }
        }
    }

    private sealed class Tally
    {
        public int Pairs { get; set; }
        public int Candidates { get; set; }
        public int Grouped { get; set; }
        public double Max { get; set; }

        public override string ToString() =>
            Invariant($"{Pairs} pairs, {Candidates} share a band key, {Grouped} grouped, highest similarity {Max:0.000}");
    }

    private static HashSet<string> Shingles(string folded)
    {
        var shingles = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + NearDuplicates.ShingleLength <= folded.Length; i++)
            shingles.Add(folded.Substring(i, NearDuplicates.ShingleLength));
        return shingles;
    }

    private static double Jaccard(HashSet<string> a, HashSet<string> b)
    {
        var shared = a.Count(b.Contains);
        return (double)shared / (a.Count + b.Count - shared);
    }

    private static double Percentile(List<double> values, double p)
    {
        values.Sort();
        return values[Math.Min(values.Count - 1, (int)(p * values.Count))];
    }

    private static string Percent(int part, int whole) => Invariant($"{100.0 * part / whole:0.0}%");

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Triage.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Triage.sln not found above the test output.");
    }
}

public sealed record Claim(string Topic, string Text);

public sealed record Variant(string Kind, string Text);

/// <summary>
/// Invented Vietnamese rumours in the shape members report them, and the ways members retype them.
/// Claims in one topic share vocabulary on purpose: they are the different claims most likely to merge by mistake.
/// </summary>
public static class VietnameseRumours
{
    public static readonly Claim[] Claims =
    [
        new("vaccine", "Vắc xin COVID-19 gây vô sinh ở phụ nữ trẻ. Một bác sĩ ở bệnh viện tỉnh đã xác nhận có hàng trăm ca không thể mang thai sau khi tiêm mũi thứ ba. Chị em tuyệt đối không đi tiêm nữa!"),
        new("vaccine", "Vắc xin sởi trong chương trình tiêm chủng mở rộng năm nay là lô hết hạn nhập từ nước ngoài. Nhiều trẻ ở các xã vùng sâu đã bị sốt cao và co giật sau khi tiêm. Phụ huynh hãy giữ con ở nhà."),
        new("vaccine", "Tiêm vắc xin HPV cho con gái sẽ làm các cháu dậy thì sớm và rối loạn kinh nguyệt suốt đời. Đây là tài liệu nội bộ mà ngành y tế đang giấu."),
        new("vaccine", "Trong vắc xin cúm có gắn chip siêu nhỏ để theo dõi vị trí người dân qua sóng điện thoại. Ai đã tiêm thì nên uống nước muối ấm liên tục ba ngày để đào thải chip ra ngoài."),
        new("vaccine", "Trẻ em tiêm vắc xin 5 trong 1 bị tự kỷ. Bộ Y tế đã âm thầm thu hồi toàn bộ lô vắc xin này nhưng không công bố để tránh hoang mang."),
        new("cure", "Uống nước chanh nóng pha mật ong mỗi sáng khi bụng đói sẽ tiêu diệt hoàn toàn tế bào ung thư chỉ sau ba tháng. Các bệnh viện ung bướu giấu bí mật này vì sợ mất khách."),
        new("cure", "Lá đu đủ đực sắc lấy nước uống hằng ngày chữa khỏi ung thư gan giai đoạn cuối. Một cụ ông ở miền Tây đã khỏi bệnh sau khi bác sĩ trả về."),
        new("cure", "Ăn tỏi đen ngâm rượu mỗi tối giúp chữa dứt điểm tiểu đường, không cần dùng insulin nữa. Bác sĩ khuyên không nên nói cho bệnh nhân biết."),
        new("cure", "Nhịn ăn hoàn toàn trong 21 ngày sẽ bỏ đói khối u và làm ung thư vú tự biến mất. Hóa trị chỉ làm bệnh nặng thêm và chết nhanh hơn."),
        new("cure", "Đắp lá trầu không giã nát lên ngực mỗi đêm chữa khỏi viêm phổi cho trẻ nhỏ, không cần kháng sinh. Các mẹ lưu lại để dùng khi cần."),
        new("outbreak", "Khẩn cấp: một chủng virus mới lây qua muỗi đã làm 37 người chết ở các huyện phía bắc của tỉnh trong tuần qua. Chính quyền đang giấu thông tin để không ảnh hưởng đến mùa du lịch."),
        new("outbreak", "Bệnh viện nhi tỉnh đã quá tải vì dịch tay chân miệng biến chủng mới, trẻ nhiễm bệnh tử vong chỉ sau 24 giờ. Các trường mầm non sẽ đóng cửa từ thứ hai tuần sau."),
        new("outbreak", "Dịch cúm gia cầm đã lây sang người ở chợ đầu mối, ăn thịt gà lúc này có thể chết ngay. Mọi người tuyệt đối không mua gà vịt trong ba tháng tới."),
        new("outbreak", "Nước máy của thành phố đã nhiễm vi khuẩn tả, ai uống sẽ bị tiêu chảy cấp. Công ty cấp nước biết từ tuần trước nhưng vẫn không thông báo."),
        new("outbreak", "Bộ Y tế sắp phong tỏa toàn tỉnh vì dịch sốt xuất huyết, các cửa hàng sẽ đóng cửa từ tối nay. Hãy đi mua gạo và mì tôm dự trữ ngay."),
        new("bank", "Ngân hàng Nhà nước yêu cầu tất cả tài khoản phải cập nhật sinh trắc học trước ngày 30 tháng này, nếu không sẽ bị khóa vĩnh viễn. Bấm vào đường link dưới đây và nhập mã OTP để xác thực."),
        new("bank", "Tài khoản của bạn vừa nhận được khoản hoàn tiền thuế thu nhập cá nhân 4.800.000 đồng. Để nhận tiền, vui lòng đăng nhập ứng dụng theo đường dẫn và cung cấp số thẻ."),
        new("bank", "Từ tháng sau các ngân hàng sẽ thu phí 50.000 đồng mỗi lần chuyển khoản qua ứng dụng điện thoại. Hãy rút hết tiền mặt ra trước khi quy định có hiệu lực."),
        new("bank", "Ngân hàng đang phát hành thẻ tín dụng không cần chứng minh thu nhập cho phụ nữ nông thôn, hạn mức 50 triệu. Chỉ cần gửi ảnh căn cước hai mặt qua Zalo cho nhân viên."),
        new("bank", "Cảnh báo: ngân hàng sắp sụp đổ và người gửi tiết kiệm sẽ mất hết tiền. Nhân viên bên trong tiết lộ lãnh đạo đã chuyển tiền ra nước ngoài."),
        new("prize", "Chúc mừng chị đã trúng thưởng xe máy SH trong chương trình tri ân khách hàng của hội phụ nữ. Vui lòng chuyển 2 triệu đồng phí trước bạ để nhận xe tại nhà."),
        new("prize", "Hội Liên hiệp Phụ nữ tặng 500.000 đồng cho mỗi hội viên nhân ngày 20 tháng 10. Bấm vào link, điền số tài khoản và mật khẩu ngân hàng để nhận quà."),
        new("prize", "Siêu thị điện máy tặng miễn phí nồi cơm điện cho 1.000 người chia sẻ bài viết này đầu tiên. Chia sẻ xong nhắn tin số điện thoại để nhận mã quà."),
        new("prize", "Chương trình từ thiện của quỹ bảo trợ trẻ em tặng học bổng 10 triệu cho con hội viên, chỉ cần đóng 300 nghìn phí hồ sơ qua ví điện tử."),
        new("prize", "Bạn được chọn nhận gói hỗ trợ 3 triệu đồng cho phụ nữ đơn thân từ chương trình của Chính phủ. Tải ứng dụng theo đường link và cấp quyền truy cập để xét duyệt."),
        new("disaster", "Đập thủy điện đầu nguồn đã bị nứt và có thể vỡ trong đêm nay, nước sẽ dâng cao 5 mét ở các xã ven sông. Bà con hãy sơ tán lên đồi ngay lập tức."),
        new("disaster", "Viện vật lý địa cầu dự báo một trận động đất 7 độ richter sẽ xảy ra ở miền Trung vào rạng sáng mai. Mọi người không nên ngủ trong nhà tối nay."),
        new("disaster", "Siêu bão cấp 17 sẽ đổ bộ vào tỉnh ta trong 48 giờ tới, mạnh gấp đôi cơn bão năm ngoái. Các trường học cho học sinh nghỉ cả tuần."),
        new("disaster", "Nước lũ ở hạ lưu đã nhiễm hóa chất từ nhà máy bị ngập, ai lội qua sẽ bị lở loét và ngứa toàn thân. Tuyệt đối không để trẻ em chơi gần nước."),
        new("disaster", "Tiền ủng hộ đồng bào vùng lũ năm nay đã bị cán bộ xã chia nhau, người dân không nhận được đồng nào. Đừng quyên góp qua hội nữa."),
        new("pension", "Từ năm sau nhà nước sẽ bỏ lương hưu, ai đang đóng bảo hiểm xã hội sẽ mất trắng. Hãy rút bảo hiểm một lần ngay khi còn có thể."),
        new("pension", "Phụ nữ phải làm việc đến 65 tuổi mới được nghỉ hưu theo luật mới vừa thông qua tuần trước. Thời gian đóng bảo hiểm tối thiểu cũng tăng lên 30 năm."),
        new("pension", "Thẻ bảo hiểm y tế giấy sẽ hết giá trị từ tháng sau, ai không cài ứng dụng định danh sẽ không được khám chữa bệnh. Cán bộ phường sẽ thu phí cài đặt 200 nghìn."),
        new("pension", "Người trên 60 tuổi sẽ không được hưởng bảo hiểm y tế miễn phí nữa mà phải đóng 1,5 triệu mỗi năm. Quyết định này áp dụng từ đầu năm."),
        new("pension", "Chế độ thai sản sẽ bị cắt giảm còn 3 tháng và không được hưởng lương trong thời gian nghỉ sinh. Chị em đang mang thai cần biết để chuẩn bị."),
        new("school", "Bộ Giáo dục bỏ kỳ thi tốt nghiệp trung học phổ thông từ năm nay, các trường đại học sẽ tự tuyển sinh bằng học bạ. Học sinh lớp 12 không cần ôn thi nữa."),
        new("school", "Sách giáo khoa tiếng Việt lớp 1 mới có bài dạy trẻ nói dối cha mẹ. Phụ huynh hãy kiểm tra sách của con và phản đối nhà trường."),
        new("school", "Từ năm học tới học phí trường công sẽ tăng gấp ba lần, học sinh tiểu học cũng phải đóng tiền. Phụ huynh nên chuẩn bị tài chính từ bây giờ."),
        new("school", "Nhà trường bắt buộc phụ huynh mua máy tính bảng giá 8 triệu để học sinh lớp 3 học trực tuyến. Ai không mua con sẽ bị xếp vào lớp riêng."),
        new("school", "Học sinh sẽ phải học tiếng Trung bắt buộc từ lớp 1 thay cho tiếng Anh theo chương trình mới. Giáo viên tiếng Anh sẽ bị cho nghỉ việc hàng loạt."),
        new("traffic", "Từ ngày 1 tháng sau, người đi xe máy không mang theo giấy phép lái xe bản cứng sẽ bị phạt 10 triệu đồng và tịch thu xe. Ứng dụng trên điện thoại không được chấp nhận."),
        new("traffic", "Cảnh sát giao thông được quyền kiểm tra điện thoại của người dân khi dừng xe, ai từ chối sẽ bị tạm giữ. Quy định này có hiệu lực từ tuần sau."),
        new("traffic", "Tin nhắn phạt nguội yêu cầu nộp tiền qua đường link là của Cục Cảnh sát giao thông, ai không nộp trong 48 giờ sẽ bị khóa bằng lái. Nộp ngay để tránh bị phạt gấp đôi."),
        new("traffic", "Xe máy sản xuất trước năm 2010 sẽ bị cấm lưu thông trên toàn tỉnh từ đầu năm sau. Người dân nên bán xe cũ ngay trước khi mất giá."),
        new("traffic", "Trẻ em dưới 6 tuổi ngồi xe máy sẽ bị phạt người lái 5 triệu đồng kể cả khi đội mũ bảo hiểm. Cha mẹ chở con đi học cần chú ý."),
        new("food", "Gạo nhựa từ nước ngoài đã tràn vào các chợ quê, nấu lên vẫn dẻo nhưng ăn lâu sẽ bị ung thư dạ dày. Cách nhận biết là đốt hạt gạo thấy có mùi khét."),
        new("food", "Trứng gà giả làm bằng hóa chất đang được bán ở chợ với giá rẻ, lòng đỏ không vỡ khi đập và có mùi nhựa. Các bà nội trợ nên cảnh giác."),
        new("food", "Nước mắm truyền thống có chứa thạch tín vượt mức cho phép gấp 100 lần, chỉ nên dùng nước mắm công nghiệp. Đây là kết quả kiểm nghiệm mới nhất."),
        new("food", "Rau muống ở chợ được tưới thuốc trừ sâu cấm, ăn vào gây ung thư gan chỉ sau một năm. Mọi người nên tự trồng rau mà ăn."),
        new("food", "Mì tôm có lớp sáp phủ bên ngoài, ăn hai gói một tuần sẽ tích tụ trong gan và gây suy thận. Trẻ em tuyệt đối không được ăn mì tôm."),
        new("kidnap", "Có một nhóm người đi xe bảy chỗ màu trắng đang bắt cóc trẻ em ở các trường tiểu học trong huyện để mổ lấy nội tạng. Phụ huynh đưa đón con cẩn thận."),
        new("kidnap", "Người giả làm nhân viên điện lực đi từng nhà để xịt thuốc mê rồi cướp tài sản và bắt cóc trẻ nhỏ. Không mở cửa cho người lạ."),
        new("kidnap", "Kẻ bắt cóc dùng kẹo có tẩm thuốc mê để dụ trẻ em ở cổng trường mầm non, đã có ba cháu bị mất tích trong tuần này. Hãy dặn con không nhận đồ của người lạ."),
        new("kidnap", "Một phụ nữ mang thai giả vờ nhờ đưa về nhà rồi đồng bọn bắt cóc người đi cùng để bán sang biên giới. Chị em đi đường vắng nên cảnh giác."),
        new("kidnap", "Trẻ em mất tích ở chợ đêm được tìm thấy ở bãi đất trống với vết mổ lấy thận. Công an đang giấu thông tin để không gây hoảng loạn."),
        new("tech", "Sóng 5G làm suy giảm miễn dịch và gây ra các ca đột quỵ ở người trẻ. Các trạm phát sóng mới lắp gần trường học phải được dỡ bỏ ngay."),
        new("tech", "Để điện thoại sạc qua đêm cạnh giường làm phụ nữ bị u não và vô sinh do bức xạ. Nhiều bệnh nhân nữ đã phải cắt bỏ buồng trứng."),
        new("tech", "Từ tháng sau sim điện thoại chưa chuẩn hóa thông tin sẽ bị thu hồi và mất luôn số tài khoản ngân hàng gắn kèm. Hãy gọi số tổng đài lạ này để được hỗ trợ."),
        new("tech", "Zalo sẽ bắt đầu thu phí 99 nghìn mỗi tháng với mọi tài khoản, ai không gửi tin nhắn này cho 10 người sẽ bị khóa. Hãy chuyển tiếp ngay."),
        new("tech", "Ứng dụng định danh điện tử đang lén ghi âm các cuộc gọi và gửi về máy chủ nước ngoài. Hãy gỡ ứng dụng ra khỏi điện thoại ngay."),
        new("merger", "Sau khi sáp nhập tỉnh, toàn bộ căn cước công dân phải làm lại và mỗi người phải nộp 500 nghìn đồng lệ phí. Hạn chót là cuối tháng này."),
        new("merger", "Sau sáp nhập xã, sổ đỏ mang địa chỉ cũ sẽ hết hiệu lực và nhà nước có quyền thu hồi đất. Người dân phải đổi sổ trong 6 tháng."),
        new("merger", "Toàn bộ cán bộ hội phụ nữ cấp xã sẽ bị cho nghỉ việc không lương sau khi sắp xếp bộ máy. Hội viên cũng không phải sinh hoạt nữa."),
        new("merger", "Tỉnh sẽ dời trung tâm hành chính về huyện miền núi và bán đấu giá toàn bộ trụ sở cũ cho doanh nghiệp nước ngoài. Tin này do một cán bộ sở tiết lộ."),
        new("merger", "Người dân ở các xã bị sáp nhập sẽ phải đổi toàn bộ giấy khai sinh của con, nếu không con sẽ không được nhập học. Phí đổi là 300 nghìn một bản."),
        new("money", "Ngân hàng Nhà nước sẽ thu hồi tờ tiền 500.000 đồng polymer từ tháng tới, ai giữ tiền mặt sẽ bị mất giá trị. Hãy đổi sang vàng càng sớm càng tốt."),
        new("money", "Nhà nước sắp đổi tiền, mỗi gia đình chỉ được đổi tối đa 10 triệu đồng, số còn lại sẽ thành giấy lộn. Người dân nên gửi hết tiền vào tài khoản."),
        new("money", "Tờ tiền 200 đồng và 500 đồng giấy cũ đang được thu mua với giá 2 triệu một tờ vì sắp ngừng lưu hành. Ai có hãy liên hệ số điện thoại này."),
        new("money", "Giá vàng sẽ tăng gấp đôi trong tháng tới vì nhà nước cấm nhập khẩu vàng. Hãy vay tiền mua vàng ngay hôm nay để không bị lỡ cơ hội."),
        new("money", "Người dân giữ quá 100 triệu tiền mặt trong nhà sẽ bị phạt và tịch thu theo luật phòng chống rửa tiền mới. Công an sẽ kiểm tra từng hộ."),
        new("women", "Dùng băng vệ sinh loại mỏng có chứa chất tẩy trắng gây ung thư cổ tử cung. Chị em nên chuyển sang dùng vải bông giặt lại."),
        new("women", "Uống thuốc tránh thai khẩn cấp quá hai lần sẽ bị vô sinh vĩnh viễn. Bác sĩ sản khoa khuyên chị em tuyệt đối không được dùng."),
        new("women", "Phụ nữ mang thai ăn dứa sẽ bị sảy thai ngay trong ngày. Các mẹ bầu truyền tay nhau danh sách các loại quả cấm ăn này."),
        new("women", "Đi khám phụ khoa định kỳ ở trạm y tế xã làm lây nhiễm HPV vì dụng cụ không được khử trùng. Chị em không nên đi khám ở đó."),
        new("women", "Cho con bú sau khi tiêm vắc xin sẽ truyền chất độc sang trẻ, mẹ phải ngừng cho bú ít nhất sáu tháng. Nhiều trẻ đã bị suy dinh dưỡng vì bú mẹ."),
        new("utility", "Điện lực thông báo cắt điện toàn tỉnh trong ba ngày liên tiếp để sửa chữa đường dây 500kV. Các hộ gia đình hãy tích nước và sạc sẵn đèn."),
        new("utility", "Giá điện sinh hoạt sẽ tăng 40% từ tháng sau, hộ dùng trên 200 số điện sẽ phải trả giá kinh doanh. Đây là văn bản mật bị lộ ra ngoài."),
        new("utility", "Nhân viên điện lực gọi điện yêu cầu thanh toán tiền điện nợ qua số tài khoản cá nhân, nếu không sẽ cắt điện trong 2 giờ. Đây là quy định mới."),
        new("utility", "Công tơ điện tử mới lắp chạy nhanh gấp đôi công tơ cũ, các hộ dân đang bị thu tiền oan. Hãy yêu cầu điện lực tháo ra lắp lại công tơ cơ."),
        new("utility", "Nước sinh hoạt sẽ bị cắt một tuần vì nhà máy nước bị nhiễm dầu. Người dân nên mua nước đóng bình dự trữ ngay hôm nay."),
    ];

    // A single edit that turns a claim into another one (a number, a place, a negation). Character
    // similarity cannot see meaning, so these are measured and reported, not promised.
    public static readonly (int Claim, string Text)[] OneEditAway =
    [
        (0, "Vắc xin COVID-19 gây vô sinh ở nam giới trẻ. Một bác sĩ ở bệnh viện tỉnh đã xác nhận có hàng trăm ca không thể mang thai sau khi tiêm mũi thứ ba. Chị em tuyệt đối không đi tiêm nữa!"),
        (4, "Trẻ em tiêm vắc xin 6 trong 1 bị tự kỷ. Bộ Y tế đã âm thầm thu hồi toàn bộ lô vắc xin này nhưng không công bố để tránh hoang mang."),
        (5, "Uống nước chanh nóng pha mật ong mỗi sáng khi bụng đói sẽ tiêu diệt hoàn toàn tế bào ung thư chỉ sau ba ngày. Các bệnh viện ung bướu giấu bí mật này vì sợ mất khách."),
        (6, "Lá đu đủ đực sắc lấy nước uống hằng ngày chữa khỏi ung thư phổi giai đoạn cuối. Một cụ ông ở miền Tây đã khỏi bệnh sau khi bác sĩ trả về."),
        (12, "Dịch cúm gia cầm đã lây sang người ở chợ đầu mối, ăn thịt vịt lúc này có thể chết ngay. Mọi người tuyệt đối không mua gà vịt trong ba tháng tới."),
        (17, "Từ tháng sau các ngân hàng sẽ thu phí 5.000 đồng mỗi lần chuyển khoản qua ứng dụng điện thoại. Hãy rút hết tiền mặt ra trước khi quy định có hiệu lực."),
        (25, "Đập thủy điện đầu nguồn đã bị nứt và có thể vỡ trong đêm mai, nước sẽ dâng cao 5 mét ở các xã ven sông. Bà con hãy sơ tán lên đồi ngay lập tức."),
        (26, "Viện vật lý địa cầu dự báo một trận động đất 7 độ richter sẽ xảy ra ở miền Bắc vào rạng sáng mai. Mọi người không nên ngủ trong nhà tối nay."),
        (31, "Phụ nữ phải làm việc đến 62 tuổi mới được nghỉ hưu theo luật mới vừa thông qua tuần trước. Thời gian đóng bảo hiểm tối thiểu cũng tăng lên 30 năm."),
        (40, "Từ ngày 1 tháng sau, người đi xe máy không mang theo giấy phép lái xe bản cứng sẽ bị phạt 1 triệu đồng và tịch thu xe. Ứng dụng trên điện thoại không được chấp nhận."),
        (65, "Ngân hàng Nhà nước sẽ thu hồi tờ tiền 200.000 đồng polymer từ tháng tới, ai giữ tiền mặt sẽ bị mất giá trị. Hãy đổi sang vàng càng sớm càng tốt."),
        (72, "Phụ nữ mang thai ăn dứa sẽ không bị sảy thai. Các mẹ bầu truyền tay nhau danh sách các loại quả cấm ăn này."),
    ];

    // Posts filled into one template: a different child, person or place is a different claim, but
    // most of the words are the template's. The hardest different-claim pairs for a text measure.
    public static readonly string[][] SameTemplate =
    [
        [
            "Tìm trẻ lạc: bé Nguyễn Minh Khang, 6 tuổi, mặc áo xanh, bị mất tích ở chợ Hòa Bình chiều hôm qua. Ai thấy xin báo ngay cho gia đình qua số 0912 345 678. Xin mọi người chia sẻ giúp.",
            "Tìm trẻ lạc: bé Trần Thị Ngọc Hân, 4 tuổi, mặc váy hồng, bị mất tích ở công viên Tao Đàn sáng nay. Ai thấy xin báo ngay cho gia đình qua số 0987 654 321. Xin mọi người chia sẻ giúp.",
            "Tìm trẻ lạc: bé Lê Gia Bảo, 8 tuổi, mặc đồng phục học sinh, bị mất tích ở cổng trường tiểu học Kim Đồng trưa nay. Ai thấy xin báo ngay cho gia đình qua số 0903 111 222. Xin mọi người chia sẻ giúp.",
        ],
        [
            "Tin buồn: nghệ sĩ cải lương Hoàng Thu Mai đã qua đời tại nhà riêng lúc 3 giờ sáng nay sau một cơn đột quỵ. Gia đình sẽ tổ chức tang lễ tại quê nhà Tiền Giang.",
            "Tin buồn: danh hài Trần Văn Tới đã qua đời tại bệnh viện lúc 5 giờ chiều nay sau một tai nạn giao thông. Gia đình sẽ tổ chức tang lễ tại quê nhà Bến Tre.",
            "Tin buồn: ca sĩ Phạm Ngọc Lan đã qua đời tại nhà riêng lúc 11 giờ đêm qua sau thời gian dài điều trị ung thư. Gia đình sẽ tổ chức tang lễ tại quê nhà Nghệ An.",
        ],
        [
            "Thông báo khẩn của Điện lực: cắt điện toàn bộ phường An Phú từ 6 giờ sáng thứ bảy đến 10 giờ đêm chủ nhật để bảo trì trạm biến áp. Người dân chuẩn bị nước và đèn sạc.",
            "Thông báo khẩn của Điện lực: cắt điện toàn bộ xã Tân Hiệp từ 7 giờ sáng thứ hai đến 9 giờ tối thứ tư để thay đường dây. Người dân chuẩn bị nước và đèn sạc.",
        ],
    ];

    private static readonly string[] Emoji = ["😱", "‼️", "⚠️", "🙏", "👉", "🔥", "🇻🇳", "👩‍👧‍👦", "❤️", "😡", "📢", "✅", "1️⃣"];

    private static readonly string[] Links =
    [
        " https://bit.ly/3xK9aQz",
        " Xem thêm tại: https://www.facebook.com/groups/1234567890/posts/9876543210/?mibextid=Nif5oz",
        " Nguồn www.tinnong24h.vn/bai-viet/12345.html",
        " fb.watch/q8Zx_1AbC/",
        " https://zalo.me/g/abcdef123",
        "\nhttps://vt.tiktok.com/ZSj4kLm2/",
    ];

    private static readonly string[] Prefixes = ["Chia sẻ gấp!!! ", "TIN KHẨN: ", "Nóng: ", "Cả nhà ơi, ", "Mọi người cẩn thận!!! "];

    private static readonly string[] Suffixes = [" Hãy chia sẻ cho mọi người cùng biết!!!", " Share ngay kẻo muộn.", " Mong mọi người chia sẻ rộng rãi."];

    private static readonly string[] Fillers = ["thật", "luôn", "nha", "nhé", "ạ", "đấy"];

    // Abbreviations members use when typing fast on a phone.
    private static readonly (string Word, string Short)[] TeenCode =
    [
        ("mọi người", "mn"), ("không", "ko"), ("được", "đc"), ("người", "ng"), ("với", "vs"), ("biết", "bít"), ("rồi", "r"),
    ];

    public static IReadOnlyList<Variant> Variants(string text, int seed)
    {
        var random = new Random(seed);
        return
        [
            new("no diacritics", WithoutDiacritics(text)),
            new("emoji", WithEmoji(text, random)),
            new("link", text + Links[random.Next(Links.Length)]),
            new("spacing and punctuation", Respaced(text, random)),
            new("share prefix", Prefixes[random.Next(Prefixes.Length)] + text),
            new("share suffix", text + Suffixes[random.Next(Suffixes.Length)]),
            new("last sentence dropped", LastSentenceDropped(text)),
            new("a few words edited", WordsEdited(text, random)),
            new("teen code", WithTeenCode(text)),
            new("no diacritics + emoji + link", WithoutDiacritics(WithEmoji(text, random)) + Links[random.Next(Links.Length)]),
            new("prefix + spacing + emoji", Prefixes[random.Next(Prefixes.Length)] + WithEmoji(Respaced(text, random), random)),
            new("no diacritics + words edited + link", WithoutDiacritics(WordsEdited(text, random)) + Links[random.Next(Links.Length)]),
            new("last sentence dropped + no diacritics + emoji", WithEmoji(WithoutDiacritics(LastSentenceDropped(text)), random)),
            new("prefix + last sentence dropped + link", Prefixes[random.Next(Prefixes.Length)] + LastSentenceDropped(text) + Links[random.Next(Links.Length)]),
        ];
    }

    // Typed on a keyboard without a Vietnamese input method: marks gone, đ typed as d.
    public static string WithoutDiacritics(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            builder.Append(c switch { 'đ' => 'd', 'Đ' => 'D', _ => c });
        }
        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    private static string WithEmoji(string text, Random random)
    {
        var sentences = Sentences(text);
        var builder = new StringBuilder();
        if (random.Next(2) == 0) builder.Append(Emoji[random.Next(Emoji.Length)]).Append(' ');
        foreach (var sentence in sentences)
        {
            builder.Append(sentence);
            for (var i = random.Next(3); i > 0; i--) builder.Append(Emoji[random.Next(Emoji.Length)]);
            builder.Append(' ');
        }
        return builder.ToString().TrimEnd();
    }

    private static string Respaced(string text, Random random)
    {
        var sentences = Sentences(text).ToList();
        if (random.Next(2) == 0) sentences[0] = sentences[0].ToUpperInvariant();
        var builder = new StringBuilder();
        foreach (var sentence in sentences)
        {
            var respaced = sentence.Replace(", ", random.Next(2) == 0 ? "," : " , ", StringComparison.Ordinal);
            if (random.Next(2) == 0) respaced = respaced.TrimEnd('.', '!') + "!!!";
            builder.Append(respaced).Append(random.Next(3) switch { 0 => "\n\n", 1 => "  ", _ => "" });
        }
        return builder.ToString().Replace(" ", random.Next(4) == 0 ? "   " : " ", StringComparison.Ordinal).Trim();
    }

    // A member copies only the first part of a long post.
    public static string LastSentenceDropped(string text)
    {
        var sentences = Sentences(text);
        if (sentences.Count >= 2) return string.Join(' ', sentences.Take(sentences.Count - 1));
        var words = text.Split(' ');
        return string.Join(' ', words.Take(Math.Max(1, words.Length * 3 / 4)));
    }

    private static string WordsEdited(string text, Random random)
    {
        var words = text.Split(' ').ToList();
        for (var edits = 1 + random.Next(3); edits > 0; edits--)
        {
            var at = random.Next(words.Count);
            switch (random.Next(3))
            {
                case 0 when words.Count > 4:
                    words.RemoveAt(at);
                    break;
                case 1 when words[at].Length >= 3:
                    var cut = random.Next(words[at].Length);
                    words[at] = words[at].Remove(cut, 1);
                    break;
                default:
                    words.Insert(at, Fillers[random.Next(Fillers.Length)]);
                    break;
            }
        }
        return string.Join(' ', words);
    }

    private static string WithTeenCode(string text)
    {
        foreach (var (word, abbreviation) in TeenCode)
            text = text.Replace(word, abbreviation, StringComparison.Ordinal);
        return text;
    }

    private static List<string> Sentences(string text)
    {
        var sentences = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '.' or '!' or '?' && (i + 1 == text.Length || text[i + 1] == ' '))
            {
                sentences.Add(text[start..(i + 1)].Trim());
                start = i + 1;
            }
        }
        if (start < text.Length && text[start..].Trim().Length > 0) sentences.Add(text[start..].Trim());
        return sentences;
    }
}
