using MediatR;
using Microsoft.Extensions.Localization;
using Triage.Client.Imports;
using Triage.Client.Resources;

namespace Triage.Server.Imports;

/// <summary>The file's columns and the usual-name guess for each field; the file is read as an import would read it.</summary>
public sealed class ReadImportHeadersHandler(IStringLocalizer<Strings> localizer) : IRequestHandler<ReadImportHeaders, ImportHeaders>
{
    public Task<ImportHeaders> Handle(ReadImportHeaders request, CancellationToken cancellationToken)
    {
        var file = ImportFile.Read(request.File, localizer);
        return Task.FromResult(new ImportHeaders(file.Headers, ImportColumns.Guess(file.Headers), file.Records.Count));
    }
}
