namespace Personalize.Api.Commands;

/// <summary>Where the repository's default paths start: `dotnet run --project` starts in the project folder.</summary>
public static class RepositoryFolder
{
    /// <summary>The folder holding Personalize.sln, at or above the current one; else the current one.</summary>
    public static string Root()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Personalize.sln")))
                return dir.FullName;
        return Environment.CurrentDirectory;
    }
}
