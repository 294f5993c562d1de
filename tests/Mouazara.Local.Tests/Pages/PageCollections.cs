namespace Mouazara.Local.Tests.Pages;

/// <summary>
/// The page tests share two local hosts and browsers instead of one per class: every host's durable engine polls the
/// one Azurite, and on two cores a dozen idle hosts slow every other test. Two collections, so that the applicants'
/// pages and the reviewers' pages still run side by side.
/// </summary>
[CollectionDefinition(Applicants)]
public sealed class ApplicantPages : ICollectionFixture<BrowserFixture>
{
    public const string Applicants = "Applicants' pages";
}

/// <inheritdoc cref="ApplicantPages"/>
[CollectionDefinition(Reviewers)]
public sealed class ReviewerPages : ICollectionFixture<BrowserFixture>
{
    public const string Reviewers = "Reviewers' pages";
}
