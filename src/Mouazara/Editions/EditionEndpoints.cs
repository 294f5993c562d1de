using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Mouazara.Http;
using Mouazara.Kernel;
using Mouazara.Security;

namespace Mouazara.Editions;

/// <summary>Staff configure an edition: dates, money, applicant types, documents, committee and tranche plan.</summary>
public sealed class EditionEndpoints(BearerAuthenticator auth, EditionStore editions, IEnumerable<IEditionSaved> followers)
{
    public async Task<IResult> GetAsync(HttpContext http, string id)
    {
        var (_, refusal) = await auth.RequireAsync(http, Roles.Staff);
        if (refusal is not null)
        {
            return refusal;
        }

        var edition = EditionRules.IsId(id) ? await editions.FindAsync(id, http.RequestAborted) : null;
        return edition is null ? Problems.NotFound("edition") : TypedResults.Json(edition, Json.Options);
    }

    public async Task<IResult> PutAsync(HttpContext http, DurableTaskClient client, string id)
    {
        var (_, refusal) = await auth.RequireAsync(http, Roles.Staff);
        if (refusal is not null)
        {
            return refusal;
        }

        Edition? edition;
        IResult? problem;
        try
        {
            (edition, problem) = await JsonBody.ReadAsync<Edition>(http);
        }
        catch (JsonException e)
        {
            return Problems.Malformed(e.Message);
        }

        if (problem is not null)
        {
            return problem;
        }

        if (edition!.Id != id)
        {
            return Problems.Invalid("id", "The body's id must be the one in the URL.");
        }

        var errors = EditionRules.Validate(edition);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        await editions.SaveAsync(edition, http.RequestAborted);
        foreach (var follower in followers)
        {
            await follower.SavedAsync(client, edition, http.RequestAborted);
        }

        return TypedResults.Ok(edition);
    }
}
