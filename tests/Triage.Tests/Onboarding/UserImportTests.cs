using System.Globalization;
using System.Text;
using Triage.Client.Account;
using Triage.Client.Onboarding;
using Triage.Client.Pipeline;
using Triage.Client.Users;
using Triage.Tests.Support;

namespace Triage.Tests.Onboarding;

public sealed class UserImportTests : IAsyncLifetime
{
    private TestDesk _desk = default!;

    public async Task InitializeAsync()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("en-US");
        _desk = await TestDesk.CreateAsync();
    }

    public async Task DisposeAsync() => await _desk.DisposeAsync();

    private static byte[] Csv(string text) => Encoding.UTF8.GetBytes(text);

    private const string Mixed = """
        email,name,unit,roles,language
        lan@example.org,Nguyễn Thị Lan,D1-C1,,vi
        reviewer@demo.local,Already There,D1,,
        hoa@example.org,Trần Thị Hoa,D1-C2,reviewer;responder,en
        LAN@example.org,Lan Again,D1-C1,,
        not-an-email,Someone,D1,,
        mai@example.org,Lê Thị Mai,NOPE,,
        """;

    [Fact]
    public async Task A_dry_run_creates_nothing_and_reports_each_bad_row_by_its_line()
    {
        var before = await _desk.Scalar<long>("SELECT count(*) FROM users");

        var check = await _desk.SendAs("coordinator@demo.local", new CheckUserImport(Csv(Mixed)));

        Assert.Equal(before, await _desk.Scalar<long>("SELECT count(*) FROM users"));
        Assert.Equal([2, 3, 4, 5, 6, 7], check.Rows.Select(r => r.Line));
        Assert.Equal([true, false, true, false, false, false], check.Rows.Select(r => r.Ok));
        Assert.Equal((2, 4, 0), (check.Valid, check.Invalid, check.Created));
        Assert.Contains("reviewer@demo.local is already a user.", check.Rows[1].Errors);
        Assert.Contains("LAN@example.org already appears on line 2.", check.Rows[3].Errors);
        Assert.Contains("\"not-an-email\" is not a valid email address.", check.Rows[4].Errors);
        Assert.Contains("No unit with code \"NOPE\" among your units.", check.Rows[5].Errors);
        Assert.Empty(check.Activations);
    }

    [Fact]
    public async Task Importing_creates_exactly_the_valid_rows_with_their_roles_and_units_and_no_password()
    {
        var result = await _desk.SendAs("coordinator@demo.local", new ImportUsers(Csv(Mixed)));

        Assert.Equal(2, result.Created);
        Assert.Equal(["hoa@example.org", "lan@example.org"], result.Activations.Select(a => a.Email).Order());
        Assert.Equal(0, await _desk.Scalar<long>("SELECT count(*) FROM users WHERE email IN ('not-an-email', 'mai@example.org')"));
        Assert.Equal("Nguyễn Thị Lan", await _desk.Scalar<string>("SELECT string_agg(name, ',') FROM users WHERE email = 'lan@example.org'"));
        Assert.Equal("D1-C2", await _desk.Scalar<string>(
            "SELECT o.code FROM users u JOIN org_units o ON o.id = u.unit_id WHERE u.email = 'hoa@example.org'"));
        Assert.Equal("responder,reviewer", await _desk.Scalar<string>(
            "SELECT string_agg(role, ',') FROM (SELECT role FROM user_roles r JOIN users u ON u.id = r.user_id WHERE u.email = 'hoa@example.org' ORDER BY role) AS t"));
        Assert.Equal("member", await _desk.Scalar<string>(
            "SELECT string_agg(role, ',') FROM user_roles r JOIN users u ON u.id = r.user_id WHERE u.email = 'lan@example.org'"));
        Assert.Equal(0, await _desk.Scalar<long>("SELECT count(*) FROM users WHERE email IN ('lan@example.org', 'hoa@example.org') AND password_hash IS NOT NULL"));
        Assert.Equal("en", await _desk.Scalar<string>("SELECT language FROM users WHERE email = 'hoa@example.org'"));
        // Only hashes are kept: no stored value contains a link's token.
        var token = result.Activations[0].Path.Split('/')[^1];
        Assert.Equal(0, await _desk.Scalar<long>("SELECT count(*) FROM user_activations WHERE token_hash = @token", new { token }));
        var signIn = await _desk.SendAs(null, new SignIn { Email = "lan@example.org", Password = "anything-at-all" });
        Assert.Equal(SignInOutcome.InvalidCredentials, signIn.Outcome);
    }

    [Fact]
    public async Task An_import_leaves_one_audit_event_with_its_counts_and_id_range_and_no_file()
    {
        var result = await _desk.SendAs("coordinator@demo.local", new ImportUsers(Csv(Mixed)));

        var data = await _desk.Scalar<string>("SELECT data FROM audit_events WHERE action = 'ImportUsers'");
        Assert.Equal(1, await _desk.Scalar<long>("SELECT count(*) FROM audit_events WHERE action = 'ImportUsers'"));
        Assert.Contains("\"created\":2", data);
        Assert.Contains("\"rejected\":4", data);
        Assert.Contains($"\"firstUserId\":{result.Activations.Min(a => a.UserId)}", data);
        Assert.Contains($"\"lastUserId\":{result.Activations.Max(a => a.UserId)}", data);
        Assert.DoesNotContain("Nguy", data);
    }

    [Fact]
    public async Task An_activation_link_sets_the_password_once_and_signs_the_user_in()
    {
        var result = await _desk.SendAs("coordinator@demo.local", new ImportUsers(Csv("email,name,unit\nlan@example.org,Lan,D1-C1\n")));
        var token = result.Activations.Single().Path[OnboardingPathPrefix.Length..];

        var info = await _desk.SendAs(null, new GetActivation(token));
        var first = await _desk.SendAs(null, new ActivateAccount { Token = token, Password = "a-new-password", ConfirmPassword = "a-new-password" });
        var second = await _desk.SendAs(null, new ActivateAccount { Token = token, Password = "another-password", ConfirmPassword = "another-password" });

        Assert.Equal(new ActivationInfo(LinkState.Valid, "lan@example.org"), info);
        Assert.Equal(LinkState.Valid, first.State);
        Assert.Equal("lan@example.org", first.User!.Email);
        Assert.Equal(LinkState.Invalid, second.State);
        Assert.Equal(SignInOutcome.SignedIn, (await _desk.SendAs(null, new SignIn { Email = "lan@example.org", Password = "a-new-password" })).Outcome);
        Assert.Equal(LinkState.Invalid, (await _desk.SendAs(null, new GetActivation(token))).State);
    }

    private const string OnboardingPathPrefix = "/account/activate/";

    [Fact]
    public async Task An_activation_link_expires_after_thirty_days()
    {
        var result = await _desk.SendAs("coordinator@demo.local", new ImportUsers(Csv("email,name,unit\nlan@example.org,Lan,D1-C1\n")));
        var token = result.Activations.Single().Path[OnboardingPathPrefix.Length..];

        _desk.Clock.Advance(UserImportFile.ActivationLifetime + TimeSpan.FromMinutes(1));
        var outcome = await _desk.SendAs(null, new ActivateAccount { Token = token, Password = "a-new-password", ConfirmPassword = "a-new-password" });

        Assert.Equal(LinkState.Expired, outcome.State);
        Assert.Equal(LinkState.Expired, (await _desk.SendAs(null, new GetActivation(token))).State);
        Assert.Equal(0, await _desk.Scalar<long>("SELECT count(*) FROM users WHERE email = 'lan@example.org' AND password_hash IS NOT NULL"));
    }

    [Fact]
    public async Task A_district_coordinator_cannot_import_into_another_district_and_the_row_says_so()
    {
        await _desk.SendAs("admin@demo.local", new AddUser { Email = "coord-d1@demo.local", Name = "Điều phối D1", Roles = [Role.Coordinator], UnitId = await _desk.UnitId("D1"), Password = "a-long-password" });

        var result = await _desk.SendAs("coord-d1@demo.local", new ImportUsers(Csv("email,name,unit\na@example.org,A,D1-C3\nb@example.org,B,D2-C1\n")));

        Assert.Equal([true, false], result.Rows.Select(r => r.Ok));
        Assert.Equal(["No unit with code \"D2-C1\" among your units."], result.Rows[1].Errors);
        Assert.Equal(0, await _desk.Scalar<long>("SELECT count(*) FROM users WHERE email = 'b@example.org'"));
    }

    [Fact]
    public async Task A_coordinator_cannot_grant_coordinator_or_admin_but_an_admin_can()
    {
        const string file = "email,name,unit,roles\na@example.org,A,D1,coordinator\nb@example.org,B,D1,admin\nc@example.org,C,D1,boss\n";

        var byCoordinator = await _desk.SendAs("coordinator@demo.local", new CheckUserImport(Csv(file)));
        var byAdmin = await _desk.SendAs("admin@demo.local", new CheckUserImport(Csv(file)));

        Assert.Equal(["You cannot grant the role Coordinator."], byCoordinator.Rows[0].Errors);
        Assert.Equal(["You cannot grant the role Administrator."], byCoordinator.Rows[1].Errors);
        Assert.Equal([true, true, false], byAdmin.Rows.Select(r => r.Ok));
        Assert.StartsWith("\"boss\" is not a role", byAdmin.Rows[2].Errors.Single());
    }

    [Fact]
    public async Task A_member_may_not_import()
    {
        await Assert.ThrowsAsync<ForbiddenException>(() => _desk.SendAs("member@demo.local", new CheckUserImport(Csv("email,name,unit\n"))));
        await Assert.ThrowsAsync<ForbiddenException>(() => _desk.SendAs("reviewer@demo.local", new ImportUsers(Csv("email,name,unit\n"))));
    }

    [Theory]
    [InlineData("name,unit\nA,D1\n", "The first line lacks the column(s) email.")]
    [InlineData("", "The file is empty")]
    public async Task A_file_without_the_needed_columns_is_refused_as_a_whole(string text, string message)
    {
        var failure = await Assert.ThrowsAsync<ValidationFailedException>(() => _desk.SendAs("coordinator@demo.local", new CheckUserImport(Csv(text))));

        Assert.StartsWith(message, failure.Errors["file"].Single());
    }

    [Fact]
    public async Task A_file_saved_in_a_legacy_code_page_is_refused_with_how_to_save_it()
    {
        byte[] windows1258 = [.. "email,name,unit\nlan@example.org,Nguy"u8, 0xC3, 0xAA, 0xF1, .. "n,D1\n"u8];

        var failure = await Assert.ThrowsAsync<ValidationFailedException>(() => _desk.SendAs("coordinator@demo.local", new ImportUsers(windows1258)));

        Assert.Contains("CSV UTF-8", failure.Errors["file"].Single());
    }

    [Fact]
    public async Task A_file_over_the_row_limit_is_refused_naming_the_limit()
    {
        var text = new StringBuilder("email,name,unit\n");
        for (var i = 0; i <= UserImportFile.MaxRows; i++) text.Append(CultureInfo.InvariantCulture, $"u{i}@example.org,U,D1\n");

        var failure = await Assert.ThrowsAsync<ValidationFailedException>(() => _desk.SendAs("coordinator@demo.local", new CheckUserImport(Csv(text.ToString()))));

        Assert.Equal("The file has more than 100,000 rows. Split it into smaller files.", failure.Errors["file"].Single());
    }

    [Fact]
    public async Task A_file_over_twenty_megabytes_is_refused_naming_the_limit()
    {
        var failure = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            _desk.SendAs("coordinator@demo.local", new CheckUserImport(new byte[UserImportFile.MaxBytes + 1])));

        Assert.Equal("The file is over 20 MB. Split it into smaller files.", failure.Errors["file"].Single());
    }

    [Fact]
    public async Task Quoted_fields_with_commas_a_bom_and_blank_spreadsheet_rows_are_read_as_a_person_means_them()
    {
        var text = "\uFEFFEmail,Name,Unit,Roles\r\n\"lan@example.org\",\"Nguyễn, Thị Lan\",D1-C1,\"member,reviewer\"\r\n,,,\r\nbad@example.org,\"Bad \"quote,D1,\r\n";

        var check = await _desk.SendAs("coordinator@demo.local", new CheckUserImport(Csv(text)));

        Assert.Equal([2, 4], check.Rows.Select(r => r.Line));
        Assert.True(check.Rows[0].Ok);
        Assert.Contains("The line's quotes are unbalanced.", check.Rows[1].Errors);
    }

    [Fact]
    public async Task A_password_reset_before_activation_retires_the_link()
    {
        var result = await _desk.SendAs("coordinator@demo.local", new ImportUsers(Csv("email,name,unit\nlan@example.org,Lan,D1-C1\n")));
        var activation = result.Activations.Single();

        await _desk.SendAs("coordinator@demo.local", new ResetPassword(activation.UserId));

        Assert.Equal(LinkState.Invalid, (await _desk.SendAs(null, new GetActivation(activation.Path[OnboardingPathPrefix.Length..]))).State);
    }
}
