




using Mouazara.Committee;

namespace Mouazara.Tests.Committee;

/// <summary>The committee's votes turned into a recommendation.</summary>
public sealed class TallyTests
{
    static readonly DateTimeOffset At = new(2026, 10, 1, 9, 0, 0, TimeSpan.Zero);

    static VoteView Vote(string member, int score, string recommendation) => new(member, score, recommendation, At);

    [Fact]
    public void Without_votes_there_is_no_average_and_the_case_is_inconclusive()
    {
        var result = Tally.Count([], members: 3, quorum: 2, threshold: 60);

        Assert.Null(result.AverageScore);
        Assert.False(result.QuorumReached);
        Assert.Equal(0, result.VotesCast);
        Assert.Equal(Recommendations.Inconclusive, result.Recommendation);
    }

    [Fact]
    public void Below_quorum_even_unanimous_high_scores_are_inconclusive()
    {
        var result = Tally.Count([Vote("a", 95, Recommendations.Approve)], members: 3, quorum: 2, threshold: 60);

        Assert.False(result.QuorumReached);
        Assert.Equal(Recommendations.Inconclusive, result.Recommendation);
        Assert.Equal(95m, result.AverageScore);
        Assert.Equal(1, result.Approvals);
    }

    [Fact]
    public void With_quorum_an_average_at_or_above_the_threshold_and_a_majority_of_approvals_approves()
    {
        var result = Tally.Count([Vote("a", 80, Recommendations.Approve), Vote("b", 60, Recommendations.Approve), Vote("c", 40, Recommendations.Reject)],
            members: 3, quorum: 2, threshold: 60);

        Assert.True(result.QuorumReached);
        Assert.Equal(60m, result.AverageScore);
        Assert.Equal(2, result.Approvals);
        Assert.Equal(1, result.Rejections);
        Assert.Equal(Recommendations.Approve, result.Recommendation);
        Assert.Equal("committee", result.DecidedBy);
    }

    [Fact]
    public void An_average_just_below_the_threshold_rejects_even_when_everyone_approves()
    {
        var result = Tally.Count([Vote("a", 60, Recommendations.Approve), Vote("b", 59, Recommendations.Approve)], members: 3, quorum: 2, threshold: 60);

        Assert.Equal(59.5m, result.AverageScore);
        Assert.Equal(Recommendations.Reject, result.Recommendation);
    }

    [Fact]
    public void A_tie_between_approvals_and_rejections_rejects_whatever_the_score()
    {
        var result = Tally.Count([Vote("a", 100, Recommendations.Approve), Vote("b", 90, Recommendations.Reject)], members: 3, quorum: 2, threshold: 60);

        Assert.Equal(1, result.Approvals);
        Assert.Equal(1, result.Rejections);
        Assert.Equal(Recommendations.Reject, result.Recommendation);
    }

    [Fact]
    public void A_majority_of_rejections_rejects_a_high_average()
    {
        var result = Tally.Count([Vote("a", 90, Recommendations.Reject), Vote("b", 90, Recommendations.Reject), Vote("c", 90, Recommendations.Approve)],
            members: 3, quorum: 3, threshold: 60);

        Assert.Equal(Recommendations.Reject, result.Recommendation);
    }

    [Fact]
    public void The_average_is_rounded_to_two_decimals()
    {
        var result = Tally.Count([Vote("a", 80, Recommendations.Approve), Vote("b", 80, Recommendations.Approve), Vote("c", 70, Recommendations.Approve)],
            members: 3, quorum: 2, threshold: 60);

        Assert.Equal(76.67m, result.AverageScore);
    }

    [Fact]
    public void A_midpoint_average_is_rounded_away_from_zero_not_to_even()
    {
        // 1/8 = 0.125: banker's rounding would give 0.12.
        var votes = Enumerable.Range(0, 8).Select(i => Vote("m" + i, i == 0 ? 1 : 0, Recommendations.Reject)).ToList();

        var result = Tally.Count(votes, members: 8, quorum: 8, threshold: 60);

        Assert.Equal(0.13m, result.AverageScore);
    }

    [Fact]
    public void The_result_reports_members_quorum_and_the_votes_themselves()
    {
        List<VoteView> votes = [Vote("a", 70, Recommendations.Approve), Vote("b", 50, Recommendations.Reject)];

        var result = Tally.Count(votes, members: 5, quorum: 3, threshold: 60);

        Assert.Equal(5, result.Members);
        Assert.Equal(3, result.Quorum);
        Assert.Equal(2, result.VotesCast);
        Assert.Equal(votes, result.Votes);
    }
}
