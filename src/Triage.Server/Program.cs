using Triage.Server.Data;
using Triage.Server.Hosting;
using Triage.Server.Verbs;

if (Verbs.Matches(args))
    return await Verbs.RunAsync(args, Console.In, Console.Out, Console.Error);

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddDeskCore(builder.Configuration);
builder.AddDeskWeb();

var app = builder.Build();
try
{
    await app.Services.PrepareDeskAsync(app.Environment.IsDevelopment());
}
catch (StartupException e)
{
    app.Logger.LogCritical("Triage cannot start: {Reason}", e.Message);
    await Console.Error.WriteLineAsync($"Triage cannot start: {e.Message}");
    return 1;
}
app.UseDesk();
await app.RunAsync();
return 0;

/// <summary>Visible to the HTTP and browser tests' WebApplicationFactory.</summary>
public partial class Program;
