using Microsoft.AspNetCore.Http;
using Mouazara.Http;
using Mouazara.Security;

namespace Mouazara.Applications;

/// <summary>
/// The opening every staff action on one application shares (withdraw, suspend, resume, reassign a reviewer): a staff
/// bearer, a reason in the body, the application. The first refusal is the answer, in that order.
/// </summary>
public sealed class StaffActions(BearerAuthenticator auth, ApplicationStore applications)
{
    public async Task<StaffAction> OpenAsync(HttpContext http, string applicationId)
    {
        var (caller, refusal) = await auth.RequireAsync(http, Roles.Staff);
        if (refusal is not null)
        {
            return StaffAction.Refused(refusal);
        }

        var (reason, problem) = await ReasonRequest.ReadAsync(http);
        if (problem is not null)
        {
            return StaffAction.Refused(problem);
        }

        var app = await applications.FindAsync(applicationId, http.RequestAborted);
        return app is null
            ? StaffAction.Refused(Problems.NotFound("application"))
            : new StaffAction("staff:" + caller!.Subject, reason!, app, null);
    }
}

/// <summary>Who acts (<c>staff:subject</c>), why, on which application; or the refusal to answer with.</summary>
public sealed record StaffAction(string Actor, string Reason, ApplicationEntity? Application, IResult? Refusal)
{
    public static StaffAction Refused(IResult refusal) => new("", "", null, refusal);
}
