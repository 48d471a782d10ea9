using Triage.Client.Library;
using Triage.Client.Pipeline;
using Triage.Tests.Cases;
using Triage.Tests.Support;

namespace Triage.Tests.Library;

public sealed class LibraryTests
{
    private const string Reviewer = "reviewer@demo.local";
    private const string Responder = "responder@demo.local";

    private const string VaccineClaim = "Tin đồn: tiêm vắc xin cúm gây vô sinh ở phụ nữ trẻ, Bộ Y tế đã giấu kín chuyện này suốt nhiều năm!";
    private const string VaccineEcho = "Cảnh báo khẩn: phụ nữ trẻ tiêm vắc xin cúm sẽ bị vô sinh, đừng cho con gái đi tiêm nữa!";

    private static SaveLibraryMessage Message(string title, string text, string? claim = null, params string[] countermeasures) => new()
    {
        Title = title, Text = text, Language = "vi", Category = "health", Claim = claim, Countermeasures = countermeasures,
    };

    private static SaveLibraryMessage VaccineMessage() => Message("Vắc xin cúm không gây vô sinh",
        "Tiêm vắc xin cúm an toàn cho phụ nữ trẻ; không có bằng chứng nào cho thấy vắc xin gây vô sinh.",
        "Vắc xin cúm gây vô sinh", "C00042", "C00119");

    private static SaveLibraryMessage LemonMessage() => Message("Nước chanh không chữa được ung thư",
        "Uống nước chanh nóng không chữa khỏi ung thư; hãy điều trị theo chỉ định của bác sĩ.", "Nước chanh chữa ung thư", "C00042");

    [Fact]
    public async Task Search_finds_a_message_with_or_without_diacritics()
    {
        await using var desk = await TestDesk.CreateAsync();
        var saved = await desk.SendAs(Reviewer, VaccineMessage());
        await desk.SendAs(Reviewer, LemonMessage());

        foreach (var q in new[] { "tiêm vắc xin", "tiem vac xin", "TIEM VAC XIN", "vo sinh" })
        {
            var page = await desk.SendAs(Responder, new SearchLibrary { Q = q });
            Assert.Equal([saved.Id], page.Items.Select(m => m.Id));
        }
        var found = (await desk.SendAs(Responder, new SearchLibrary { Q = "tiem vac xin" })).Items.Single();
        Assert.Equal(["C00042", "C00119"], found.Countermeasures);
        Assert.Equal("health", found.Category);
        Assert.Empty((await desk.SendAs(Responder, new SearchLibrary { Q = "tiem vac xin", Category = "politics" })).Items);
        Assert.Empty((await desk.SendAs(Responder, new SearchLibrary { Q = "dien thoai" })).Items);
    }

    [Fact]
    public async Task Search_folds_d_stroke_which_the_tokenizer_alone_keeps()
    {
        await using var desk = await TestDesk.CreateAsync();
        var saved = await desk.SendAs(Reviewer, Message("Đừng tin tin đồn", "Đây là thông tin sai sự thật về dịch bệnh."));
        Assert.Equal([saved.Id], (await desk.SendAs(Responder, new SearchLibrary { Q = "dung tin tin don" })).Items.Select(m => m.Id));
    }

    [Fact]
    public async Task For_a_case_a_message_used_on_a_similar_case_comes_before_a_more_used_one()
    {
        await using var desk = await TestDesk.CreateAsync();
        var vaccine = await desk.SendAs(Reviewer, VaccineMessage());
        var lemon = await desk.SendAs(Reviewer, LemonMessage());
        var echo = await desk.NewCase(VaccineEcho);
        var lemonCase = await desk.NewCase();
        var caseId = await desk.NewCase(VaccineClaim);
        Assert.Equal(3, new[] { echo, lemonCase, caseId }.Distinct().Count());

        await desk.SendAs(Responder, new UseLibraryMessage { MessageId = vaccine.Id, CaseId = echo });
        await desk.SendAs(Responder, new UseLibraryMessage { MessageId = lemon.Id, CaseId = lemonCase });
        await desk.SendAs(Responder, new UseLibraryMessage { MessageId = lemon.Id, CaseId = lemonCase });

        var plain = await desk.SendAs(Responder, new SearchLibrary());
        Assert.Equal([lemon.Id, vaccine.Id], plain.Items.Select(m => m.Id));

        var forCase = await desk.SendAs(Responder, new SearchLibrary { CaseId = caseId });
        Assert.Equal([vaccine.Id, lemon.Id], forCase.Items.Select(m => m.Id));
        Assert.Equal(1, forCase.Items[0].UsesOnSimilarCases);
        Assert.Equal(0, forCase.Items[1].UsesOnSimilarCases);
    }

    [Fact]
    public async Task Using_a_message_counts_it_and_answers_the_draft_parts()
    {
        await using var desk = await TestDesk.CreateAsync();
        var saved = await desk.SendAs(Reviewer, VaccineMessage());
        var caseId = await desk.NewCase(VaccineClaim);

        var first = await desk.SendAs(Responder, new UseLibraryMessage { MessageId = saved.Id, CaseId = caseId });
        var second = await desk.SendAs(Reviewer, new UseLibraryMessage { MessageId = saved.Id, CaseId = caseId });

        Assert.Equal(saved.Text, first.Text);
        Assert.Equal(["C00042", "C00119"], first.Countermeasures);
        Assert.Equal(1, first.UsageCount);
        Assert.Equal(2, second.UsageCount);
        Assert.Equal(2, await desk.Scalar<long>("SELECT count(*) FROM library_usage WHERE message_id = @Id AND case_id = @caseId", new { saved.Id, caseId }));
        Assert.Equal(2, (await desk.SendAs(Responder, new SearchLibrary())).Items.Single().UsageCount);
    }

