



using Mouazara.Kernel;

namespace Mouazara.Editions;

/// <summary>What makes an edition usable; checked before staff save one and when the demo is seeded.</summary>
public static class EditionRules
{
    public static Dictionary<string, string[]> Validate(Edition edition)
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message)
        {
            if (!errors.TryGetValue(field, out var list))
            {
                errors[field] = list = [];
            }

            list.Add(message);
        }

        // The deserializer refuses nulls in properties; list items and dictionary values can still be null.
        if (edition.ApplicantTypes.Any(t => t is null) || edition.Regions.Any(r => r is null) || edition.Sectors.Any(s => s is null)
            || edition.Tranches.Any(t => t is null) || edition.Committee.Members.Any(m => m is null) || edition.Committee.Criteria.Any(c => c is null)
            || edition.RequiredDocuments.Values.Any(d => d is null || d.Any(x => x is null)) || edition.StaffEmails.Any(e => e is null)
            || edition.Disbursement.FinanceEmails.Any(e => e is null))
        {
            return new Dictionary<string, string[]> { ["edition"] = ["Lists and maps may not hold null."] };
        }

        if (!IsId(edition.Id))
        {
            Add("id", "Use 2 to 40 lowercase letters, digits or dashes.");
        }

        if (edition.ClosesOn < edition.OpensOn)
        {
            Add("closesOn", "The call cannot close before it opens.");
        }

        if (edition.Cap <= 0 || !Money.TryToCentimes(edition.Cap, out _))
        {
            Add("cap", "The cap is a positive MAD amount with at most two decimals.");
        }

        if (edition.Envelope < edition.Cap || !Money.TryToCentimes(edition.Envelope, out _))
        {
            Add("envelope", "The envelope is a MAD amount at least as large as the cap.");
        }

        foreach (var type in edition.ApplicantTypes.Where(t => !ApplicantTypes.All.ContainsKey(t)))
        {
            Add("applicantTypes", $"Unknown applicant type '{type}'.");
        }

        foreach (var region in edition.Regions.Where(r => !Kernel.Regions.All.ContainsKey(r)))
        {
            Add("regions", $"Unknown region '{region}'.");
        }

        foreach (var sector in edition.Sectors.Where(s => !Kernel.Sectors.All.ContainsKey(s)))
        {
            Add("sectors", $"Unknown sector '{sector}'.");
        }

        foreach (var (type, documents) in edition.RequiredDocuments)
        {
            if (!edition.ApplicantTypes.Contains(type))
            {
                Add($"requiredDocuments.{type}", "Not an applicant type of this edition.");
            }

            foreach (var document in documents.Where(d => !DocumentTypes.All.ContainsKey(d)))
            {
                Add($"requiredDocuments.{type}", $"Unknown document type '{document}'.");
            }
        }

        var committee = edition.Committee;
        if (committee.Members.Count == 0)
        {
            Add("committee.members", "A committee needs members.");
        }

        if (committee.Members.Select(m => m.Id).Distinct(StringComparer.Ordinal).Count() != committee.Members.Count)
        {
            Add("committee.members", "Member ids must be unique.");
        }

        foreach (var member in committee.Members.Where(m => !Languages.TryParse(m.Language, out _)))
        {
            Add("committee.members", $"Member '{member.Id}' needs language ar or fr.");
        }

        foreach (var member in committee.Members.Where(m => !IsEmail(m.Email)))
        {
            Add("committee.members", $"Member '{member.Id}' needs a valid email address: the review tasks go there.");
        }

        if (committee.Criteria.Select(c => c.Id).Distinct(StringComparer.Ordinal).Count() != committee.Criteria.Count)
        {
            Add("committee.criteria", "Criterion ids must be unique.");
        }

        foreach (var address in edition.StaffEmails.Where(a => !IsEmail(a)))
        {
            Add("staffEmails", $"'{address}' is not an email address.");
        }

        foreach (var address in edition.Disbursement.FinanceEmails.Where(a => !IsEmail(a)))
        {
            Add("disbursement.financeEmails", $"'{address}' is not an email address.");
        }

        if (committee.Quorum < 1 || committee.Quorum > committee.Members.Count)
        {
            Add("committee.quorum", "The quorum is between 1 and the number of members.");
        }

        if (committee.ScoreThreshold is < 0 or > 100)
        {
            Add("committee.scoreThreshold", "The threshold is a score out of 100.");
        }

        if (committee.Criteria.Count == 0 || committee.Criteria.Sum(c => c.Max) != 100 || committee.Criteria.Any(c => c.Max <= 0))
        {
            Add("committee.criteria", "Criteria have positive maxima that add up to 100.");
        }

        if (edition.Tranches.Count == 0 || edition.Tranches.Sum(t => t.Percent) != 100 || edition.Tranches.Any(t => t.Percent <= 0))
        {
            Add("tranches", "Tranche shares are positive and add up to 100.");
        }

        foreach (var tranche in edition.Tranches.Where(t => t.Requires is not null && !DocumentTypes.All.ContainsKey(t.Requires)))
        {
            Add("tranches", $"Unknown document type '{tranche.Requires}'.");
        }

        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
    }

    /// <summary>An edition id: it becomes part of storage keys and blob paths, so only a safe alphabet.</summary>
    public static bool IsId(string? id) => id is not null && System.Text.RegularExpressions.Regex.IsMatch(id, "^[a-z0-9][a-z0-9-]{1,39}$");

    static bool IsEmail(string? value) =>
        value is not null && System.Net.Mail.MailAddress.TryCreate(value, out var address) && address.Address == value && value.Contains('.', StringComparison.Ordinal);
}
