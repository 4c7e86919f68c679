using Planton.Registry.Sdk.Connections;

namespace Planton.Registry.Sdk.Tests.Connections;

public sealed class ConnectionFileTests
{
    [TestCase("{\n \"Name\": \"x\",\n \"Provider\": \n}\n", "syntax error at line 4, column 1")]
    [TestCase("{\"Name\":\"x\",\"Name\":\"y\"}", "duplicate key 'Name'")]
    public void Read_MalformedJson_SaysWhereWithoutValues(string json, string expected)
    {
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, json);

        try
        {
            Assert.That(
                () => ConnectionFile.Read(path),
                Throws.TypeOf<RegistryConfigurationException>().With.Message.Contains(expected));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
