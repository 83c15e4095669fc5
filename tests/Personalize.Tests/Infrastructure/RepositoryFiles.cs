namespace Personalize.Tests.Infrastructure;

/// <summary>Files of the repository the tests run from (the folder that holds Personalize.sln).</summary>
public static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Personalize.sln")))
                return dir.FullName;
        throw new InvalidOperationException("Personalize.sln not found above " + AppContext.BaseDirectory);
    }
}
