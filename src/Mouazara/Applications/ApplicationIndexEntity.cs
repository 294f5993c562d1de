using Mouazara.Storage;

namespace Mouazara.Applications;

/// <summary>Finds an application's edition from its id alone (PK application id, RK empty).</summary>
public sealed class ApplicationIndexEntity : Entity
{
    public ApplicationIndexEntity()
    {
        PartitionKey = "";
    }

    public string Edition { get; set; } = "";
}
