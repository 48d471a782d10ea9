using MediatR;
using Triage.Client.Taxonomy;

namespace Triage.Server.Taxonomy;

public static class TaxonomyApi
{
    public static void MapTaxonomyApi(this RouteGroupBuilder api) =>
        api.MapGet("/taxonomy", (IMediator m, CancellationToken ct) => m.Send(new GetTaxonomy(), ct));
}
