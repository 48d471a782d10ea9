using Dapper;
using Triage.Client.Cases;
using Triage.Server.Search;
using Triage.Tests.Support;

namespace Triage.Tests.Queue;

/// <summary>Cases written straight into the tables with exactly the keys a queue test needs.</summary>
public static class QueueDesk
{
    public sealed record Seed(
        string Unit = "D1-C1", string Title = "Tin đồn", CaseStatus Status = CaseStatus.New, int Reports = 1, double AgeHours = 1,
        double LastHoursAgo = 0, string? Platform = null, string? Verdict = null, string? Category = null, int? Severity = null,
        string? Assignee = null);

    /// <summary>
    /// Inserts a case owned by <see cref="Seed.Unit"/> in its Inbox, at the desk's clock; the triggers set its priority.
    /// Times are bound as DateTimeOffset, as the handlers bind them, so they are stored in the same text form.
    /// </summary>
    public static async Task<long> SeedCase(this TestDesk desk, Seed seed)
    {
        var now = desk.Clock.GetUtcNow();
        await using var connection = await desk.Db.OpenAsync();
        var id = await connection.ExecuteScalarAsync<long>("""
            INSERT INTO cases (status, title, platform, owner_unit_id, queue_id, report_count, search_texts, first_reported_at, last_reported_at,
                               verdict, category, severity, assignee_user_id, created_at, updated_at)
            SELECT @status, @Title, @Platform, o.id, q.id, @Reports, 1, @first, @last, @Verdict, @Category, @Severity,
                   (SELECT id FROM users WHERE email = @Assignee), @now, @now
            FROM org_units o JOIN queues q ON q.unit_id = o.id AND q.is_inbox = TRUE WHERE o.code = @Unit
            RETURNING id
            """, new
            {
                status = seed.Status.Code(), seed.Title, seed.Platform, seed.Reports, seed.Verdict, seed.Category, seed.Severity, seed.Assignee, seed.Unit,
                first = now - TimeSpan.FromHours(seed.AgeHours),
                last = now - TimeSpan.FromHours(seed.LastHoursAgo),
                now,
            });
        await CaseSearch.AddAsync(connection, null, id, seed.Title, seed.Title);
        return id;
    }

    /// <summary>A claim no other index of this generator resembles: 14 syllables drawn from 80 with a seeded shuffle.</summary>
    public static string Claim(int index)
    {
        string[] syllables =
        [
            "lúa", "mưa", "gạo", "cá", "sông", "núi", "trường", "bệnh", "viện", "thuốc", "chợ", "xăng", "điện", "nước", "đường", "cầu",
            "xe", "buýt", "trẻ", "em", "cụ", "bà", "ông", "mẹ", "con", "bầu", "cử", "thuế", "đất", "nhà", "phố", "làng",
            "tỏi", "gừng", "chanh", "muối", "đường", "sữa", "bột", "mì", "vắc", "xin", "cúm", "sốt", "ho", "đau", "mắt", "răng",
            "bão", "lũ", "nắng", "gió", "lạnh", "tuyết", "động", "sóng", "biển", "tàu", "cảng", "sân", "bay", "ga", "ray", "hầm",
            "tiền", "vàng", "giá", "lãi", "nợ", "vay", "quỹ", "thẻ", "mạng", "sim", "máy", "ảnh", "phim", "nhạc", "sách", "báo",
        ];
        var random = new Random(index * 7919 + 17);
        return string.Join(' ', Enumerable.Range(0, 14).Select(_ => syllables[random.Next(syllables.Length)])) + $" mã {index}";
    }
}
