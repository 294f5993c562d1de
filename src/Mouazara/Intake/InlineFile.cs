namespace Mouazara.Intake;

/// <summary>A document that arrived inline (base64 inside the JSON), decoded to a temporary file.</summary>
public sealed class InlineFile : IAsyncDisposable
{
    internal InlineFile(int index, FileStream content)
    {
        Index = index;
        Content = content;
    }

    public int Index { get; internal set; }

    /// <summary>The decoded bytes, deleted from disk when disposed.</summary>
    public FileStream Content { get; }

    public long Size { get; internal set; }

    public bool TooLarge { get; internal set; }

    public bool InvalidBase64 { get; internal set; }

    public ValueTask DisposeAsync() => Content.DisposeAsync();
}
