namespace Personalize.Api.Commands;

/// <summary>A command-line verb. Implementations are registered in <see cref="CommandRunner"/>.</summary>
public interface ICommand
{
    /// <summary>The verb, e.g. "import".</summary>
    string Name { get; }

    /// <summary>One line for the usage text.</summary>
    string Usage { get; }

    /// <returns>The process exit code.</returns>
    Task<int> RunAsync(CommandInvocation invocation, IServiceProvider services, CancellationToken cancellationToken);
}
