using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace Mouazara.Intake;

/// <summary>
/// Pulls every <c>"contentBase64"</c> string out of a JSON delivery as it streams, decoding it to a temporary
/// file, and leaves a small skeleton of the JSON where each such string is replaced by <c>"@inline:N"</c>.
/// The skeleton is parsed normally; files of any size never sit in memory, whole or as base64 text.
/// </summary>
public sealed class InlineDocuments : IAsyncDisposable
{
    public const string Placeholder = "@inline:";
    const int MaxSkeletonBytes = 1024 * 1024;
    const int MaxFiles = 20;
    static readonly byte[] Key = "contentBase64"u8.ToArray();

    readonly List<InlineFile> files = [];
    readonly MemoryStream skeleton = new();

    public IReadOnlyList<InlineFile> Files => files;

    public ReadOnlyMemory<byte> Skeleton => skeleton.GetBuffer().AsMemory(0, (int)skeleton.Length);

    /// <summary>True when the JSON outside file contents exceeds what a submission can need.</summary>
    public bool SkeletonTooLarge { get; private set; }

    public bool TooManyFiles { get; private set; }

    public static async Task<InlineDocuments> ExtractAsync(Stream json, long maxFileBytes, CancellationToken cancellationToken)
    {
        var result = new InlineDocuments();
        try
        {
            await result.ScanAsync(json, maxFileBytes, cancellationToken);
            return result;
        }
        catch
        {
            await result.DisposeAsync();
            throw;
        }
    }

    enum State
    {
        Normal,
        InString,
        InStringEscape,
        AfterKey,
        AfterColon,
        InBase64,
        InBase64Escape,
        InBase64Unicode,
    }

    async Task ScanAsync(Stream json, long maxFileBytes, CancellationToken cancellationToken)
    {
        var input = ArrayPool<byte>.Shared.Rent(64 * 1024);
        var state = State.Normal;
        var key = new byte[16];
        var keyLength = 0;
        var first = true;
        Decoder? decoder = null;
        var unicode = 0;
        var unicodeDigits = 0;
        try
        {
            int read;
            while ((read = first
                ? await json.ReadAtLeastAsync(input.AsMemory(0, 64 * 1024), 3, throwOnEndOfStream: false, cancellationToken)
                : await json.ReadAsync(input.AsMemory(0, 64 * 1024), cancellationToken)) > 0)
            {
                var start = 0;
                if (first)
                {
                    // A BOM is skipped however the first bytes arrive.
                    first = false;
                    if (read >= 3 && input[0] == 0xEF && input[1] == 0xBB && input[2] == 0xBF)
                    {
                        start = 3;
                    }
                }

                for (var i = start; i < read; i++)
                {
                    var b = input[i];
                    switch (state)
                    {
                        case State.Normal:
                            Emit(b);
                            if (b == (byte)'"')
                            {
                                state = State.InString;
                                keyLength = 0;
                            }

                            break;
                        case State.InString:
                            Emit(b);
                            if (b == (byte)'\\')
                            {
                                state = State.InStringEscape;
                                keyLength = key.Length + 1;
                            }
                            else if (b == (byte)'"')
                            {
                                state = keyLength == Key.Length && key.AsSpan(0, keyLength).SequenceEqual(Key) ? State.AfterKey : State.Normal;
                            }
                            else if (keyLength < key.Length)
                            {
                                key[keyLength++] = b;
                            }
                            else
                            {
                                keyLength = key.Length + 1;
                            }

                            break;
                        case State.InStringEscape:
                            Emit(b);
                            state = State.InString;
                            break;
                        case State.AfterKey:
                            Emit(b);
                            state = b == (byte)':' ? State.AfterColon : IsSpace(b) ? State.AfterKey : b == (byte)'"' ? State.InString : State.Normal;
                            keyLength = 0;
                            break;
                        case State.AfterColon:
                            if (IsSpace(b))
                            {
                                Emit(b);
                            }
                            else if (b == (byte)'"')
                            {
                                if (files.Count >= MaxFiles)
                                {
                                    TooManyFiles = true;
                                }

                                var file = new InlineFile(files.Count, NewTempFile());
                                files.Add(file);
                                decoder = new Decoder(file, maxFileBytes);
                                EmitText("\"" + Placeholder + file.Index);
                                state = State.InBase64;
                            }
                            else
                            {
                                Emit(b);
                                state = State.Normal;
                            }

                            break;
                        case State.InBase64:
                            // The run up to the next quote or escape goes to the decoder at once: per byte, a file
                            // costs a call per character, which dominated intake's CPU.
                            var plain = input.AsSpan(i, read - i).IndexOfAny((byte)'"', (byte)'\\');
                            plain = plain < 0 ? read - i : plain;
                            if (plain > 0)
                            {
                                await decoder!.AddAsync(input.AsMemory(i, plain), cancellationToken);
                                i += plain - 1;
                            }
                            else if (b == (byte)'"')
                            {
                                await decoder!.FinishAsync(cancellationToken);
                                decoder = null;
                                Emit(b);
                                state = State.Normal;
                            }
                            else
                            {
                                state = State.InBase64Escape;
                            }

                            break;
                        case State.InBase64Escape:
                            // Encoders may escape '/', write '+' or '=' as \u002B or \u003D, or wrap lines.
                            state = State.InBase64;
                            if (b == (byte)'/')
                            {
                                await decoder!.AddAsync(b, cancellationToken);
                            }
                            else if (b == (byte)'u')
                            {
                                state = State.InBase64Unicode;
                                unicode = 0;
                                unicodeDigits = 0;
                            }
                            else if (b is not ((byte)'n' or (byte)'r'))
                            {
                                decoder!.Invalid();
                            }

                            break;
                        case State.InBase64Unicode:
                            var digit = HexValue(b);
                            if (digit < 0)
                            {
                                decoder!.Invalid();
                                state = b == (byte)'"' ? State.Normal : State.InBase64;
                                if (b == (byte)'"')
                                {
                                    await decoder.FinishAsync(cancellationToken);
                                    decoder = null;
                                    Emit(b);
                                }

                                break;
                            }

                            unicode = (unicode << 4) | digit;
                            if (++unicodeDigits == 4)
                            {
                                state = State.InBase64;
                                if (unicode is < 0x80 and > 0x20)
                                {
                                    await decoder!.AddAsync((byte)unicode, cancellationToken);
                                }
                                else
                                {
                                    decoder!.Invalid();
                                }
                            }

                            break;
                    }
                }
            }

            if (decoder is not null)
            {
                // Truncated inside a file: the skeleton will not parse, which is how the caller learns of it.
                decoder.Invalid();
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(input);
        }
    }

    static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };

