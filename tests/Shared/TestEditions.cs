using System.Text.Json.Nodes;

namespace Mouazara.Testing;

/// <summary>Editions whose deadlines pass in seconds, so workflows can be watched to their end.</summary>
public static class TestEditions
{
    /// <summary>
    /// The call's dates, around the day the test runs (not fixed years, which would close every test edition one
    /// day): opened half a year ago, closing in half a year. Applicants' founding dates (2015) stay before the opening.
    /// </summary>
    public static (string OpensOn, string ClosesOn) CallDates()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        return (today.AddMonths(-6).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            today.AddMonths(6).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Today, as a payment's value date.</summary>
    public static string Today() => DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static JsonObject Fast(string id, string documentsDeadline = "PT30S", string documentsReminder = "PT10S",
        string committeeDeadline = "PT60S", string committeeReminder = "PT20S", int quorum = 2, string staffReminder = "PT30S",
        string financeReminder = "PT30S", bool reportForSecondTranche = true, string agreementDeadline = "PT20M", string agreementReminder = "PT10M") => new()
    {
        ["id"] = id,
        ["name"] = new JsonObject { ["ar"] = "دورة اختبار", ["fr"] = "Édition de test" },
        ["opensOn"] = CallDates().OpensOn,
        ["closesOn"] = CallDates().ClosesOn,
        ["envelope"] = 8000000,
        ["cap"] = 49000,
        ["applicantTypes"] = new JsonArray("association", "network", "cooperative"),
        ["regions"] = new JsonArray(),
        ["sectors"] = new JsonArray("handicrafts", "solidarity-tourism", "agriculture", "agri-food", "cultural-entrepreneurship", "health", "education", "renewable-energy", "services"),
        ["requiredDocuments"] = new JsonObject
        {
            ["association"] = new JsonArray(TestSubmissions.AllAssociationDocuments.Select(d => (JsonNode)d).ToArray()),
            ["network"] = new JsonArray(TestSubmissions.AllAssociationDocuments.Select(d => (JsonNode)d).ToArray()),
            ["cooperative"] = new JsonArray("statutes", "legal-registration", "bank-certificate", "budget", "project-description"),
        },
        ["documents"] = new JsonObject { ["deadline"] = documentsDeadline, ["reminderBefore"] = documentsReminder, ["endOfDay"] = false },
        ["committee"] = new JsonObject
        {
            ["members"] = new JsonArray(
                Member("m-ar", "Khadija Test", "k.test@example.org", "ar"),
                Member("m-fr", "Youssef Test", "y.test@example.org", "fr"),
                Member("m-civil", "Fatima Test", "f.test@example.org", "ar")),
            ["quorum"] = quorum,
            ["scoreThreshold"] = 60,
            ["criteria"] = new JsonArray(
                Criterion("relevance", 30), Criterion("feasibility", 25), Criterion("impact", 25), Criterion("sustainability", 20)),
            ["timing"] = new JsonObject { ["deadline"] = committeeDeadline, ["reminderBefore"] = committeeReminder, ["endOfDay"] = false },
            // No digest: tests and the bench put many applications before the same three members at once and follow each
            // emailed task; the digest's own tests set a limit.
            ["digestAfter"] = 0,
        },
        ["tranches"] = reportForSecondTranche
            ? new JsonArray(new JsonObject { ["percent"] = 60 }, new JsonObject { ["percent"] = 40, ["requires"] = "progress-report" })
            : new JsonArray(new JsonObject { ["percent"] = 60 }, new JsonObject { ["percent"] = 40 }),
        ["disbursement"] = new JsonObject
        {
            ["financeReminderEvery"] = financeReminder,
            ["financeEmails"] = new JsonArray("finance.test@example.org"),
            ["reports"] = new JsonObject { ["deadline"] = "PT60S", ["reminderBefore"] = "PT20S", ["endOfDay"] = false },
            ["agreement"] = new JsonObject { ["deadline"] = agreementDeadline, ["reminderBefore"] = agreementReminder, ["endOfDay"] = false },
        },
        ["staffEmails"] = new JsonArray("staff.test@example.org"),
        ["staffReviewReminderEvery"] = staffReminder,
    };

    static JsonObject Member(string id, string name, string email, string language) => new()
    {
        ["id"] = id, ["name"] = name, ["email"] = email, ["language"] = language, ["organisation"] = "Test",
    };

    static JsonObject Criterion(string id, int max) => new()
    {
        ["id"] = id, ["label"] = new JsonObject { ["ar"] = id, ["fr"] = id }, ["max"] = max,
    };

    static readonly (string Id, int Max)[] TestCriteria = [("relevance", 30), ("feasibility", 25), ("impact", 25), ("sustainability", 20)];

    /// <summary>
    /// Scores that add up to <paramref name="total"/> across the four test criteria, each in proportion to its maximum, so
    /// that a total of 50 or more scores no criterion under half its maximum (and needs no comment).
    /// </summary>
    public static JsonObject Scores(int total)
    {
        total = Math.Clamp(total, 0, 100);
        var given = TestCriteria.Select(c => total * c.Max / 100).ToArray();
        for (var i = 0; given.Sum() < total; i = (i + 1) % given.Length)
        {
            if (given[i] < TestCriteria[i].Max)
            {
                given[i]++;
            }
        }

        var scores = new JsonObject();
        for (var i = 0; i < given.Length; i++)
        {
            scores[TestCriteria[i].Id] = given[i];
        }

        return scores;
    }

    /// <summary>A comment for each criterion of <paramref name="scores"/> under half its maximum, as the vote requires.</summary>
    public static JsonObject CommentsFor(JsonObject scores)
    {
        var comments = new JsonObject();
        foreach (var (id, max) in TestCriteria)
        {
            if (scores[id] is { } score && score.GetValue<int>() * 2 < max)
            {
                comments[id] = "Note basse : " + id + ".";
            }
        }

        return comments;
    }
}
