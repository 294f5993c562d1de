using ArchUnitNET.Domain;
using ArchUnitNET.Fluent;
using ArchUnitNET.Loader;
using ArchUnitNET.xUnit;
using static ArchUnitNET.Fluent.ArchRuleDefinition;

namespace Mouazara.Tests.Architecture;

/// <summary>
/// The library's folders form a one-way graph, written down once here: each layer may use the layers above it in
/// this list and nothing below; the folders of one layer do not use each other (a stage never imports another
/// stage). A new dependency against the order fails here, naming the types involved.
/// </summary>
public sealed class LayerTests
{
    /// <summary>Lowest first. Each entry is a layer; a layer with several folders holds siblings.</summary>
    public static readonly IReadOnlyList<string[]> Layers =
    [
        ["Kernel"],                 // money, Casablanca time, languages, the programme's vocabularies, JSON settings
        ["Storage"],                // the storage clients and table names
        ["Telemetry"],              // meters and spans, one place
        ["Http"],                   // the HTTP edge: problem+json, JSON bodies, the status pages
        ["Security"],               // signed links, webhook signatures, bearer tokens
        ["Email", "Texts"],         // sending, and every applicant- and reviewer-facing word
        ["Editions"],               // an edition's configuration
        ["Applications"],           // the workflow primitives: application ref, status changes, waits, staff review, the read model
        ["Documents"],              // the documents every later stage reads
        ["Eligibility", "Committee", "Selection", "Disbursement", "Health"], // the stages, side by side
        ["Lifecycle", "Indicators"], // the application orchestrator and the views across stages; indicators and exports
        ["Intake"],                 // the door: turns a submission into an application and starts its lifecycle
        ["StaffConsole"],           // the staff console's static files and sign-in settings
    ];

    static readonly System.Reflection.Assembly Library = typeof(MouazaraTasks).Assembly;

    static readonly ArchUnitNET.Domain.Architecture Model = new ArchLoader().LoadAssemblies(Library).Build();

    static IObjectProvider<IType> Folder(string folder) =>
        Types().That().ResideInNamespaceMatching($@"^Mouazara\.{folder}(\..*)?$").As(folder);

    public static TheoryData<string> Folders() => [.. Layers.SelectMany(l => l)];

    [Theory]
    [MemberData(nameof(Folders))]
    public void A_folder_uses_only_the_layers_beneath_it(string folder)
    {
        if (!Library.GetTypes().Any(t => t.Namespace is { } n && (n == "Mouazara." + folder || n.StartsWith("Mouazara." + folder + ".", StringComparison.Ordinal))))
        {
            return; // a folder still to be filled has nothing to check
        }

        var index = Layers.ToList().FindIndex(l => l.Contains(folder));
        var forbidden = Layers.Skip(index).SelectMany(l => l).Where(f => f != folder).ToList();
        forbidden.Add("root");
        foreach (var other in forbidden)
        {
            var target = other == "root"
                ? Types().That().ResideInNamespaceMatching(@"^Mouazara$").As("the composition root")
                : Folder(other);
            IArchRule rule = Types().That().Are(Folder(folder)).Should().NotDependOnAny(target)
                .Because($"{folder} sits below {other} in the layer order");
            rule.Check(Model);
        }
    }

    [Fact]
    public void Every_namespace_of_the_library_has_its_place_in_the_order()
    {
        var known = Layers.SelectMany(l => l).ToHashSet();
        var unplaced = Library.GetTypes()
            .Select(t => t.Namespace ?? "")
            .Where(n => n.StartsWith("Mouazara.", StringComparison.Ordinal))
            .Select(n => n.Split('.')[1])
            .Where(n => !known.Contains(n))
            .Distinct()
            .ToList();
        Assert.Empty(unplaced);
    }

    /// <summary>Each table has one owner: the store of its stage. Everyone else goes through that store.</summary>
    public static readonly IReadOnlyList<System.Type> StorageOwners =
    [
        typeof(global::Mouazara.Applications.ApplicationStore),   // Applications, ApplicationIndex, history (AuditLog)
        typeof(global::Mouazara.Applications.IndicatorFactStore), // IndicatorFacts (the indicators' read model)
        typeof(global::Mouazara.Documents.DocumentStore),         // Documents, DocumentReads and the documents' files
        typeof(global::Mouazara.Committee.ReviewStore),           // ReviewTasks, Votes, ReviewAssignments
        typeof(global::Mouazara.Committee.RevisionStore),         // ReviewRevisions (the consensus round)
        typeof(global::Mouazara.Disbursement.TrancheStore),       // Tranches, the ledger
        typeof(global::Mouazara.Disbursement.Reports.ReportStore), // Reports (requests and every version)
        typeof(global::Mouazara.Selection.SelectionStore),        // Selections (rounds, pins, selection history) and the proposals
        typeof(global::Mouazara.Editions.EditionStore),           // Editions
        typeof(global::Mouazara.Email.EmailSender),               // Emails (send-once records)
        typeof(global::Mouazara.Intake.Inbox.DeliveryInbox),      // IntakeDeliveries and the raw deliveries
        typeof(global::Mouazara.Health.HealthEndpoints),          // probes reachability, reads nothing
    ];

    [Fact]
    public void Only_the_owning_stores_touch_the_storage_clients()
    {
        var owners = StorageOwners.Select(t => t.FullName!).ToList();
        IArchRule rule = Types().That().ResideInNamespaceMatching(@"^Mouazara\..*").And().DoNotHaveFullNameMatching("^(" + string.Join("|", owners.Select(System.Text.RegularExpressions.Regex.Escape)) + @")(\+.*)?$")
            .And().DoNotResideInNamespace("Mouazara.Storage")
            .Should().NotDependOnAny(Types().That().HaveFullName(typeof(global::Mouazara.Storage.MouazaraStorage).FullName!))
            .Because("a table is read and written by its store alone");
        rule.Check(Model);
    }
}
