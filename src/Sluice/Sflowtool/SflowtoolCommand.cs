using System.CommandLine;

namespace Sluice.Sflowtool;

/// <summary><c>sluice sflowtool [options]</c>: sflowtool 6.11's command line, its short flags kept exactly.</summary>
internal static class SflowtoolCommand
{
    public static Command Create()
    {
        var arguments = new Argument<string[]>("options") { Arity = ArgumentArity.ZeroOrMore, Description = "sflowtool options (-h lists them)" };
        var command = new Command("sflowtool", "Decode sFlow like sflowtool: text, grep, CSV, JSON and pcap output.")
        {
            arguments,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(result => SflowtoolProgram.Run([.. result.GetValue(arguments) ?? [], .. result.UnmatchedTokens], Console.OpenStandardInput(), Console.OpenStandardOutput(), Console.Error));
        return command;
    }
}
