namespace Mouazara.Infra.Tests.Support;

/// <summary>Files of the repository the tests run in.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    public static string Read(params string[] parts) => File.ReadAllText(PathOf(parts));

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "global.json")) && Directory.Exists(Path.Combine(dir.FullName, "infra")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No repository root (global.json next to infra/) above {AppContext.BaseDirectory}.");
    }
}
