using Microsoft.DurableTask;
using Mouazara.Applications;
using Mouazara.Editions;
using Mouazara.Email;
using Mouazara.Kernel;
using Mouazara.Security;
using Mouazara.Texts;

namespace Mouazara.Committee;

/// <summary>
/// Issues a member's review task and emails its signed link. The link is the same on every retry (same
/// claims, same signature), so the stored hash always matches the link the member received.
/// </summary>
[DurableTask(nameof(SendReviewTask))]
public sealed class SendReviewTask(ReviewStore reviews, EditionStore editions, ApplicationStore applications, SignedLinks links, EmailSender email, TimeProvider time,
    ReviewerTasks reviewerTasks)
    : TaskActivity<ReviewTaskRequest, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, ReviewTaskRequest request)
    {
        var edition = await editions.GetAsync(request.Edition);
        var app = await applications.GetAsync(request.Edition, request.ApplicationId);
        // From the snapshot: a member removed from the edition since still gets (and may finish) this review.
        var member = CommitteeSnapshot.Of(app, edition).Members.Single(m => m.Id == request.MemberId);
        var (url, token) = links.Review(request.ApplicationId, request.Edition, member.Id, request.Deadline);
        var existing = await reviews.FindAsync(request.ApplicationId, member.Id);
        if (existing is null)
        {
            await reviews.TryAddAsync(new ReviewTaskEntity
            {
                PartitionKey = request.ApplicationId,
                RowKey = member.Id,
                TokenHash = LinkTokens.Hash(token),
                IssuedAt = time.GetUtcNow(),
                ExpiresAt = request.Deadline,
                Panel = request.Panel,
            });
        }
        else if (existing.State != ReviewTaskStates.Open)
        {
            return false;
        }

        // Beyond the edition's digest limit, the task (or its reminder) waits for the reviewer's daily digest instead.
        if (edition.Committee.DigestAfter is > 0 and var limit && (await reviewerTasks.ListAsync(request.Edition, member.Id)).Count(t => t.Pending) > limit)
        {
            return false;
        }

        var project = app.ReadProject();
        Languages.TryParse(member.Language, out var language);
        var message = Templates.ReviewTask(language, member.Name, request.ApplicationId, project.Title,
            Regions.All[app.Region].In(language), Sectors.All[app.Sector].In(language), Money.Format(app.RequestedCentimes, language),
            request.Deadline, url, request.Reminder);
        var key = (request.Reminder ? "review-reminder-" : "review-task-") + member.Id;
        return await email.SendAsync(new OutgoingEmail(request.ApplicationId, key, member.Email, request.Reminder ? "review-reminder" : "review-task",
            language.Code(), message.Subject, message.Html, message.Text));
    }
}
