using Microsoft.DurableTask;
using Mouazara.Applications;
using Mouazara.Editions;
using Mouazara.Email;
using Mouazara.Kernel;
using Mouazara.Security;
using Mouazara.Texts;

namespace Mouazara.Committee;

/// <summary>Emails a reviewer their consensus-round link (or its reminder); the same link on every retry.</summary>
[DurableTask(nameof(SendRevisionTask))]
public sealed class SendRevisionTask(RevisionStore revisions, ReviewStore reviews, EditionStore editions, ApplicationStore applications, SignedLinks links, EmailSender email)
    : TaskActivity<RevisionTaskRequest, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, RevisionTaskRequest request)
    {
        var row = await revisions.FindAsync(request.ApplicationId, request.MemberId);
        if (row is null || row.State != RevisionStates.Open)
        {
            return false;
        }

        var edition = await editions.GetAsync(request.Edition);
        var app = await applications.GetAsync(request.Edition, request.ApplicationId);
        var member = CommitteeSnapshot.Of(app, edition).Members.FirstOrDefault(m => m.Id == request.MemberId);
        if (member is null)
        {
            return false;
        }

        var votes = (await reviews.ListAsync(request.ApplicationId)).Select(t => t.Vote).OfType<VoteView>();
        var (url, _) = links.Revision(request.ApplicationId, request.Edition, member.Id, request.Deadline);
        Languages.TryParse(member.Language, out var language);
        var message = ConsensusTexts.RevisionTask(language, member.Name, request.ApplicationId, app.ReadProject().Title,
            Divergence.Spread(votes.Select(v => v.Score)), request.Deadline, url, request.Reminder);
        var key = (request.Reminder ? "revision-reminder-" : "revision-task-") + member.Id;
        return await email.SendAsync(new OutgoingEmail(request.ApplicationId, key, member.Email, request.Reminder ? "revision-reminder" : "revision-task",
            language.Code(), message.Subject, message.Html, message.Text));
    }
}
