using System.CommandLine;
using Sluice.Sflowtool;
using Sluice.Tunnel;

var root = new RootCommand("Sluice: real-time sFlow analytics (sFlow-RT compatible) and a drop-in sflowtool.")
{
    SflowtoolCommand.Create(),
    TunnelCommand.Create(),
    Sluice.Generate.GenerateCommand.Create(),
};

return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
