using SharpFuzz;
using Sluice.Fuzz;

// afl-fuzz feeds one input per run on stdin; any exception escaping the target is a crash.
Fuzzer.OutOfProcess.Run(stream =>
{
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    DecodeTarget.Run(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
});
