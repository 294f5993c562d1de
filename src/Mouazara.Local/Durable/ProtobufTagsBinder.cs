using DurableTask.AzureStorage;

namespace Mouazara.Local.Durable;

/// <summary>
/// The sidecar hands sub-orchestration tags to the engine as Protobuf <c>MapField</c>s, which the Azure Storage
/// backend's message serializer names by type and then cannot load back. Naming them as plain dictionaries
/// keeps the messages readable by any process; Durable Functions on Azure never sees this type.
/// </summary>
public sealed class ProtobufTagsBinder : ICustomTypeBinder
{
    const string MapField = "Google.Protobuf.Collections.MapField`2";

    public void BindToName(Type serializedType, out string? assemblyName, out string? typeName)
    {
        if (serializedType.IsGenericType && serializedType.GetGenericTypeDefinition().FullName == MapField)
        {
            serializedType = typeof(Dictionary<,>).MakeGenericType(serializedType.GetGenericArguments());
        }

        assemblyName = null;
        typeName = serializedType.FullName;
    }

    public Type BindToType(string? assemblyName, string typeName) =>
        typeName.StartsWith(MapField, StringComparison.Ordinal)
            ? typeof(Dictionary<string, string>)
            : Type.GetType(typeName, throwOnError: true)!;
}