    [Fact]
    public async Task Bad_input_saves_nothing()
    {
        await using var desk = await TestDesk.CreateAsync();
        var unknownCategory = VaccineMessage();
        unknownCategory.Category = "astrology";
        var unknownCountermeasure = Message("Tiêu đề", "Nội dung", null, "C00042", "C99999");
        var blankText = Message("Tiêu đề", "   ");
        var badLanguage = VaccineMessage();
        badLanguage.Language = "fr";

        Assert.Contains("category", (await Assert.ThrowsAsync<ValidationFailedException>(() => desk.SendAs(Reviewer, unknownCategory))).Errors.Keys);
        var countermeasureError = await Assert.ThrowsAsync<ValidationFailedException>(() => desk.SendAs(Reviewer, unknownCountermeasure));
        Assert.Contains("C99999", countermeasureError.Errors["countermeasures"][0]);
        Assert.Contains("text", (await Assert.ThrowsAsync<ValidationFailedException>(() => desk.SendAs(Reviewer, blankText))).Errors.Keys);
        Assert.Contains("language", (await Assert.ThrowsAsync<ValidationFailedException>(() => desk.SendAs(Reviewer, badLanguage))).Errors.Keys);
        Assert.Contains("text", (await Assert.ThrowsAsync<ValidationFailedException>(() => desk.SendAs(Reviewer, Message("Tiêu đề", "")))).Errors.Keys);

        Assert.Equal(0, await desk.Scalar<long>("SELECT count(*) FROM library_messages"));
        Assert.Equal(0, await desk.Scalar<long>("SELECT count(*) FROM library_message_countermeasures"));
        Assert.Equal(0, await desk.Scalar<long>("SELECT count(*) FROM library_search"));
    }

    [Fact]
    public async Task Updating_replaces_the_text_tags_and_search_row_but_keeps_the_usage()
    {
        await using var desk = await TestDesk.CreateAsync();
        var saved = await desk.SendAs(Reviewer, VaccineMessage());
        var caseId = await desk.NewCase(VaccineClaim);
        await desk.SendAs(Responder, new UseLibraryMessage { MessageId = saved.Id, CaseId = caseId });
        var update = LemonMessage();
        update.Id = saved.Id;

        var updated = await desk.SendAs("coordinator@demo.local", update);

        Assert.Equal(["C00042"], updated.Countermeasures);
        Assert.Equal(1, updated.UsageCount);
        Assert.Empty((await desk.SendAs(Responder, new SearchLibrary { Q = "vac xin" })).Items);
        Assert.Single((await desk.SendAs(Responder, new SearchLibrary { Q = "nuoc chanh" })).Items);
        var missing = LemonMessage();
        missing.Id = 999_999;
        await Assert.ThrowsAsync<NotFoundException>(() => desk.SendAs(Reviewer, missing));
    }

    [Fact]
    public async Task Roles_and_case_scope_are_enforced()
    {
        await using var desk = await TestDesk.CreateAsync();
        var saved = await desk.SendAs(Reviewer, VaccineMessage());
        var caseId = await desk.NewCase(VaccineClaim);

        await Assert.ThrowsAsync<ForbiddenException>(() => desk.SendAs(Responder, LemonMessage()));
        await Assert.ThrowsAsync<ForbiddenException>(() => desk.SendAs("member@demo.local", new SearchLibrary()));
        await Assert.ThrowsAsync<ForbiddenException>(() => desk.SendAs("member@demo.local", new UseLibraryMessage { MessageId = saved.Id, CaseId = caseId }));
        // reviewer2 works in another district: the case does not exist for them.
        await Assert.ThrowsAsync<NotFoundException>(() => desk.SendAs("reviewer2@demo.local", new UseLibraryMessage { MessageId = saved.Id, CaseId = caseId }));
        await Assert.ThrowsAsync<NotFoundException>(() => desk.SendAs("reviewer2@demo.local", new SearchLibrary { CaseId = caseId }));
        await Assert.ThrowsAsync<NotFoundException>(() => desk.SendAs(Responder, new UseLibraryMessage { MessageId = 999_999, CaseId = caseId }));
        Assert.Single((await desk.SendAs("reviewer2@demo.local", new SearchLibrary())).Items);
        Assert.Equal(0, await desk.Scalar<long>("SELECT usage_count FROM library_messages WHERE id = @Id", new { saved.Id }));
    }

    [Fact]
    public async Task Pages_follow_the_cursor_without_repeats()
    {
        await using var desk = await TestDesk.CreateAsync();
        var ids = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await desk.SendAs(Reviewer, Message($"Thông điệp {i}", $"Nội dung số {i}"))).Id);
            desk.Clock.Advance(TimeSpan.FromMinutes(1));
        }
        var seen = new List<long>();
        string? cursor = null;
        do
        {
            var page = await desk.SendAs(Responder, new SearchLibrary { Limit = 2, Cursor = cursor });
            seen.AddRange(page.Items.Select(m => m.Id));
            cursor = page.NextCursor;
        } while (cursor is not null);
        Assert.Equal(ids.AsEnumerable().Reverse(), seen);
        await Assert.ThrowsAsync<ValidationFailedException>(() => desk.SendAs(Responder, new SearchLibrary { Cursor = "not-a-cursor" }));
    }

    [Fact]
    public async Task The_countermeasures_are_loaded_from_the_seed()
    {
        await using var desk = await TestDesk.CreateAsync();
        var all = await desk.SendAs(Responder, new ListDisarmCountermeasures());
        Assert.Equal(140, all.Count);
        Assert.Contains(all, c => c is { Id: "C00042", Name: "Address truth contained in narratives" });
    }
}
