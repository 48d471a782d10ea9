using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Bunit;
using Triage.Client.Cases;
using Triage.Client.Pipeline;
using Triage.Client.Reports;
using Triage.Client.Responses;
using Triage.Tests.Cases;
using Triage.Tests.Support;

namespace Triage.Tests.Responses;

/// <summary>The ClaimReview of a case: what it says, what it never says, and when it exists.</summary>
public sealed class ClaimReviewTests
{
    private const string Responder = "responder@demo.local";
    private const string Reviewer = "reviewer@demo.local";
    private const string Claim = "Khẩn cấp: uống nước chanh nóng mỗi sáng sẽ chữa khỏi ung thư giai đoạn cuối,\nbác sĩ bệnh viện K đã xác nhận!";
    private const string ReporterNote = "Tôi thấy bài này trong nhóm Zalo của chi hội";
    private const string DebunkUrl = "https://facebook.com/hoiphunu/posts/su-that-ve-nuoc-chanh";

    private static DraftResponse Message(long caseId, string kind = "debunk", string language = "vi") => new()
    {
        CaseId = caseId, Kind = kind, Channel = "facebook", Language = language,
        Fact = "Nước chanh không chữa được ung thư.", Text = "Sự thật: nước chanh không chữa được ung thư; hãy đi khám khi có dấu hiệu bệnh.",
    };

    private static async Task<ResponseSaved> Publish(TestDesk desk, DraftResponse draft, string url, DateTimeOffset at)
    {
        var saved = await desk.SendAs(Responder, draft);
        return await desk.SendAs(Responder, new PublishResponse { ResponseId = saved.ResponseId, PublishedUrl = url, PublishedAt = at });
    }

    /// <summary>One post reported by two members under two addresses, plus a third report of the first address with tracking added.</summary>
    private static async Task<(long CaseId, string[] Posts)> ReportedTwice(TestDesk desk)
    {
        await desk.AddUser("member2@demo.local", Role.Member, "D1-C1");
        var first = await desk.SendAs("member@demo.local", new SubmitReport
        {
            Url = "https://www.facebook.com/tin.nong.24h/posts/1001", Text = Claim, Note = ReporterNote,
        });
        desk.Clock.Advance(TimeSpan.FromMinutes(30));
        var second = await desk.SendAs("member2@demo.local", new SubmitReport { Url = "https://www.tiktok.com/@suckhoe.mienphi/video/2002", Text = Claim });
        desk.Clock.Advance(TimeSpan.FromMinutes(30));
        var third = await desk.SendAs("member2@demo.local", new SubmitReport { Url = "https://www.facebook.com/tin.nong.24h/posts/1001?utm_source=zalo&fbclid=abc" });
        Assert.Equal(new[] { first.CaseId, first.CaseId }, new[] { second.CaseId, third.CaseId });

        string[] posts =
        [
            await desk.Scalar<string>("SELECT url_canonical FROM reports WHERE id = @ReportId", new { first.ReportId }),
            await desk.Scalar<string>("SELECT url_canonical FROM reports WHERE id = @ReportId", new { second.ReportId }),
        ];
        Assert.Equal(posts[0], await desk.Scalar<string>("SELECT url_canonical FROM reports WHERE id = @ReportId", new { third.ReportId }));
        return (first.CaseId, posts);
    }

