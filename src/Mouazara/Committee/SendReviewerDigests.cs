using Microsoft.DurableTask;
using Mouazara.Editions;
using Mouazara.Email;
using Mouazara.Kernel;
using Mouazara.Security;
using Mouazara.Texts;

namespace Mouazara.Committee;

/// <summary>
/// Emails each reviewer of the edition whose open tasks are more than the edition's <c>digestAfter</c> one digest of them
/// with the link to their page; at most one per reviewer and Casablanca day, however often it runs or is retried.
/// </summary>
[DurableTask(nameof(SendReviewerDigests))]
public sealed class SendReviewerDigests(EditionStore editions, ReviewerTasks reviewerTasks, SignedLinks links, EmailSender email)
    : TaskActivity<DigestRequest, DigestRun>
{
    public override async Task<DigestRun> RunAsync(TaskActivityContext context, DigestRequest request)
    {
        var edition = await editions.GetAsync(request.Edition);
        var committee = edition.Committee;
        var next = request.At + committee.DigestEvery;
        var expiry = ReviewerTasks.LinkExpiry(edition);
        if (request.At >= expiry)
        {
            return new DigestRun(0, next, true);
        }

        var limit = committee.DigestAfter;
        if (limit == 0)
        {
            return new DigestRun(0, next, false);
        }

        var day = CasablancaTime.ToLocal(request.At).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var sent = 0;
        foreach (var member in committee.Members)
        {
            var open = (await reviewerTasks.ListAsync(edition.Id, member.Id)).Where(t => t.Pending).ToList();
            if (open.Count <= limit)
            {
                continue;
            }

            Languages.TryParse(member.Language, out var language);
            var lines = open.Select(t => t.Revision is { State: RevisionStates.Open } r
                ? new ConsensusTexts.DigestLine(t.ApplicationId, t.ProjectTitle, r.Deadline, true)
                : new ConsensusTexts.DigestLine(t.ApplicationId, t.ProjectTitle, t.Deadline, false)).ToList();
            var message = ConsensusTexts.Digest(language, member.Name, lines, links.Reviewer(edition.Id, member.Id, expiry));
            if (await email.SendAsync(new OutgoingEmail(edition.Id, $"digest-{member.Id}-{day}", member.Email, "reviewer-digest", language.Code(),
                    message.Subject, message.Html, message.Text)))
            {
                sent++;
            }
        }

        return new DigestRun(sent, next, false);
    }
}
