using Xunit;
using YamlDotNet.RepresentationModel;

namespace Sluice.Tests.Deploy;

/// <summary>Navigation in a parsed YAML tree that fails the test, naming the key, when the shape is not as expected.</summary>
internal static class YamlNodes
{
    public static YamlNode Child(this YamlNode node, string key)
    {
        var mapping = Assert.IsType<YamlMappingNode>(node);
        Assert.True(mapping.Children.TryGetValue(new YamlScalarNode(key), out var child), $"no '{key}' in {mapping.Start}");
        return child;
    }

    public static YamlNode? ChildOrNull(this YamlNode node, string key) =>
        ((YamlMappingNode)node).Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    public static string Text(this YamlNode node, string key) => Assert.IsType<YamlScalarNode>(node.Child(key)).Value ?? string.Empty;

    public static IReadOnlyList<YamlNode> Items(this YamlNode node, string key) => [.. Assert.IsType<YamlSequenceNode>(node.Child(key)).Children];

    public static IReadOnlyList<string> Texts(this YamlNode node, string key) =>
        [.. node.Items(key).Select(i => Assert.IsType<YamlScalarNode>(i).Value ?? string.Empty)];

    /// <summary>The documents of a manifest file of the given <c>kind</c>.</summary>
    public static IEnumerable<YamlMappingNode> OfKind(this IEnumerable<YamlMappingNode> documents, string kind) =>
        documents.Where(d => d.ChildOrNull("kind") is YamlScalarNode { Value: var value } && value == kind);
}