    [Fact]
    public async Task A_published_debunk_gives_a_claim_review_of_the_claim_its_verdict_its_posts_and_the_publication()
    {
        await using var desk = await TestDesk.CreateAsync();
        var (caseId, posts) = await ReportedTwice(desk);
        await desk.ForceStatus(caseId, CaseStatus.Assigned);
        // 20:00 UTC is 03:00 the next morning on the desk's clock (Asia/Ho_Chi_Minh).
        desk.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 26, 21, 0, 0, TimeSpan.Zero));
        await Publish(desk, Message(caseId), DebunkUrl, new DateTimeOffset(2026, 11, 26, 20, 0, 0, TimeSpan.Zero));

        var review = await desk.SendAs(Reviewer, new GetClaimReview(caseId));

        Assert.Equal("https://schema.org", review.Context);
        Assert.Equal("ClaimReview", review.Type);
        Assert.Equal(Claim.Replace('\n', ' '), review.ClaimReviewed);
        Assert.Equal(("Rating", 1, 5, 1, "Sai sự thật"),
            (review.ReviewRating.Type, review.ReviewRating.RatingValue, review.ReviewRating.BestRating, review.ReviewRating.WorstRating, review.ReviewRating.AlternateName));
        Assert.Equal("Claim", review.ItemReviewed.Type);
        Assert.Equal(posts, review.ItemReviewed.Appearance!.Select(a => a.Url));
        Assert.All(review.ItemReviewed.Appearance!, a => Assert.Equal("CreativeWork", a.Type));
        Assert.Equal(posts[0], review.ItemReviewed.FirstAppearance!.Url);
        Assert.Equal(new ReviewOrganization("Triage"), review.Author);
        Assert.Equal("2026-11-27", review.DatePublished);
        Assert.Equal(DebunkUrl, review.Url);
        Assert.Equal("vi", review.InLanguage);
    }

    [Fact]
    public async Task The_claim_review_names_no_reporter()
    {
        await using var desk = await TestDesk.CreateAsync();
        var (caseId, _) = await ReportedTwice(desk);
        await desk.ForceStatus(caseId, CaseStatus.Assigned);
        await Publish(desk, Message(caseId), DebunkUrl, desk.Clock.GetUtcNow());

        var json = JsonSerializer.Serialize(await desk.SendAs(Reviewer, new GetClaimReview(caseId)));

        string[] reporters = ["member@demo.local", "member2@demo.local", "Hoàng Thị Mai", "Ngô Thị Bích", ReporterNote, "D1-C1"];
        Assert.All(reporters, r => Assert.DoesNotContain(r, json, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("utm_source", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_latest_published_debunk_sets_the_language_of_the_verdict_label_and_the_link()
    {
        await using var desk = await TestDesk.CreateAsync();
        var caseId = await desk.NewCase(Claim);
        await desk.ForceStatus(caseId, CaseStatus.Assigned);
        await Publish(desk, Message(caseId, language: "vi"), DebunkUrl, desk.Clock.GetUtcNow());
        var vietnamese = await desk.SendAs("member@demo.local", new GetClaimReview(caseId));
        desk.Clock.Advance(TimeSpan.FromHours(2));
        await Publish(desk, Message(caseId, language: "en"), "https://x.com/hoiphunu/status/3003", desk.Clock.GetUtcNow());
        await Publish(desk, Message(caseId, kind: "clarification", language: "vi"), "https://zalo.me/hoiphunu/4004", desk.Clock.GetUtcNow());

        var english = await desk.SendAs("member@demo.local", new GetClaimReview(caseId));

        Assert.Equal(("Sai sự thật", "vi", DebunkUrl), (vietnamese.ReviewRating.AlternateName, vietnamese.InLanguage, vietnamese.Url));
        Assert.Equal(("False", "en", "https://x.com/hoiphunu/status/3003"), (english.ReviewRating.AlternateName, english.InLanguage, english.Url));
        // Reported as text only: the claim appeared nowhere the desk can link to.
        Assert.Null(english.ItemReviewed.Appearance);
        Assert.Null(english.ItemReviewed.FirstAppearance);
        Assert.False(JsonSerializer.SerializeToElement(english).GetProperty("itemReviewed").TryGetProperty("appearance", out _));
    }

    [Fact]
    public async Task The_rating_follows_the_verdict_on_the_stated_scale()
    {
        await using var desk = await TestDesk.CreateAsync();
        var caseId = await desk.NewCase(Claim);
        await desk.ForceStatus(caseId, CaseStatus.Assigned);
        await desk.Execute("UPDATE cases SET verdict = 'out_of_context' WHERE id = @caseId", new { caseId });
        await Publish(desk, Message(caseId, language: "en"), DebunkUrl, desk.Clock.GetUtcNow());

        var rating = (await desk.SendAs(Reviewer, new GetClaimReview(caseId))).ReviewRating;

        Assert.Equal((3, "Out of context"), (rating.RatingValue, rating.AlternateName));
    }

    [Fact]
    public async Task There_is_no_claim_review_before_a_debunk_is_published()
    {
        await using var desk = await TestDesk.CreateAsync();
        var caseId = await desk.NewCase(Claim);
        await Assert.ThrowsAsync<NotFoundException>(() => desk.SendAs(Reviewer, new GetClaimReview(caseId)));
        await desk.ForceStatus(caseId, CaseStatus.Assigned);

        await desk.SendAs(Responder, Message(caseId));
        await Assert.ThrowsAsync<NotFoundException>(() => desk.SendAs(Reviewer, new GetClaimReview(caseId)));
        await Publish(desk, Message(caseId, kind: "clarification"), DebunkUrl, desk.Clock.GetUtcNow());
        await Assert.ThrowsAsync<NotFoundException>(() => desk.SendAs(Reviewer, new GetClaimReview(caseId)));

        await Publish(desk, Message(caseId), DebunkUrl, desk.Clock.GetUtcNow());
        Assert.Equal(DebunkUrl, (await desk.SendAs(Reviewer, new GetClaimReview(caseId))).Url);
        await Assert.ThrowsAsync<NotFoundException>(() => desk.SendAs("reviewer2@demo.local", new GetClaimReview(caseId)));
    }

    [Fact]
    public async Task A_long_claim_is_summarised_at_a_word_boundary()
    {
        await using var desk = await TestDesk.CreateAsync();
        var words = string.Join(' ', Enumerable.Repeat("Tin đồn lan truyền rằng nước chanh nóng chữa khỏi ung thư.", 20));
        var caseId = await desk.NewCase(words);
        await desk.ForceStatus(caseId, CaseStatus.Assigned);
        await Publish(desk, Message(caseId), DebunkUrl, desk.Clock.GetUtcNow());

        var claim = (await desk.SendAs(Reviewer, new GetClaimReview(caseId))).ClaimReviewed;

        Assert.InRange(claim.Length, ClaimReviewDocument.MaxClaimLength - 20, ClaimReviewDocument.MaxClaimLength);
        Assert.EndsWith("…", claim, StringComparison.Ordinal);
        Assert.StartsWith(claim[..^1], words, StringComparison.Ordinal);
        Assert.Equal(' ', words[claim.Length - 1]);
    }

    [Fact]
    public void The_page_offers_the_document_exactly_when_the_server_answers_it()
    {
        static CaseResponse Response(string kind, ResponseStatus status) => new(1, 7, new Person(3, "responder@demo.local", "Phạm Thị Lan"),
            kind, "facebook", "vi", null, null, null, "Sự thật", status, null, null, null, DateTimeOffset.UnixEpoch,
            new ResponseReach(1, null, null, null, null, []));

        Assert.True(ClaimReviewDocument.IsAvailable("false", [Response("clarification", ResponseStatus.Published), Response("debunk", ResponseStatus.Published)]));
        Assert.False(ClaimReviewDocument.IsAvailable(null, [Response("debunk", ResponseStatus.Published)]));
        Assert.False(ClaimReviewDocument.IsAvailable("false", [Response("debunk", ResponseStatus.Approved), Response("prebunk", ResponseStatus.Published)]));
    }

    [Fact]
    public async Task Every_verdict_of_the_taxonomy_has_a_place_on_the_rating_scale()
    {
        await using var desk = await TestDesk.CreateAsync();
        var verdicts = (await desk.Scalar<string>("SELECT string_agg(code, ',') FROM taxonomy_terms WHERE kind = 'verdict'")).Split(',');

        Assert.Equal(7, verdicts.Length);
        Assert.All(verdicts, v => Assert.InRange(Assert.Contains(v, ClaimReviewScale.Ratings), ClaimReviewScale.Worst, ClaimReviewScale.Best));
        Assert.Equal(ClaimReviewScale.Worst, ClaimReviewScale.Of("false"));
        Assert.Equal(ClaimReviewScale.Best, ClaimReviewScale.Of("accurate"));
        Assert.Equal(3, ClaimReviewScale.Of("a_verdict_added_later"));
    }

    [Fact]
    public async Task Every_property_of_the_document_is_a_schema_org_property_of_its_type()
    {
        await using var desk = await TestDesk.CreateAsync();
        var (caseId, _) = await ReportedTwice(desk);
        await desk.ForceStatus(caseId, CaseStatus.Assigned);
        await Publish(desk, Message(caseId), DebunkUrl, desk.Clock.GetUtcNow());
        var document = JsonSerializer.SerializeToElement(await desk.SendAs(Reviewer, new GetClaimReview(caseId)));
        var vocabulary = SchemaOrg.Load();

        Assert.Equal("https://schema.org", document.GetProperty("@context").GetString());
        Assert.Empty(SchemaOrg.Strangers(document, vocabulary, root: true));
        var used = SchemaOrg.Types(document).ToHashSet();
        Assert.Superset(new HashSet<string> { "ClaimReview", "Rating", "Claim", "CreativeWork", "Organization" }, used);
        Assert.Equal(5, used.Count);

        // The check itself catches a misspelt property and a property of another type.
        var wrong = JsonSerializer.SerializeToElement(new Dictionary<string, object>
        {
            ["@type"] = "Rating", ["ratingvalue"] = 1, ["claimReviewed"] = "x",
        });
        Assert.Equal(["Rating.ratingvalue", "Rating.claimReviewed"], SchemaOrg.Strangers(wrong, vocabulary, root: false));
    }

    /// <summary>The fixture <c>schema-org-properties.txt</c> beside this file, and a walk of a JSON-LD document against it.</summary>
    private static class SchemaOrg
    {
        public static Dictionary<string, HashSet<string>> Load()
        {
            var own = new Dictionary<string, (string? Parent, string[] Properties)>();
            foreach (var line in File.ReadAllLines(FixturePath()).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')))
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                var head = line[..colon].Split('<', StringSplitOptions.TrimEntries);
                own[head[0]] = (head.Length > 1 ? head[1] : null, line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries));
            }
            return own.Keys.ToDictionary(type => type, type =>
            {
                var all = new HashSet<string>(StringComparer.Ordinal);
                for (string? t = type; t is not null; t = own[t].Parent) all.UnionWith(own[t].Properties);
                return all;
            });
        }

        /// <summary>"Type.property" for each key that is not a property of its object's type (or for an object of no known type).</summary>
        public static List<string> Strangers(JsonElement node, Dictionary<string, HashSet<string>> vocabulary, bool root)
        {
            var found = new List<string>();
            Walk(node, vocabulary, root, found);
            return found;
        }

        public static IEnumerable<string> Types(JsonElement node) => node.ValueKind switch
        {
            JsonValueKind.Object => node.EnumerateObject().SelectMany(p => p.Name == "@type" ? [p.Value.GetString()!] : Types(p.Value)),
            JsonValueKind.Array => node.EnumerateArray().SelectMany(Types),
            _ => [],
        };

        private static void Walk(JsonElement node, Dictionary<string, HashSet<string>> vocabulary, bool root, List<string> found)
        {
            if (node.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in node.EnumerateArray()) Walk(item, vocabulary, false, found);
                return;
            }
            if (node.ValueKind != JsonValueKind.Object) return;
            var type = node.TryGetProperty("@type", out var t) ? t.GetString() ?? "" : "";
            if (!vocabulary.TryGetValue(type, out var properties))
            {
                found.Add($"{type}.@type");
                return;
            }
            foreach (var property in node.EnumerateObject())
            {
                if (property.Name == "@type" || (root && property.Name == "@context")) continue;
                if (!properties.Contains(property.Name)) found.Add($"{type}.{property.Name}");
                Walk(property.Value, vocabulary, false, found);
            }
        }

        private static string FixturePath()
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Triage.sln"))) dir = dir.Parent;
            return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("Triage.sln not found above the test output."),
                "tests", "Triage.Tests", "Responses", "schema-org-properties.txt");
        }
    }
}

