




using Mouazara.Kernel;

namespace Mouazara.Editions;

/// <summary>What makes an edition usable; checked before staff save one and when the demo is seeded.</summary>
public static class EditionRules
{
    /// <summary>The most projects a target may ask of every region: about 160 projects a year spread over twelve.</summary>
    public const int MaxPerRegionMin = 20;

    /// <summary>A criterion's guidance in one language: a few sentences a reviewer reads under the score field.</summary>
    public const int MaxGuidanceLength = 500;

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
            || edition.Tranches.Any(t => t is null) || edition.Committee.Members.Any(m => m is null || m.Languages.Any(x => x is null) || m.Sectors.Any(x => x is null))
            || edition.Committee.Criteria.Any(c => c is null)
            || edition.RequiredDocuments.Values.Any(d => d is null || d.Any(x => x is null)) || edition.StaffEmails.Any(e => e is null)
            || edition.Disbursement.FinanceEmails.Any(e => e is null)
            || edition.Funders.Any(f => f is null || f.ApplicantTypes.Any(t => t is null) || f.Regions.Any(r => r is null)))
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

        if (committee.DivergenceThreshold is < 1 or > 100)
        {
            Add("committee.divergenceThreshold", "The divergence threshold is a number of points from 1 to 100.");
        }

        if (committee.Revision.Deadline <= TimeSpan.Zero || committee.Revision.ReminderBefore < TimeSpan.Zero)
        {
            Add("committee.revision", "The revision period is a positive duration, its reminder not negative.");
        }

        if (committee.DigestAfter < 0)
        {
            Add("committee.digestAfter", "Open tasks emailed one by one before the digest takes over (3 if absent), or 0 for no digest.");
        }

        if (committee.DigestEvery < TimeSpan.FromSeconds(1))
        {
            Add("committee.digestEvery", "The digest's rhythm is a positive duration.");
        }

        if (committee.Criteria.Count == 0 || committee.Criteria.Sum(c => c.Max) != 100 || committee.Criteria.Any(c => c.Max <= 0))
        {
            Add("committee.criteria", "Criteria have positive maxima that add up to 100.");
        }

        for (var i = 0; i < committee.Criteria.Count; i++)
        {
            var criterion = committee.Criteria[i];
            foreach (var (language, text) in new[] { ("ar", criterion.Label.Ar), ("fr", criterion.Label.Fr) })
            {
                if (string.IsNullOrWhiteSpace(text))
                {
                    Add($"committee.criteria[{i}].label.{language}", "Every criterion needs a label in Arabic and in French.");
                }
            }

            if (criterion.Guidance is not { } guidance)
            {
                continue;
            }

            foreach (var (language, text) in new[] { ("ar", guidance.Ar), ("fr", guidance.Fr) })
            {
                if (string.IsNullOrWhiteSpace(text) || text.Length > MaxGuidanceLength)
                {
                    Add($"committee.criteria[{i}].guidance.{language}", $"Guidance is given in Arabic and in French, each at most {MaxGuidanceLength} characters.");
                }
            }
        }

        if (edition.Tranches.Count == 0 || edition.Tranches.Sum(t => t.Percent) != 100 || edition.Tranches.Any(t => t.Percent <= 0))
        {
            Add("tranches", "Tranche shares are positive and add up to 100.");
        }

        foreach (var tranche in edition.Tranches.Where(t => t.Requires is not null && !DocumentTypes.All.ContainsKey(t.Requires)))
        {
            Add("tranches", $"Unknown document type '{tranche.Requires}'.");
        }

        ValidatePool(committee, Add);
        ValidateFunders(edition, Add);
        ValidateTargets(edition.Targets, Add);

        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
    }

    /// <summary>
    /// Each funder on its own (keyed <c>funders[i].field</c>), then the funders together (keyed <c>funders</c>): every
    /// applicant type the edition admits has someone to pay it, and the envelopes fit in the edition's.
    /// </summary>
    static void ValidateFunders(Edition edition, Action<string, string> add)
    {
        var funders = edition.Funders;
        if (funders.Count == 0)
        {
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var envelopesValid = true;
        for (var i = 0; i < funders.Count; i++)
        {
            var funder = funders[i];
            var at = $"funders[{i}].";
            if (!IsId(funder.Id))
            {
                add(at + "id", "Use 2 to 40 lowercase letters, digits or dashes.");
            }
            else if (!seen.Add(funder.Id))
            {
                add(at + "id", $"Another funder already has the id '{funder.Id}'.");
            }

            if (string.IsNullOrWhiteSpace(funder.Name.Ar))
            {
                add(at + "name.ar", "The funder's name in Arabic is required.");
            }

            if (string.IsNullOrWhiteSpace(funder.Name.Fr))
            {
                add(at + "name.fr", "The funder's name in French is required.");
            }

            if (funder.Envelope <= 0 || !Money.TryToCentimes(funder.Envelope, out _))
            {
                add(at + "envelope", "The envelope is a positive MAD amount with at most two decimals.");
                envelopesValid = false;
            }

            if (funder.ApplicantTypes.Count == 0)
            {
                add(at + "applicantTypes", "A funder funds at least one applicant type.");
            }

            foreach (var type in funder.ApplicantTypes)
            {
                if (!ApplicantTypes.All.ContainsKey(type))
                {
                    add(at + "applicantTypes", $"Unknown applicant type '{type}'.");
                }
                else if (!edition.ApplicantTypes.Contains(type))
                {
                    add(at + "applicantTypes", $"'{type}' is not an applicant type of this edition.");
                }
            }

            foreach (var region in funder.Regions)
            {
                if (!Kernel.Regions.All.ContainsKey(region))
                {
                    add(at + "regions", $"Unknown region '{region}'.");
                }
                else if (edition.Regions.Count > 0 && !edition.Regions.Contains(region))
                {
                    add(at + "regions", $"'{region}' is not a region of this edition.");
                }
            }
        }

        foreach (var type in edition.ApplicantTypes.Where(t => ApplicantTypes.All.ContainsKey(t) && !funders.Any(f => f.ApplicantTypes.Contains(t))))
        {
            add("funders", $"No funder funds the applicant type '{type}' that the edition admits: its applicants could never be paid.");
        }

        // Each valid envelope is at most Money.MaxDirhams, so the sum cannot overflow.
        if (envelopesValid)
        {
            var total = funders.Sum(f => f.Envelope);
            if (total > edition.Envelope)
            {
                add("funders", $"The funders' envelopes add up to {Mad(total)}, more than the edition's envelope of {Mad(edition.Envelope)}.");
            }
        }
    }

    /// <summary>
    /// The reviewer pool's own fields (keyed <c>committee.members[i].field</c>) and the panel settings: a panel the pool
    /// cannot fill in both languages is refused here rather than found short application after application.
    /// </summary>
    static void ValidatePool(CommitteeConfig committee, Action<string, string> add)
    {
        for (var i = 0; i < committee.Members.Count; i++)
        {
            var member = committee.Members[i];
            var at = $"committee.members[{i}].";
            if (string.IsNullOrEmpty(member.Id) || member.Id.Length > 64 || member.Id.Any(c => char.IsControl(c) || c is '/' or '\\' or '#' or '?' or '~'))
            {
                add(at + "id", "At most 64 characters, without / \\ # ? ~: the id keys the member's review rows.");
            }

            foreach (var language in member.Languages.Where(l => !Languages.TryParse(l, out _)))
            {
                add(at + "languages", $"Unknown language '{language}': use ar or fr.");
            }

            if (member.Languages.Count > 0 && !member.Languages.Contains(member.Language, StringComparer.Ordinal))
            {
                add(at + "languages", $"The member's own language '{member.Language}' is among the languages they read.");
            }

            foreach (var sector in member.Sectors.Where(s => !Kernel.Sectors.All.ContainsKey(s)))
            {
                add(at + "sectors", $"Unknown sector '{sector}'.");
            }

            if (member.Region is { } region && !Kernel.Regions.All.ContainsKey(region))
            {
                add(at + "region", $"Unknown region '{region}'.");
            }

            if (member.Commune is { } commune && (string.IsNullOrWhiteSpace(commune) || commune.Length > 100))
            {
                add(at + "commune", "A commune's name, at most 100 characters.");
            }

            if (member.Category is { } category && !ReviewerCategories.All.ContainsKey(category))
            {
                add(at + "category", $"Unknown category '{category}': use {string.Join(", ", ReviewerCategories.All.Keys)}.");
            }
        }

        if (committee.ReviewersPerApplication is { } seats)
        {
            if (seats < 1 || seats > committee.Members.Count)
            {
                add("committee.reviewersPerApplication", "Between 1 and the number of members in the pool.");
            }

            foreach (var language in new[] { "ar", "fr" }.Where(l => committee.Members.Count(m => m.Reads(l)) < seats))
            {
                add("committee.reviewersPerApplication", $"The pool has fewer than {seats} members who read '{language}'.");
            }
        }

        var categories = committee.Members.Select(m => m.Category).OfType<string>().Distinct(StringComparer.Ordinal).Count();
        if (committee.MinCategories < 0 || committee.MinCategories > ReviewerCategories.All.Count)
        {
            add("committee.minCategories", $"Between 0 and {ReviewerCategories.All.Count}.");
        }
        else if (committee.MinCategories > 0 && committee.ReviewersPerApplication is null)
        {
            add("committee.minCategories", "Categories per panel need reviewersPerApplication.");
        }
        else if (committee.MinCategories > (committee.ReviewersPerApplication ?? 0) || committee.MinCategories > categories)
        {
            add("committee.minCategories", $"At most reviewersPerApplication and the {categories} categories the pool's members have.");
        }
    }

    static void ValidateTargets(EditionTargets targets, Action<string, string> add)
    {
        const string Share = "A share between 0 and 1 (0.64 for 64 %).";
        if (targets.WomenLedMin is < 0 or > 1)
        {
            add("targets.womenLedMin", Share);
        }

        if (targets.RuralMin is < 0 or > 1)
        {
            add("targets.ruralMin", Share);
        }

        if (targets.SectorMaxShare is < 0 or > 1)
        {
            add("targets.sectorMaxShare", Share);
        }

        if (targets.PerRegionMin is < 0 or > MaxPerRegionMin)
        {
            add("targets.perRegionMin", $"A number of projects per region between 0 and {MaxPerRegionMin}.");
        }

        if (targets.ScoreMin is < 0 or > 100)
        {
            add("targets.scoreMin", "The minimum score is out of 100.");
        }
    }

    static string Mad(decimal amount) => amount.ToString("N2", System.Globalization.CultureInfo.InvariantCulture) + " MAD";

    /// <summary>An edition id: it becomes part of storage keys and blob paths, so only a safe alphabet.</summary>
    public static bool IsId(string? id) => id is not null && System.Text.RegularExpressions.Regex.IsMatch(id, "^[a-z0-9][a-z0-9-]{1,39}$");

    static bool IsEmail(string? value) =>
        value is not null && System.Net.Mail.MailAddress.TryCreate(value, out var address) && address.Address == value && value.Contains('.', StringComparison.Ordinal);
}
