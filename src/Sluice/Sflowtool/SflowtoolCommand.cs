using System.CommandLine;
using System.CommandLine.Parsing;

namespace Sluice.Sflowtool;

/// <summary><c>sluice sflowtool [options]</c>: sflowtool 6.11's command line, its short flags kept exactly.</summary>
internal static class SflowtoolCommand
{
    public static Command Create()
    {
        var arguments = new Argument<string[]>("options") { Arity = ArgumentArity.ZeroOrMore, Description = "sflowtool options (-h lists them)" };

        // The root's help option is recursive and would answer -h, -? and --help itself; this hidden local option
        // takes those tokens instead, and the action hands every token, in order, to sflowtool's own parser.
        var help = new Option<bool>("--help", "-h", "-?", "--usage") { Hidden = true, Arity = ArgumentArity.Zero };
        var command = new Command("sflowtool", "Decode sFlow like sflowtool: text, grep, CSV, JSON and pcap output (-h for its options).")
        {
            arguments,
            help,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(result =>
        {
            try
            {
                return SflowtoolProgram.Run(Tokens(result, command), Console.OpenStandardInput(), StandardOutput.Open(), Console.Error);
            }
            catch (IOException e) when (StandardOutput.IsBrokenPipe(e))
            {
                // sflowtool dies of SIGPIPE at its first write after the reader exits; end the same way, silently.
                return StandardOutput.SigpipeExitCode;
            }
        });
        return command;
    }

    private static string[] Tokens(ParseResult result, Command command)
    {
        var tokens = result.Tokens;
        var start = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Type == TokenType.Command && tokens[i].Value == command.Name)
            {
                start = i + 1;
                break;
            }
        }

        var args = new string[tokens.Count - start];
        for (var i = start; i < tokens.Count; i++)
        {
            args[i - start] = tokens[i].Value;
        }

        return args;
    }
}
