using Mouazara.Storage;

namespace Mouazara.Editions;

public sealed class EditionEntity : Entity
{
    public const string Partition = "edition";

    public EditionEntity()
    {
        PartitionKey = Partition;
    }

    public string Json { get; set; } = "";
}
