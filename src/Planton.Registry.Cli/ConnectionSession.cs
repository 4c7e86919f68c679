using Microsoft.Extensions.DependencyInjection;
using Planton.Registry.Sdk.Connections;
using Planton.Registry.Sdk.Providers;

namespace Planton.Registry.Cli;

/// <summary>
/// One command's view of a connection file: the validated connection, the SDK's services built for it and the
/// connection's provider. Disposing it disposes the services (and flushes the log).
/// </summary>
internal sealed class ConnectionSession : IAsyncDisposable, IDisposable
{
    private ConnectionSession(RegistryConnectionOptions connection, ServiceProvider services)
    {
        Connection = connection;
        Services = services;
        Provider = services.GetRequiredService<IRegistryConnections>().Get(connection.Name!);
    }

    public RegistryConnectionOptions Connection { get; }

    public ServiceProvider Services { get; }

    public IRegistryProvider Provider { get; }

    /// <summary>Loads and validates the connection file, then builds the services for it.</summary>
    public static ConnectionSession Open(CliContext context, FileInfo connectionFile)
    {
        var connection = ConnectionFile.Load(connectionFile.FullName);
        var services = context.BuildServices(connection);
        try
        {
            return new ConnectionSession(connection, services);
        }
        catch
        {
            services.Dispose();
            throw;
        }
    }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public ValueTask DisposeAsync() => Services.DisposeAsync();

    public void Dispose() => Services.Dispose();
}
