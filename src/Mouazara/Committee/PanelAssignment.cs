using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Mouazara.Editions;

namespace Mouazara.Committee;

/// <summary>
/// Chooses the reviewers of one application from the edition's pool, with a reason for each. Only reviewers who read
/// the application's language and share neither the applicant's organisation nor its commune may sit; among them a
/// reviewer who brings a category the panel still needs comes first, then anyone not far above the pool's average
/// load (more than one review above it), then sector expertise, then the lightest load. Ties go to a hash of the
/// application and reviewer ids, so the same inputs give the same panel whatever order the pool is listed in, and
/// equal reviewers do not always lose to the same colleague.
/// </summary>
public static class PanelAssignment
{
    /// <summary>How far above the pool's average load a reviewer may go before others are preferred, in reviews.</summary>
    public const decimal LoadTolerance = 1;

    public static PanelChoice Choose(PanelRequest request)
    {
        var applicant = request.Applicant;
        var notes = new List<string>();
        var average = request.Pool.Count == 0 ? 0 : (decimal)request.Pool.Sum(p => p.Load) / request.Pool.Count;
        var kept = request.Kept.ToList();
        var candidates = new List<PoolMember>();
        foreach (var entry in request.Pool)
        {
            var member = entry.Member;
            if (request.Excluded.Contains(member.Id) || kept.Any(k => k.Id == member.Id))
            {
                continue;
            }

            if (!member.Reads(applicant.Language))
            {
                continue;
            }

            if (Same(member.Organisation, applicant.Organisation))
            {
                notes.Add($"{member.Id} not assigned: from the applicant's own organisation.");
                continue;
            }

            if (member.Commune is { } commune && Same(commune, applicant.Commune))
            {
                notes.Add($"{member.Id} not assigned: from the applicant's commune.");
                continue;
            }

            candidates.Add(entry);
        }

        var chosen = new List<ChosenReviewer>();
        var wanted = Math.Max(0, request.Seats - kept.Count);
        while (chosen.Count < wanted && candidates.Count > 0)
        {
            var categories = kept.Select(m => m.Category).OfType<string>().ToHashSet(StringComparer.Ordinal);
            var needCategory = categories.Count < request.MinCategories;
            bool BringsCategory(PoolMember p) => p.Member.Category is { } c && !categories.Contains(c);
            bool Overloaded(PoolMember p) => p.Load > average + LoadTolerance;
            bool Expert(PoolMember p) => p.Member.Sectors.Contains(applicant.Sector, StringComparer.Ordinal);

            var best = candidates
                .OrderBy(p => needCategory && !BringsCategory(p))
                .ThenBy(Overloaded)
                .ThenBy(p => !Expert(p))
                .ThenBy(p => p.Load)
                .ThenBy(p => TieBreak(applicant.ApplicationId, p.Member.Id))
                .First();
            candidates.Remove(best);
            kept.Add(best.Member);

            var reason = new List<string> { "reads " + LanguageName(applicant.Language) };
            if (Expert(best))
            {
                reason.Add(applicant.Sector + " expertise");
            }

            if (best.Member.Category is { } category)
            {
                reason.Add(ReviewerCategories.All.TryGetValue(category, out var words) ? words : category);
            }

            if (needCategory && BringsCategory(best))
            {
                reason.Add("a category the panel lacked");
            }

            reason.Add($"load {best.Load} vs average {average.ToString("0.#", CultureInfo.InvariantCulture)}");
            if (Overloaded(best))
            {
                reason.Add("above the average: no one else could sit");
            }

            chosen.Add(new ChosenReviewer(best.Member.Id, string.Join("; ", reason)));
        }

        if (chosen.Count < wanted)
        {
            notes.Add($"Only {kept.Count} of {request.Seats} reviewers: no other member of the pool reads {LanguageName(applicant.Language)} without a conflict.");
        }

        var panelCategories = kept.Select(m => m.Category).OfType<string>().Distinct(StringComparer.Ordinal).Count();
        if (panelCategories < request.MinCategories)
        {
            notes.Add($"Only {panelCategories} categories among the reviewers, {request.MinCategories} wanted: the pool allows no more for this application.");
        }

        return new PanelChoice(chosen, notes);
    }

    /// <summary>A stable pseudo-random order of a reviewer for an application: the first eight bytes of SHA-256.</summary>
    public static ulong TieBreak(string applicationId, string memberId) =>
        BinaryPrimitives.ReadUInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(applicationId + "\n" + memberId)));

    static string LanguageName(string code) => code switch { "ar" => "Arabic", "fr" => "French", _ => code };

    /// <summary>Names compared as people write them: case, accents, punctuation and spacing aside.</summary>
    static bool Same(string? a, string? b)
    {
        var x = Normalise(a);
        return x.Length > 0 && x == Normalise(b);
    }

    static string Normalise(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return "";
        }

        var text = new StringBuilder();
        foreach (var c in value.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            text.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
        }

        return string.Join(' ', text.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}

/// <summary>What the assignment knows of the application: no more than it needs to avoid a conflict.</summary>
public sealed record PanelApplicant(string ApplicationId, string Language, string Sector, string Organisation, string Commune);

/// <summary>A pool member with the number of reviews they have open in the edition.</summary>
public sealed record PoolMember(CommitteeMember Member, int Load);

/// <summary>
/// Fill <see cref="Seats"/> seats, <see cref="Kept"/> already sitting (a replacement keeps the rest of the panel);
/// <see cref="Excluded"/> may not sit (they recused, were reassigned or removed).
/// </summary>
public sealed record PanelRequest(PanelApplicant Applicant, IReadOnlyList<PoolMember> Pool, int Seats, int MinCategories,
    IReadOnlyList<CommitteeMember> Kept, IReadOnlySet<string> Excluded);

public sealed record ChosenReviewer(string MemberId, string Reason);

/// <summary>The reviewers chosen, best first, and what staff should know: conflicts avoided, seats or categories short.</summary>
public sealed record PanelChoice(IReadOnlyList<ChosenReviewer> Chosen, IReadOnlyList<string> Notes);
