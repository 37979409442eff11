using System.CommandLine;
using Sluice.Sflowtool;

var root = new RootCommand("Sluice: real-time sFlow analytics (sFlow-RT compatible) and a drop-in sflowtool.")
{
    SflowtoolCommand.Create(),
};

return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
