using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Mouazara.Applications;

namespace Mouazara.Tests.Applications;

/// <summary>Application ids that follow from the provider and its submission id.</summary>
public sealed class ApplicationIdsTests
{
    /// <summary>
    /// Ids already given out, pinned: a submission delivered again after a deployment must name the application it
    /// named before, or duplicate detection breaks silently (a second application, a second orchestration) for
    /// every application in flight. Values computed independently (Python: SHA-256 of "provider\nsubmissionId",
    /// first 8 bytes little-endian, twelve 5-bit digits from the lowest bits, Crockford-like alphabet).
    /// </summary>
    [Theory]
    [InlineData("generic", "sub-42", "MZ-Y48NJZS93G8S")]
    [InlineData("generic", "SUB-42", "MZ-ZKFDR4QYZQDY")]
    [InlineData("generic", "demo-sample-0001", "MZ-J8KPNRCK6N8T")]
    [InlineData("generic", "demo-sample-0002", "MZ-XTS56NYCV8DC")]
    [InlineData("kobo", "0f6a1f53-9a3e-4c34-8a88-6f3b2d7e9c10", "MZ-ZS3G11S7JAKX")]
    [InlineData("typeform", "a1b2c3d4e5f60718293a4b5c6d7e8f90", "MZ-PVK8W131VK7T")]
    [InlineData("tally", "t9xYz12aB", "MZ-SBKE3M4BBNGT")]
    [InlineData("generic", "جمعية-2026-001", "MZ-HYQC3HASRNSD")]
    [InlineData("generic", "", "MZ-8JZ7WVK169PT")]
    public void A_submission_names_the_application_it_has_always_named(string provider, string submissionId, string applicationId)
    {
        Assert.Equal(applicationId, ApplicationIds.For(provider, submissionId));
    }

    [Fact]
    public void An_id_is_MZ_and_twelve_characters_of_an_unambiguous_alphabet()
    {
        var id = ApplicationIds.For("generic", "sub-42");

        Assert.Matches("^MZ-[0-9A-HJKMNP-TV-Z]{12}$", id);
        Assert.True(ApplicationIds.IsWellFormed(id));
    }

    [Fact]
    public void Different_submissions_or_providers_name_different_applications()
    {
        var ids = new[]
        {
            ApplicationIds.For("generic", "sub-1"),
            ApplicationIds.For("generic", "sub-2"),
            ApplicationIds.For("generic", "SUB-1"),
            ApplicationIds.For("other", "sub-1"),
        };

        Assert.Equal(ids.Length, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Ten_thousand_submissions_get_ten_thousand_distinct_ids()
    {
        var ids = Enumerable.Range(0, 10_000).Select(i => ApplicationIds.For("generic", "submission-" + i)).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(10_000, ids.Count);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("MZ-")]
    [InlineData("MZ-0123456789A")]
    [InlineData("MZ-0123456789ABC")]
    [InlineData("mz-0123456789AB")]
    [InlineData("MZ-0123456789ab")]
    [InlineData("MZ-0123456789AI")]
    [InlineData("MZ-0123456789AL")]
    [InlineData("MZ-0123456789AO")]
    [InlineData("MZ-0123456789AU")]
    [InlineData("XX-0123456789AB")]
    [InlineData("MZ_0123456789AB")]
    [InlineData("MZ-01234/6789AB")]
    public void A_string_that_is_not_an_application_id_is_not_well_formed(string? id)
    {
        Assert.False(ApplicationIds.IsWellFormed(id));
    }

    [Fact]
    public void A_hand_written_id_in_the_alphabet_is_well_formed()
    {
        Assert.True(ApplicationIds.IsWellFormed("MZ-0123456789AB"));
        Assert.True(ApplicationIds.IsWellFormed("MZ-XYZVTSRQPNMK"));
    }

    [Fact]
    public void The_durable_instance_is_named_after_the_application()
    {
        Assert.Equal("application-MZ-0123456789AB", ApplicationIds.Instance("MZ-0123456789AB"));
    }

    [Property(MaxTest = 300)]
    public Property Any_submission_id_gives_a_well_formed_id(NonNull<string> submissionId) =>
        Prop.ToProperty(ApplicationIds.IsWellFormed(ApplicationIds.For("generic", submissionId.Get)));
}
