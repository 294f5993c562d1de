using System.Text.RegularExpressions;

namespace Mouazara.Tests.Architecture;

/// <summary>
/// A file says what it holds: every type declared at the top level of a file under src/ lives in a file named after
/// it. The one exception: a small companion (a record or an enum, or a class with no code, of at most 25 lines)
/// may share the file of the main type it serves, as an orchestrator keeps its input and event records beside it.
/// A large partial type may spread over <c>Type.Part.cs</c> files.
/// </summary>
public sealed partial class FileNameTests
{
    const int CompanionMaxLines = 25;

    [GeneratedRegex(@"^(?:public |internal |file )?(?:(?:sealed|static|abstract|partial|readonly) )*(class|record|enum|interface|struct) (\w+)", RegexOptions.Multiline)]
    private static partial Regex TopLevelType();

    static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Mouazara.Functions.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Repository root not found.");
    }

    public static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(Path.Combine(RepoRoot(), "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    /// <summary>The misplaced types of one file, as "type in file" lines.</summary>
    public static IEnumerable<string> Misplaced(string path, string text)
    {
        // A partial type may spread over files named Type.Part.cs.
        var fileType = Path.GetFileNameWithoutExtension(path).Split('.')[0];
        var lines = text.Split('\n');
        var declarations = TopLevelType().Matches(text).Select(m => (Kind: m.Groups[1].Value, Name: m.Groups[2].Value,
            Line: text[..m.Index].Count(c => c == '\n'))).ToList();
        for (var i = 0; i < declarations.Count; i++)
        {
            var (kind, name, line) = declarations[i];
            if (name == fileType)
            {
                continue;
            }

            var end = i + 1 < declarations.Count ? declarations[i + 1].Line : lines.Length;
            var body = lines[line..end];
            var small = body.Length <= CompanionMaxLines;
            var noCode = kind is "record" or "enum" || !body.Skip(1).Any(l => l.Contains('(', StringComparison.Ordinal));
            var hasMain = declarations.Any(d => d.Name == fileType);
            if (!(hasMain && small && noCode))
            {
                yield return $"{name} ({kind}, {body.Length} lines) in {Path.GetFileName(path)}";
            }
        }
    }

    [Fact]
    public void Every_type_in_src_lives_in_a_file_named_after_it_or_beside_the_type_it_serves()
    {
        var misplaced = SourceFiles().SelectMany(f => Misplaced(f, File.ReadAllText(f))).ToList();
        Assert.True(misplaced.Count == 0, "Misplaced types:\n" + string.Join("\n", misplaced));
    }

    [Fact]
    public void A_class_with_code_hidden_in_another_types_file_is_found()
    {
        const string text = "namespace X;\n\npublic sealed class Main\n{\n}\n\npublic sealed class Hidden\n{\n    public void Run() { }\n}\n";
        Assert.Equal(["Hidden (class, 5 lines) in Main.cs"], Misplaced("/src/Main.cs", text));
        Assert.Empty(Misplaced("/src/Main.cs", "namespace X;\n\npublic sealed class Main\n{\n}\n\npublic sealed record Small(int A);\n"));
    }
}
