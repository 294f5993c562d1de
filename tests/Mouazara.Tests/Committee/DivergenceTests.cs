using System.Text.Json;
using Mouazara.Committee;
using Mouazara.Editions;
using Mouazara.Kernel;
using Mouazara.Testing;

namespace Mouazara.Tests.Committee;

/// <summary>When reviewers disagree: the spread of their totals against the threshold, and the mean once they have revised.</summary>
public sealed class DivergenceTests
{
    static readonly DateTimeOffset At = new(2026, 10, 1, 9, 0, 0, TimeSpan.Zero);

    static VoteView Vote(string member, int score, string recommendation = Recommendations.Approve) => new(member, score, recommendation, At);

    [Fact]
    public void The_spread_is_the_highest_total_minus_the_lowest_whatever_the_order()
    {
        Assert.Equal(45, Divergence.Spread([80, 35, 60]));
        Assert.Equal(0, Divergence.Spread([72]));
        Assert.Equal(0, Divergence.Spread([]));
    }

    [Fact]
    public void A_spread_equal_to_the_threshold_is_agreement_and_one_point_above_is_divergence()
    {
        Assert.False(Divergence.Exceeds([50, 70], 20));
        Assert.True(Divergence.Exceeds([50, 71], 20));
        Assert.True(Divergence.Exceeds([49, 70, 60], 20));
    }

    [Fact]
    public void Without_a_threshold_no_spread_calls_for_a_consensus_round()
    {
        Assert.False(Divergence.Exceeds([0, 100], null));
    }

    [Fact]
    public void A_revision_replaces_its_reviewers_first_vote_and_the_mean_is_taken_after_revision()
    {
        IReadOnlyList<VoteView> first = [Vote("a", 35, Recommendations.Reject), Vote("b", 80), Vote("c", 85)];
        var final = Divergence.AfterRevision(first, [Vote("a", 74)]);

        Assert.Equal([74, 80, 85], final.Select(v => v.Score));
        Assert.Equal(11, Divergence.Spread(final.Select(v => v.Score)));
        var evaluation = Tally.Count(final, members: 3, quorum: 2, threshold: 60);
        Assert.Equal(79.67m, evaluation.AverageScore);
        Assert.Equal(Recommendations.Approve, evaluation.Recommendation);
        // The first round itself is left as it was.
        Assert.Equal(35, first[0].Score);
    }

    [Fact]
    public void Kept_votes_leave_the_mean_and_the_spread_as_they_were()
    {
        IReadOnlyList<VoteView> first = [Vote("a", 30, Recommendations.Reject), Vote("b", 90), Vote("c", 90)];
        var final = Divergence.AfterRevision(first, []);

        Assert.Equal(60, Divergence.Spread(final.Select(v => v.Score)));
        Assert.Equal(70m, Tally.Count(final, 3, 2, 60).AverageScore);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, false)]
    [InlineData(100, false)]
    [InlineData(101, true)]
    public void The_divergence_threshold_is_a_number_of_points_out_of_100(int threshold, bool refused)
    {
        var edition = JsonSerializer.Deserialize<Edition>(TestEditions.Fast("edition-2026"), Json.Options)!;
        edition = edition with { Committee = edition.Committee with { DivergenceThreshold = threshold } };

        Assert.Equal(refused, EditionRules.Validate(edition).ContainsKey("committee.divergenceThreshold"));
    }

    [Fact]
    public void An_edition_without_consensus_settings_has_no_round_a_five_day_revision_period_and_a_daily_digest_past_three_open_tasks()
    {
        var settings = TestEditions.Fast("edition-2026");
        settings["committee"]!.AsObject().Remove("digestAfter");
        var committee = JsonSerializer.Deserialize<Edition>(settings, Json.Options)!.Committee;

        Assert.Null(committee.DivergenceThreshold);
        Assert.Equal(TimeSpan.FromDays(5), committee.Revision.Deadline);
        Assert.Equal(3, committee.DigestAfter);
        Assert.Equal(TimeSpan.FromDays(1), committee.DigestEvery);
    }

    [Theory]
    [InlineData(-1, true)]
    [InlineData(0, false)]   // the digest off: every task emailed on its own
    [InlineData(1, false)]
    public void The_digest_limit_is_a_number_of_open_tasks_or_zero_for_none(int digestAfter, bool refused)
    {
        var edition = JsonSerializer.Deserialize<Edition>(TestEditions.Fast("edition-2026"), Json.Options)!;
        edition = edition with { Committee = edition.Committee with { DigestAfter = digestAfter } };

        Assert.Equal(refused, EditionRules.Validate(edition).ContainsKey("committee.digestAfter"));
    }
}
