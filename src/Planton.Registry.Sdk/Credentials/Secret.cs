using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Planton.Registry.Sdk.Credentials;

/// <summary>
/// A password, token or key. Its <see cref="ToString"/>, its debugger display and its JSON form are
/// always <c>***</c>; only <see cref="Reveal"/> gives the value, and only code that sends it to its
/// own host calls that.
/// </summary>
[DebuggerDisplay("***")]
[JsonConverter(typeof(SecretJsonConverter))]
[TypeConverter(typeof(SecretTypeConverter))]
public sealed class Secret : IEquatable<Secret>
{
    private const string Mask = "***";
    private readonly string _value;

    /// <summary>Wraps a secret value.</summary>
    /// <param name="value">The value; may be empty, never null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public Secret(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = value;
    }

    /// <summary>True when the value is empty.</summary>
    public bool IsEmpty => _value.Length == 0;

    /// <summary>Gives the value. Call it only at the point where the value leaves for its own host.</summary>
    /// <returns>The secret value.</returns>
    public string Reveal() => _value;

    /// <summary>Always <c>***</c>.</summary>
    /// <returns>The mask, never the value.</returns>
    public override string ToString() => Mask;

    /// <inheritdoc />
    public bool Equals(Secret? other) =>
        other is not null && string.Equals(_value, other._value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Secret other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(_value);

    private sealed class SecretJsonConverter : JsonConverter<Secret>
    {
        public override Secret Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            new(reader.GetString() ?? string.Empty);

        public override void Write(Utf8JsonWriter writer, Secret value, JsonSerializerOptions options) =>
            writer.WriteStringValue(Mask);
    }

    /// <summary>Lets configuration binding turn a string into a <see cref="Secret"/>.</summary>
    private sealed class SecretTypeConverter : TypeConverter
    {
        public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) =>
            sourceType == typeof(string) || base.CanConvertFrom(context, sourceType);

        public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
            value is string text ? new Secret(text) : base.ConvertFrom(context, culture, value);

        public override object? ConvertTo(
            ITypeDescriptorContext? context, CultureInfo? culture, object? value, Type destinationType) =>
            destinationType == typeof(string) ? Mask : base.ConvertTo(context, culture, value, destinationType);
    }
}