/// <summary>The desk with an organisation name configured, as a deployment sets it.</summary>
public sealed class ClaimReviewDeskFactory : DeskFactory
{
    public const string Organisation = "Hội Liên hiệp Phụ nữ tỉnh Bình Minh";

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Triage:Organisation:Name"] = Organisation };
}

/// <summary><c>GET /api/v1/cases/{id}/claimreview</c> as a search engine or a member's browser fetches it.</summary>
public sealed class ClaimReviewApiTests(ClaimReviewDeskFactory desk) : IClassFixture<ClaimReviewDeskFactory>
{
    private const string Myth = "Rumour: hot lemon water cures <b>late-stage</b> cancer.";

    private Task<HttpClient> Bearer(string email) => desk.BearerClient(email);

    private static async Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string path, object body, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await client.SendAsync(request);
    }

    private static void AssertNotFound(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_claim_review_is_json_ld_once_a_debunk_is_published_and_404_before_and_out_of_scope()
    {
        var member = await Bearer("member@demo.local");
        var reviewer = await Bearer("reviewer@demo.local");
        var responder = await Bearer("responder@demo.local");
        var caseId = (await (await member.PostAsJsonAsync("/api/v1/reports", new { url = "https://facebook.com/tin.nong.24h/posts/claimreview-api" }))
            .Json<JsonElement>()).GetProperty("caseId").GetInt64();
        var etag = (await reviewer.GetAsync($"/api/v1/cases/{caseId}")).Headers.ETag!.ToString();
        var classified = await Send(reviewer, HttpMethod.Post, $"/api/v1/cases/{caseId}/classification", new { verdict = "misleading", category = "health", severity = 2 }, etag);
        Assert.Equal(HttpStatusCode.OK, (await Send(reviewer, HttpMethod.Post, $"/api/v1/cases/{caseId}/assignment",
            new { responderEmail = "responder@demo.local" }, classified.Headers.ETag!.ToString())).StatusCode);

        AssertNotFound(await reviewer.GetAsync($"/api/v1/cases/{caseId}/claimreview"));

        var published = await Send(responder, HttpMethod.Post, $"/api/v1/cases/{caseId}/responses", new
        {
            kind = "debunk", channel = "x", language = "en", text = "Fact: lemon water does not cure cancer.", myth = Myth,
            publishedUrl = "https://x.com/hoiphunu/status/5005", publishedAt = DateTimeOffset.UtcNow.AddMinutes(-1),
        });
        Assert.Equal("published", (await published.Json<JsonElement>()).GetProperty("status").GetString());

        var response = await reviewer.GetAsync($"/api/v1/cases/{caseId}/claimreview");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/ld+json", response.Content.Headers.ContentType?.MediaType);
        var raw = await response.Content.ReadAsStringAsync();
        // Readable Vietnamese, yet safe to paste into a page's script tag.
        Assert.Contains(ClaimReviewDeskFactory.Organisation, raw, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", raw, StringComparison.Ordinal);
        var document = JsonDocument.Parse(raw).RootElement;
        Assert.Equal("https://schema.org", document.GetProperty("@context").GetString());
        Assert.Equal("ClaimReview", document.GetProperty("@type").GetString());
        Assert.Equal(ClaimReviewDeskFactory.Organisation, document.GetProperty("author").GetProperty("name").GetString());
        var rating = document.GetProperty("reviewRating");
        Assert.Equal((2, 5, 1, "Misleading"), (rating.GetProperty("ratingValue").GetInt32(), rating.GetProperty("bestRating").GetInt32(),
            rating.GetProperty("worstRating").GetInt32(), rating.GetProperty("alternateName").GetString()));
        Assert.Equal("https://x.com/hoiphunu/status/5005", document.GetProperty("url").GetString());
        // Reported by address only: the debunk's statement of the myth says what the claim is.
        Assert.Equal(Myth, document.GetProperty("claimReviewed").GetString());
        Assert.Equal(JsonValueKind.String, document.GetProperty("itemReviewed").GetProperty("firstAppearance").GetProperty("url").ValueKind);

        // The case page's download link is fetched by the browser with the session cookie.
        var browser = await desk.SignedInClient("member@demo.local");
        Assert.Equal("application/ld+json", (await browser.GetAsync($"/api/v1/cases/{caseId}/claimreview")).Content.Headers.ContentType?.MediaType);
        AssertNotFound(await (await Bearer("reviewer2@demo.local")).GetAsync($"/api/v1/cases/{caseId}/claimreview"));
        AssertNotFound(await reviewer.GetAsync("/api/v1/cases/987654/claimreview"));
    }
}

/// <summary>The case page's download link: absent until a debunk is published, then a plain link the browser saves under a file name.</summary>
public sealed class ClaimReviewDownloadTests
{
    [Fact]
    public async Task The_link_appears_only_once_a_debunk_is_published_and_saves_the_document_as_a_jsonld_file()
    {
        await using var ctx = Triage.Tests.Components.ComponentContext.Create("vi-VN");
        Triage.Tests.Components.ComponentContext.UseCulture("vi-VN");

        var before = ctx.Render<ClaimReviewDownload>(p => p.Add(c => c.CaseId, 42).Add(c => c.Published, false));
        Assert.Empty(before.FindAll("a"));

        var after = ctx.Render<ClaimReviewDownload>(p => p.Add(c => c.CaseId, 42).Add(c => c.Published, true));
        var link = after.Find("a[data-claimreview-download]");
        Assert.Equal("/api/v1/cases/42/claimreview", link.GetAttribute("href"));
        Assert.Equal("case-42-claimreview.jsonld", link.GetAttribute("download"));
        Assert.Contains("Tải ClaimReview", link.TextContent, StringComparison.Ordinal);
    }
}