    static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';

    void Emit(byte b)
    {
        if (skeleton.Length >= MaxSkeletonBytes)
        {
            SkeletonTooLarge = true;
            return;
        }

        skeleton.WriteByte(b);
    }

    void EmitText(string text)
    {
        foreach (var b in Encoding.ASCII.GetBytes(text))
        {
            Emit(b);
        }
    }

    internal static FileStream NewTempFile() => new(Path.Combine(Path.GetTempPath(), "mouazara-" + Guid.NewGuid().ToString("N")),
        FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);

    public async ValueTask DisposeAsync()
    {
        foreach (var file in files)
        {
            await file.DisposeAsync();
        }

        await skeleton.DisposeAsync();
    }

    /// <summary>Decodes one base64 string in chunks straight into its file.</summary>
    sealed class Decoder(InlineFile file, long maxBytes)
    {
        readonly byte[] pending = new byte[8192];
        readonly byte[] decoded = new byte[6144];
        int count;

        readonly byte[] one = new byte[1];

        public Task AddAsync(byte b, CancellationToken cancellationToken)
        {
            one[0] = b;
            return AddAsync(one, cancellationToken);
        }

        /// <summary>Base64 text, blanks skipped, decoded into the file each time the pending buffer fills.</summary>
        public async Task AddAsync(ReadOnlyMemory<byte> text, CancellationToken cancellationToken)
        {
            while (!text.IsEmpty && !file.InvalidBase64 && !file.TooLarge)
            {
                var start = text.Span.IndexOfAnyExcept((byte)' ', (byte)'\t');
                if (start < 0)
                {
                    return;
                }

                text = text[start..];
                var run = text.Span.IndexOfAny((byte)' ', (byte)'\t');
                var take = Math.Min(run < 0 ? text.Length : run, pending.Length - count);
                text.Span[..take].CopyTo(pending.AsSpan(count));
                count += take;
                text = text[take..];
                if (count == pending.Length)
                {
                    // Keep the last quantum back: it may carry the '=' padding, which only a final block may hold.
                    await DecodeAsync(final: false, cancellationToken, keep: 4);
                }
            }
        }

        public void Invalid() => file.InvalidBase64 = true;

        public async Task FinishAsync(CancellationToken cancellationToken)
        {
            if (!file.InvalidBase64 && !file.TooLarge)
            {
                await DecodeAsync(final: true, cancellationToken);
            }

            await file.Content.FlushAsync(cancellationToken);
            file.Content.Position = 0;
        }

        async Task DecodeAsync(bool final, CancellationToken cancellationToken, int keep = 0)
        {
            var status = Base64.DecodeFromUtf8(pending.AsSpan(0, count - keep), decoded, out var consumed, out var written, isFinalBlock: final);
            if (status == OperationStatus.InvalidData || (final && status != OperationStatus.Done))
            {
                file.InvalidBase64 = true;
                return;
            }

            file.Size += written;
            if (file.Size > maxBytes)
            {
                file.TooLarge = true;
                return;
            }

            await file.Content.WriteAsync(decoded.AsMemory(0, written), cancellationToken);
            pending.AsSpan(consumed, count - consumed).CopyTo(pending);
            count -= consumed;
        }
    }
}
