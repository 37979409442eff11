namespace Sluice.Sflowtool;

internal static class SflowtoolProgram
{
    public static int Run(string[] args, Stream input, Stream output, TextWriter errors)
    {
        errors.WriteLine("sluice sflowtool: not implemented yet (" + string.Join(' ', args) + ")");
        return 2;
    }
}
