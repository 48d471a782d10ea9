using System.Xml.Linq;
using Dapper;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Triage.Server.Data;

/// <summary>
/// The data protection key ring in <c>data_protection_keys</c>, for PostgreSQL: every server reads and writes the same
/// keys, so a cookie, antiforgery token or two-factor secret protected by one server is read by any other. On SQLite
/// the ring stays in files under <c>keys/</c> (DESIGN.md), as one process owns the desk.
/// </summary>
public sealed class DatabaseXmlRepository(Db db, TimeProvider clock) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = db.Open();
        return connection.Query<string>("SELECT xml FROM data_protection_keys ORDER BY created_at, friendly_name")
            .Select(xml => XElement.Parse(xml))
            .ToList();
    }

    /// <summary>
    /// Elements are never replaced: two servers storing under one name (two revocations in the same instant) both keep
    /// theirs, the later under a name of its own, as the file system repository does with a name it cannot use.
    /// </summary>
    public void StoreElement(XElement element, string friendlyName)
    {
        using var connection = db.Open();
        var xml = element.ToString(SaveOptions.DisableFormatting);
        var createdAt = DapperSetup.Format(clock.GetUtcNow());
        const string Insert = """
            INSERT INTO data_protection_keys (friendly_name, xml, created_at) VALUES (@name, @xml, @createdAt)
            ON CONFLICT (friendly_name) DO NOTHING
            """;
        if (connection.Execute(Insert, new { name = friendlyName, xml, createdAt }) == 0)
            connection.Execute(Insert, new { name = $"{friendlyName}-{Guid.NewGuid():N}", xml, createdAt });
    }
}
