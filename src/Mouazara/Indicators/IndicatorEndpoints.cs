using Microsoft.AspNetCore.Http;
using Mouazara.Applications;
using Mouazara.Editions;
using Mouazara.Http;
using Mouazara.Kernel;
using Mouazara.Security;

namespace Mouazara.Indicators;

/// <summary>
/// <c>GET /api/editions/{id}/indicators</c> (staff): the edition's indicators, computed from its partition of the
/// IndicatorFacts read model and the edition itself; no other table is read.
/// </summary>
public sealed class IndicatorEndpoints(BearerAuthenticator auth, EditionStore editions, IndicatorFactStore facts, TimeProvider time)
{
    public async Task<IResult> GetAsync(HttpContext http, string id)
    {
        var (_, refusal) = await auth.RequireAsync(http, Roles.Staff);
        if (refusal is not null)
        {
            return refusal;
        }

        var edition = EditionRules.IsId(id) ? await editions.FindAsync(id, http.RequestAborted) : null;
        if (edition is null)
        {
            return Problems.NotFound("edition");
        }

        return TypedResults.Json(await ComputeAsync(edition, http.RequestAborted), Json.Options);
    }

    public async Task<ProgrammeIndicators> ComputeAsync(Edition edition, CancellationToken cancellationToken)
    {
        var rows = new List<IndicatorFactEntity>();
        await foreach (var fact in facts.ListAsync(edition.Id, cancellationToken))
        {
            rows.Add(fact);
        }

        return IndicatorCalculator.Compute(edition, rows, time.GetUtcNow());
    }
}
