using SharpFuzz;
using Sluice.Fuzz;

// afl-fuzz feeds one input per run on stdin; any exception escaping the target is a crash.
// "decode" fuzzes the codec alone (faster, for codec changes); the default is the whole ingest path.
if (args is ["decode"])
{
    Fuzzer.OutOfProcess.Run(stream => DecodeTarget.Run(ReadAll(stream)));
}
else
{
    // Built inside the first run: instrumented code may only execute once SharpFuzz has mapped afl's coverage memory.
    IngestTarget? target = null;
    Fuzzer.OutOfProcess.Run(stream => (target ??= new IngestTarget()).Run(ReadAll(stream)));
}

static byte[] ReadAll(Stream stream)
{
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    return buffer.ToArray();
}
