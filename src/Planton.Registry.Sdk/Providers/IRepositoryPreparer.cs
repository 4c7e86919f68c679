namespace Planton.Registry.Sdk.Providers;

/// <summary>
/// Readies a repository before a push on registries that do not create repositories on push. Amazon ECR drops the
/// connection of a push to a missing repository; this checks with <c>DescribeRepositories</c> first and creates the
/// repository when the connection sets <c>CreateRepositoryIfMissing</c>. Other providers need nothing.
/// </summary>
internal interface IRepositoryPreparer
{
    /// <summary>Makes sure <paramref name="repositoryPath"/> can be pushed to.</summary>
    /// <param name="provider">The connection's provider.</param>
    /// <param name="repositoryPath">The repository path, as <see cref="IRegistryProvider.GetRepositoryPath"/> built
    /// it.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <exception cref="RegistryRequestFailedException">
    /// The repository does not exist and may not be created (<see cref="RegistryRequestFailedException.IsNotFound"/>
    /// is true; the message says how to fix it), or the cloud API failed.
    /// </exception>
    /// <exception cref="RegistryAuthenticationException">The cloud API refused to create the repository.</exception>
    Task EnsureRepositoryAsync(
        IRegistryProvider provider, string repositoryPath, CancellationToken cancellationToken = default);
}
