using Mouazara.Applications;
using Mouazara.Editions;
using Mouazara.Kernel;
using Mouazara.Security;

namespace Mouazara.Committee;

/// <summary>
/// One reviewer's tasks in one edition, first round and consensus round, each with its link re-issued from what the
/// task row keeps (the same claims give the same token, checked against the stored hash): what the reviewer's page,
/// the digest and the digest limit read.
/// </summary>
public sealed class ReviewerTasks(ReviewStore reviews, RevisionStore revisions, ApplicationStore applications, SignedLinks links, TimeProvider time)
{
    /// <summary>A reviewer's page link lives a year past the edition's call, as long as its reviews can run.</summary>
    public static DateTimeOffset LinkExpiry(Edition edition) =>
        CasablancaTime.EndOfDay(new DateTimeOffset(edition.ClosesOn.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero)) + TimeSpan.FromDays(365);

    public async Task<IReadOnlyList<ReviewerTask>> ListAsync(string edition, string memberId, CancellationToken cancellationToken = default)
    {
        var tasks = await reviews.ListForMemberAsync(memberId, cancellationToken);
        var rounds = (await revisions.ListForMemberAsync(memberId, cancellationToken)).ToDictionary(r => r.PartitionKey, StringComparer.Ordinal);
        var now = time.GetUtcNow();
        var list = new List<ReviewerTask>();
        foreach (var task in tasks)
        {
            // The member's tasks of every edition are listed; those of another edition are not found in this one's partition.
            var app = await applications.FindAsync(edition, task.PartitionKey, cancellationToken);
            if (app is null)
            {
                continue;
            }

            Uri? reviewUrl = null;
            if (task.ExpiresAt > now)
            {
                var (url, token) = links.Review(app.ApplicationId, edition, memberId, task.ExpiresAt);
                reviewUrl = LinkTokens.Hash(token) == task.TokenHash ? url : null;
            }

            ReviewerRevision? revision = null;
            if (rounds.TryGetValue(app.ApplicationId, out var round))
            {
                Uri? revisionUrl = null;
                if (round.ExpiresAt > now)
                {
                    var (url, token) = links.Revision(app.ApplicationId, edition, memberId, round.ExpiresAt);
                    revisionUrl = LinkTokens.Hash(token) == round.TokenHash ? url : null;
                }

                revision = new ReviewerRevision(round.State, round.ExpiresAt, round.Score, revisionUrl);
            }

            var pending = (task.State == ReviewTaskStates.Open && task.ExpiresAt > now)
                || (revision is { State: RevisionStates.Open } r && r.Deadline > now);
            list.Add(new ReviewerTask(app.ApplicationId, app.ReadProject().Title, task.State, task.ExpiresAt, task.Score, reviewUrl, revision, pending, task.IssuedAt));
        }

        return [.. list.OrderBy(t => t.IssuedAt).ThenBy(t => t.ApplicationId, StringComparer.Ordinal)];
    }
}

/// <summary>A review of one application as its reviewer sees it listed; pending while something is still to be done before its deadline.</summary>
public sealed record ReviewerTask(string ApplicationId, string ProjectTitle, string State, DateTimeOffset Deadline, int? Score, Uri? ReviewUrl,
    ReviewerRevision? Revision, bool Pending, DateTimeOffset IssuedAt);

/// <summary>The consensus round of that review, if there was one.</summary>
public sealed record ReviewerRevision(string State, DateTimeOffset Deadline, int? Score, Uri? Url);
