using System.CommandLine;
using Sluice.Generate;
using Sluice.Serve;
using Sluice.Sflowtool;
using Sluice.Tunnel;

// With no subcommand, sluice serves (as sFlow-RT's start.sh does), taking serve's options and -D properties.
var root = ServeCommand.Configure(new RootCommand("Sluice: real-time sFlow analytics (sFlow-RT compatible) and a drop-in sflowtool."));
root.Subcommands.Add(ServeCommand.Create());
root.Subcommands.Add(SflowtoolCommand.Create());
root.Subcommands.Add(TunnelCommand.Create());
root.Subcommands.Add(GenerateCommand.Create());

return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
