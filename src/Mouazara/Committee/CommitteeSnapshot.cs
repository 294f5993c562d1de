using System.Text.Json;
using Mouazara.Applications;
using Mouazara.Editions;
using Mouazara.Kernel;

namespace Mouazara.Committee;

/// <summary>
/// An application is evaluated under the committee settings of the moment it reached evaluation — members, quorum,
/// threshold, criteria — kept on its row: an edition changed meanwhile (a member removed, a threshold raised)
/// applies to the applications that reach evaluation after it, not to votes already under way.
/// </summary>
public static class CommitteeSnapshot
{
    /// <summary>The snapshot, or for an application that reached evaluation before snapshots were kept, the edition's settings.</summary>
    public static CommitteeConfig Of(ApplicationEntity app, Edition edition) =>
        app.CommitteeJson is null ? edition.Committee : JsonSerializer.Deserialize<CommitteeConfig>(app.CommitteeJson, Json.Options)!;

    public static string Serialize(CommitteeConfig committee) => JsonSerializer.Serialize(committee, Json.Options);
}
