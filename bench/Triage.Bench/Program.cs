using Triage.Bench;

// dotnet run -c Release --project bench/Triage.Bench -- <command>
return args.FirstOrDefault() switch
{
    "probe" => await Probe.RunAsync(),
    "claims" => await ClaimMatching.RunAsync(Arg("--data") ?? FindSharedData(), ["train", "dev"]),
    "intake" => await IntakeBench.RunAsync(int.Parse(Arg("--existing") ?? "1000000", System.Globalization.CultureInfo.InvariantCulture), int.Parse(Arg("--measure") ?? "100000", System.Globalization.CultureInfo.InvariantCulture)),
    "api" => await ApiBench.RunAsync(int.Parse(Arg("--measure") ?? "20000", System.Globalization.CultureInfo.InvariantCulture),
        int.Parse(Arg("--clients") ?? "4", System.Globalization.CultureInfo.InvariantCulture)),
    "queue" => await QueueBench.RunAsync(Arg("--data") ?? Path.Combine(Path.GetTempPath(), "triage-bench-queue"),
        int.Parse(Arg("--reports") ?? "1000000", System.Globalization.CultureInfo.InvariantCulture),
        int.Parse(Arg("--cases") ?? "200000", System.Globalization.CultureInfo.InvariantCulture),
        int.Parse(Arg("--samples") ?? "300", System.Globalization.CultureInfo.InvariantCulture)),
    "rules" => await RulesBench.RunAsync(int.Parse(Arg("--cases") ?? "5000", System.Globalization.CultureInfo.InvariantCulture),
        int.Parse(Arg("--samples") ?? "2000", System.Globalization.CultureInfo.InvariantCulture)),
    "sla" => await SlaBench.RunAsync(Arg("--queue-data") ?? Path.Combine(Path.GetTempPath(), "triage-bench-queue"),
        Arg("--data") ?? Path.Combine(Path.GetTempPath(), "triage-bench-sla"),
        int.Parse(Arg("--breaches") ?? "2000", System.Globalization.CultureInfo.InvariantCulture),
        int.Parse(Arg("--samples") ?? "200", System.Globalization.CultureInfo.InvariantCulture)),
    "live" => await LiveBench.RunAsync(int.Parse(Arg("--subscribers") ?? "200", System.Globalization.CultureInfo.InvariantCulture),
        int.Parse(Arg("--rounds") ?? "2000", System.Globalization.CultureInfo.InvariantCulture),
        int.Parse(Arg("--reports") ?? "200", System.Globalization.CultureInfo.InvariantCulture)),
    "exports" => await ExportBench.RunAsync(int.Parse(Arg("--reports") ?? "1000000", System.Globalization.CultureInfo.InvariantCulture)),
    "stats" => await StatsBench.RunAsync(int.Parse(Arg("--reports") ?? "1000000", System.Globalization.CultureInfo.InvariantCulture),
        int.Parse(Arg("--samples") ?? "9", System.Globalization.CultureInfo.InvariantCulture)),
    "reports-import" => await ReportsImportBench.RunAsync(int.Parse(Arg("--rows") ?? "10000", System.Globalization.CultureInfo.InvariantCulture)),
    "retention" => await RetentionBench.RunAsync(int.Parse(Arg("--cases") ?? "2000", System.Globalization.CultureInfo.InvariantCulture),
        int.Parse(Arg("--reports") ?? "5", System.Globalization.CultureInfo.InvariantCulture)),
    "users-import" => await UsersImportBench.RunAsync(int.Parse(Arg("--users") ?? "50000", System.Globalization.CultureInfo.InvariantCulture)),
    "load" => await LoadBench.RunAsync(int.Parse(Arg("--seconds") ?? "6", System.Globalization.CultureInfo.InvariantCulture),
        int.Parse(Arg("--concurrency") ?? "16", System.Globalization.CultureInfo.InvariantCulture),
        int.Parse(Arg("--max") ?? "50000", System.Globalization.CultureInfo.InvariantCulture),
        int.Parse(Arg("--circuits") ?? "50", System.Globalization.CultureInfo.InvariantCulture)),
    // The load bench's ceiling, started by it as a child process.
    "plain" => await LoadBench.ServePlainAsync(Arg("--urls") ?? "http://127.0.0.1:5099"),
    _ => Usage(),
};

string? Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();

static string FindSharedData()
{
    var dir = new DirectoryInfo(AppContext.BaseDirectory);
    while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Triage.sln"))) dir = dir.Parent;
    return Path.Combine(dir?.Parent?.FullName ?? ".", "shared", "data", "claim-matching");
}

static int Usage()
{
    Console.Error.WriteLine("""
        Usage:
          claims [--data DIR]                          MAP@5 of similar cases on CLEF 2020 claim matching (train, dev)
          intake [--existing N] [--measure M]          intake throughput and grouping latency over N existing reports
          api [--measure M] [--clients C]              POST /api/v1/reports end to end on loopback
          queue [--data DIR] [--reports N] [--cases C] [--samples S]
                                                       queue pages, case page and text search at N reports (DIR is kept and reused)
          rules [--cases N] [--samples S]              applying 100 routing rules to a new case, against a one-case SELECT
          sla [--queue-data DIR] [--data DIR2] [--breaches B] [--samples S]
                                                       SLA dues, SLA-ordered pages, load table and a watcher pass on a copy of the queue desk
          live [--subscribers N] [--rounds R] [--reports M]
                                                       a case event to N bus subscribers, against bare channels; M reports end to end
          exports [--reports N]                        reports.csv of N reports through the pipeline, against a plain Dapper read of the same rows
          stats [--reports N] [--samples S]            the province dashboard over 90 days at N reports, against a plain GROUP BY of the reports
          retention [--cases C] [--reports R]          a retention pass erasing C closed cases of R reports and files each, and the write-gate wait meanwhile
          users-import [--users N]                     a users CSV of N rows: dry run and import through IMediator, against a bare prepared INSERT
          reports-import [--rows N]                    a reports CSV of N rows: dry run and import through IMediator, against a bare prepared INSERT
          load [--seconds S] [--concurrency C] [--max N] [--circuits P]
                                                       sustained intake, case list and a bare Kestrel ceiling over loopback; then the
                                                       desk's memory for P signed-in Chromium pages with interactive circuits
        """);
    return 2;
}
