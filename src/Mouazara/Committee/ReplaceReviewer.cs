using Microsoft.DurableTask;
using Mouazara.Applications;
using Mouazara.Editions;
using Mouazara.Email;
using Mouazara.Texts;

namespace Mouazara.Committee;

/// <summary>
/// Takes a reviewer off an application's panel and seats the next best member of the edition's pool as it is now
/// (a member who left is not chosen, one who joined may be). The lifecycle then emails the replacement's task. Staff
/// are told of a recusal. A reviewer whose vote was counted first stays on the panel.
/// </summary>
[DurableTask(nameof(ReplaceReviewer))]
public sealed class ReplaceReviewer(EditionStore editions, ApplicationStore applications, Panels panels, EmailSender email)
    : TaskActivity<ReplacementRequest, Replacement>
{
    public override async Task<Replacement> RunAsync(TaskActivityContext context, ReplacementRequest request)
    {
        var change = request.Change;
        var state = PanelChange.StateOf(change.Kind);
        var task = await panels.WithdrawTaskAsync(request.ApplicationId, change.MemberId, state, change.Note, request.At);
        if (task != state)
        {
            return new Replacement(false, null);
        }

        await panels.EndSeatAsync(request.Edition, request.ApplicationId, change.MemberId, state, change.Note, change.Actor, request.At);
        var edition = await editions.GetAsync(request.Edition);
        var app = await applications.GetAsync(request.Edition, request.ApplicationId);
        var committee = CommitteeSnapshot.Of(app, edition);
        var (seats, chosen, notes) = await panels.FillAsync(app, committee, edition.Committee.Members, request.At, change.MemberId);
        var replacement = seats.FirstOrDefault(s => s.Replaces == change.MemberId && s.Sitting);
        if (replacement is not null && edition.Committee.Members.FirstOrDefault(m => m.Id == replacement.MemberId) is { } member)
        {
            await panels.KeepInSnapshotAsync(app, edition, member);
        }

        var why = change.Kind switch
        {
            PanelChange.Recusal => "declared a conflict of interest" + (string.IsNullOrWhiteSpace(change.Note) ? "" : $" ({change.Note})"),
            PanelChange.Reassignment => "reassigned by staff: " + change.Note,
            _ => "left the edition's reviewer pool",
        };
        // The replacement gets the committee's whole review period from now; the application's deadline moves with it.
        var (reminder, deadline) = committee.Timing.From(request.At);
        if (replacement is not null && (app.DeadlineAt is not { } stageDeadline || deadline > stageDeadline))
        {
            app = await applications.UpdateAsync(request.Edition, request.ApplicationId, a => a.DeadlineAt = a.DeadlineAt > deadline ? a.DeadlineAt : deadline);
        }

        var then = replacement is null
            ? "no replacement available: the panel continues without this seat."
            : $"replaced by {replacement.MemberId} ({chosen.FirstOrDefault(c => c.MemberId == replacement.MemberId)?.Reason ?? replacement.Reason}), "
                + $"due by {deadline:u}.";
        await applications.AppendHistoryAsync(app.ApplicationId, request.At, change.EventId, app.Status, change.Actor,
            $"{change.MemberId} {why}; {then}" + (notes.Count > 0 ? " " + string.Join(" ", notes) : ""));

        if (change.Kind == PanelChange.Recusal)
        {
            var message = Templates.ReviewerRecused(app.ApplicationId, change.MemberId, replacement?.MemberId);
            for (var i = 0; i < edition.StaffEmails.Count; i++)
            {
                await email.SendAsync(new OutgoingEmail(app.ApplicationId, $"staff-{change.EventId}-{i}", edition.StaffEmails[i], "staff-recusal", "fr",
                    message.Subject, message.Html, message.Text));
            }
        }

        return replacement is null ? new Replacement(true, null) : new Replacement(true, replacement.MemberId, reminder > request.At ? reminder : null, deadline);
    }
}
