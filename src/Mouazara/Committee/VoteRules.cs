using Mouazara.Editions;

namespace Mouazara.Committee;

/// <summary>
/// What makes a ballot valid, for a first vote and for a consensus-round revision alike: every criterion scored within
/// its range, approve or reject, comments within their length, and a comment for any criterion scored under half its
/// maximum. The errors are keyed by field (<c>scores.x</c>, <c>comments.x</c>, <c>recommendation</c>, <c>comment</c>).
/// </summary>
public static class VoteRules
{
    /// <summary>The longest comment on one criterion.</summary>
    public const int MaxCriterionComment = 1000;

    /// <summary>The lowest score of a criterion that needs no comment: half its maximum, rounded up.</summary>
    public static int LowestWithoutComment(int max) => (max + 1) / 2;

    /// <summary>The ballot's errors, and its criterion comments trimmed, blank ones left out.</summary>
    public static (Dictionary<string, string[]> Errors, Dictionary<string, string> Written) Validate(IReadOnlyList<Criterion> criteria, VoteRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var criterion in criteria)
        {
            if (request.Scores is null || !request.Scores.TryGetValue(criterion.Id, out var score) || score < 0 || score > criterion.Max)
            {
                errors["scores." + criterion.Id] = [$"A whole number from 0 to {criterion.Max}."];
            }
        }

        foreach (var unknown in (request.Scores ?? []).Keys.Where(k => criteria.All(c => c.Id != k)))
        {
            errors["scores." + unknown] = ["Not a criterion of this edition."];
        }

        if (request.Recommendation is not (Recommendations.Approve or Recommendations.Reject))
        {
            errors["recommendation"] = ["Use approve or reject."];
        }

        if (request.Comment is { Length: > 2000 })
        {
            errors["comment"] = ["At most 2000 characters."];
        }

        var written = (request.Comments ?? []).Where(c => !string.IsNullOrWhiteSpace(c.Value))
            .ToDictionary(c => c.Key, c => c.Value.Trim(), StringComparer.Ordinal);
        foreach (var criterion in criteria)
        {
            if (written.TryGetValue(criterion.Id, out var text) && text.Length > MaxCriterionComment)
            {
                errors["comments." + criterion.Id] = [$"At most {MaxCriterionComment} characters."];
            }
            else if (request.Scores is not null && request.Scores.TryGetValue(criterion.Id, out var score) && score >= 0
                && score < LowestWithoutComment(criterion.Max) && text is null)
            {
                errors["comments." + criterion.Id] = [$"A comment is required for a score under half the maximum ({criterion.Max})."];
            }
        }

        foreach (var unknown in (request.Comments ?? []).Keys.Where(k => criteria.All(c => c.Id != k)))
        {
            errors["comments." + unknown] = ["Not a criterion of this edition."];
        }

        return (errors, written);
    }
}
