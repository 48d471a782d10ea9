using System.Globalization;
using Triage.Client.Pipeline;
using Triage.Client.Users;
using Triage.Tests.Support;

namespace Triage.Tests.UseCases;

public sealed class ValidationTests : IAsyncLifetime
{
    private TestDesk _desk = default!;

    public async Task InitializeAsync() => _desk = await TestDesk.CreateAsync();
    public async Task DisposeAsync() => await _desk.DisposeAsync();

    private async Task<ValidationFailedException> AddBrokenUser(string culture)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
        try
        {
            return await Assert.ThrowsAsync<ValidationFailedException>(() => _desk.SendAs("admin@demo.local",
                new AddUser { Email = "not-an-email", Name = "", Roles = [], UnitId = 1, Password = "short" }));
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public async Task Every_broken_field_is_reported_at_once_by_camel_case_name()
    {
        var e = await AddBrokenUser("en-US");

        Assert.Equal(["email", "name", "password", "roles"], e.Errors.Keys.Order());
    }

    [Fact]
    public async Task Field_messages_come_in_the_callers_language()
    {
        var english = await AddBrokenUser("en-US");
        var vietnamese = await AddBrokenUser("vi-VN");

        Assert.Equal("Required.", english.Errors["name"].Single());
        Assert.Equal("Bắt buộc nhập.", vietnamese.Errors["name"].Single());
        Assert.Equal("Địa chỉ email không hợp lệ.", vietnamese.Errors["email"].Single());
    }

    [Fact]
    public async Task A_too_long_value_names_the_limit()
    {
        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => _desk.SendAs("admin@demo.local",
            new AddUser { Email = "a@b.vn", Name = new string('x', 201), Roles = [Role.Member], UnitId = 1 }));

        Assert.Contains("200", e.Errors["name"].Single());
    }
}
