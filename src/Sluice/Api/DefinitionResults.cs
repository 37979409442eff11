using Microsoft.AspNetCore.Http;
using Sluice.Engine.Persistence;

namespace Sluice.Api;

/// <summary>The answer to a <c>DELETE</c> of a definition, which the store of REST definitions must forget too.</summary>
internal static class DefinitionResults
{
    /// <summary>204, and <paramref name="name"/> forgotten by <paramref name="store"/>, when <paramref name="removed"/>; else 404.</summary>
    public static IResult Removed(bool removed, DefinitionStore store, DefinitionKind kind, string name)
    {
        if (!removed)
        {
            return TypedResults.NotFound();
        }

        store.Remove(kind, name);
        return TypedResults.NoContent();
    }
}
